//! Rules: the defaults a book starts with, adding and changing them, and
//! firing the on-enter rules when a contact enters a stage.

use crate::domain::contact::{clean_text, validate_field_key, validate_tag};
use crate::domain::rules::{defaults, Rule, RuleKind};
use crate::domain::when::Duration;
use crate::error::Result;
use crate::store::{Db, Store};
use crate::{internal, refused};
use chrono::NaiveDate;

/// The default rules, when the book has none yet.
pub fn install_defaults(db: &Db<'_>) -> Result<()> {
    if !db.rules()?.is_empty() {
        return Ok(());
    }
    let pipeline = db.pipeline()?;
    let paying = db.paying_stage()?;
    for rule in defaults(&pipeline, paying.as_deref()) {
        db.insert_rule(&rule)?;
    }
    Ok(())
}

/// What the rules did on a move that the user should hear of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleEffect {
    /// The entry is too old: its follow-up would be overdue the day it is made.
    NotApplied {
        rule: i64,
        entered: NaiveDate,
        due: NaiveDate,
    },
    /// An import entered the stage without --fire-rules: imports start quiet.
    Held { rule: i64, stage: String },
    /// Leaving a stage closed the follow-ups its rules had scheduled.
    Cancelled { count: usize, stage: String },
}

impl std::fmt::Display for RuleEffect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RuleEffect::NotApplied { rule, entered, due } => write!(
                f,
                "rule {rule} not applied: the entry on {entered} is in the past (its follow-up would have been due {due})"
            ),
            RuleEffect::Held { rule, stage } => write!(
                f,
                "rule {rule} not fired on entering {stage}: imports start quiet (--fire-rules fires them)"
            ),
            RuleEffect::Cancelled { count, stage } => write!(
                f,
                "cancelled {count} follow-up{} that entering {stage} had scheduled (`rapport show` lists them)",
                if *count == 1 { "" } else { "s" }
            ),
        }
    }
}

/// A contact entered `stage` at `at` by the move `move_id`, from `from`
/// (None: they were just added). An on-enter rule fires when they move
/// forward into its stage for the first time (or every time, with
/// `every_entry`), never on a move back; its follow-up is tied to the move
/// so that undoing the move removes it. A follow-up that would be overdue
/// the day it is made (a back-dated move) is not made: the effect says so.
/// Without `fire`, nothing is scheduled and the effects name what would
/// have been.
pub fn on_enter(
    db: &Db<'_>,
    contact: i64,
    from: Option<&str>,
    stage: &str,
    at: &str,
    move_id: i64,
    fire: bool,
) -> Result<Vec<RuleEffect>> {
    let mut effects = Vec::new();
    let Some(day) = crate::clock::timestamp_date(at) else {
        return Ok(effects);
    };
    let forward = match from {
        None => true,
        Some(from) => match (db.stage_position(from)?, db.stage_position(stage)?) {
            (Some(a), Some(b)) => b > a,
            _ => true,
        },
    };
    if !forward {
        return Ok(effects);
    }
    let today = db.clock().today();
    let mut first: Option<bool> = None;
    for rule in db.rules_of_kind(RuleKind::OnEnter)? {
        if !rule.stages.iter().any(|s| s.eq_ignore_ascii_case(stage)) {
            continue;
        }
        if !rule.every_entry {
            let is_first = match first {
                Some(f) => f,
                None => {
                    let f = !db.entered_before(contact, stage, move_id)?;
                    first = Some(f);
                    f
                }
            };
            if !is_first {
                continue;
            }
        }
        if rule.needs_consent && !db.has_consent(contact)? {
            continue;
        }
        if !fire {
            effects.push(RuleEffect::Held {
                rule: rule.id,
                stage: stage.to_string(),
            });
            continue;
        }
        let after = rule.duration(&rule.after);
        let due = after.and_then(|d| d.add_to(day)).unwrap_or(day);
        if due < today {
            effects.push(RuleEffect::NotApplied {
                rule: rule.id,
                entered: day,
                due,
            });
            continue;
        }
        let note = rule
            .note
            .clone()
            .unwrap_or_else(|| format!("Follow up: entered {stage}"));
        db.insert_rule_follow_up(
            contact,
            &due.format("%Y-%m-%d").to_string(),
            &note,
            rule.id,
            move_id,
        )?;
    }
    Ok(effects)
}

/// A contact took back the last consent they held: the open follow-ups
/// of rules that need one are closed as cancelled, with why.
pub fn on_consent_withdrawn(db: &Db<'_>, contact: i64, day: &str) -> Result<usize> {
    if db.has_consent(contact)? {
        return Ok(0);
    }
    let rules: Vec<i64> = db
        .rules_of_kind(RuleKind::OnEnter)?
        .into_iter()
        .filter(|r| r.needs_consent)
        .map(|r| r.id)
        .collect();
    if rules.is_empty() {
        return Ok(0);
    }
    db.cancel_rule_follow_ups(contact, &rules, &format!("consent withdrawn on {day}"))
}

/// A contact left `stage` at `at`: the open follow-ups its on-enter rules
/// made are closed as cancelled (kept in the history), unless a rule keeps
/// them. The user's own follow-ups are never touched.
pub fn on_leave(db: &Db<'_>, contact: i64, stage: &str, at: &str) -> Result<Option<RuleEffect>> {
    let rules: Vec<i64> = db
        .rules_of_kind(RuleKind::OnEnter)?
        .into_iter()
        .filter(|r| !r.keep && r.stages.iter().any(|s| s.eq_ignore_ascii_case(stage)))
        .map(|r| r.id)
        .collect();
    if rules.is_empty() {
        return Ok(None);
    }
    let day = crate::clock::timestamp_date(at)
        .map(|d| d.to_string())
        .unwrap_or_else(|| at.to_string());
    let count = db.cancel_rule_follow_ups(contact, &rules, &format!("left {stage} on {day}"))?;
    Ok((count > 0).then(|| RuleEffect::Cancelled {
        count,
        stage: stage.to_string(),
    }))
}

/// What `rules add` and `rules edit` were told, before it is checked.
#[derive(Debug, Default, Clone)]
pub struct RuleSpec {
    pub on_enter: Option<String>,
    pub after: Option<String>,
    pub dormant: Option<String>,
    pub tag: Option<String>,
    pub every: Option<String>,
    pub max: Option<String>,
    pub birthday: Option<u32>,
    pub anniversary: Option<u32>,
    pub field: Option<String>,
    pub review_every: Option<String>,
    pub stages: Vec<String>,
    pub note: Option<String>,
    pub template: Option<String>,
    pub every_entry: Option<bool>,
    pub keep: Option<bool>,
    pub after_purchase: Option<String>,
    pub first: Option<bool>,
    pub on_rating: Option<crate::domain::rules::Band>,
    pub after_ticket_resolved: Option<String>,
    pub win_back: Option<String>,
    pub needs_consent: Option<bool>,
}

pub fn list(db: &Db<'_>) -> Result<Vec<Rule>> {
    db.rules()
}

pub fn add(store: &mut Store, spec: &RuleSpec) -> Result<Rule> {
    super::write(store, |db| {
        let rule = build(db, spec, None)?;
        let id = db.insert_rule(&rule)?;
        db.rule(id)?.ok_or_else(|| internal!("rule #{id} vanished"))
    })
}

pub fn edit(store: &mut Store, id: i64, spec: &RuleSpec) -> Result<Rule> {
    super::write(store, |db| {
        let current = db
            .rule(id)?
            .ok_or_else(|| refused!("no rule #{id}: `rapport rules` lists them"))?;
        let rule = build(db, spec, Some(current))?;
        db.update_rule(&rule)?;
        db.rule(id)?.ok_or_else(|| internal!("rule #{id} vanished"))
    })
}

/// Removes a rule; follow-ups it already made stay.
pub fn remove(store: &mut Store, id: i64) -> Result<()> {
    super::write(store, |db| {
        if !db.delete_rule(id)? {
            return Err(refused!("no rule #{id}: `rapport rules` lists them"));
        }
        Ok(())
    })
}

fn duration(text: &Option<String>, flag: &'static str) -> Result<Option<String>> {
    Ok(text
        .as_deref()
        .map(|t| {
            Duration::parse(t)
                .map(|d| d.to_string())
                .map_err(|e| e.of_flag(flag))
        })
        .transpose()?)
}

/// A new rule from the spec, or `current` changed by it.
fn build(db: &Db<'_>, a: &RuleSpec, current: Option<Rule>) -> Result<Rule> {
    let kinds = [
        (a.on_enter.is_some(), RuleKind::OnEnter),
        (a.dormant.is_some(), RuleKind::Dormant),
        (
            a.dormant.is_none() && a.tag.is_some() && a.every.is_some(),
            RuleKind::Cadence,
        ),
        (a.birthday.is_some(), RuleKind::Birthday),
        (a.anniversary.is_some(), RuleKind::Anniversary),
        (a.review_every.is_some(), RuleKind::Review),
        (a.after_purchase.is_some(), RuleKind::AfterPurchase),
        (a.on_rating.is_some(), RuleKind::OnRating),
        (
            a.after_ticket_resolved.is_some(),
            RuleKind::AfterTicketResolved,
        ),
        (a.win_back.is_some(), RuleKind::WinBack),
    ];
    let named: Vec<RuleKind> = kinds
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, k)| *k)
        .collect();
    let kind = match (&current, named.as_slice()) {
        (Some(rule), []) => rule.kind,
        (Some(rule), [k]) if *k == rule.kind => rule.kind,
        (Some(rule), _) => {
            return Err(refused!(
                "rule #{} is a {} rule: its kind cannot change (add a new rule instead)",
                rule.id,
                rule.kind
            ))
        }
        (None, [k]) => *k,
        (None, []) => {
            return Err(refused!(
                "which kind of rule? expected one of --on-enter STAGE, --dormant DURATION, --tag TAG --every DURATION, \
                 --birthday DAYS, --anniversary DAYS, --review-every DURATION, --after-purchase DURATION, \
                 --on-rating BAND, --after-ticket-resolved DURATION or --win-back DURATION"
            ))
        }
        (None, _) => {
            return Err(refused!(
                "one kind of rule at a time: --on-enter, --dormant, --tag with --every, --birthday, --anniversary, --review-every, \
                 --after-purchase, --on-rating, --after-ticket-resolved and --win-back do not mix"
            ))
        }
    };
    let mut rule = current.unwrap_or(Rule::new(kind));
    let stage = |name: &str| db.stage_id(name).map(|(_, n)| n);
    if let Some(s) = &a.on_enter {
        rule.stages = vec![stage(s)?];
    }
    if !a.stages.is_empty() {
        if !matches!(kind, RuleKind::Dormant | RuleKind::Review) && !kind.is_event() {
            return Err(refused!(
                "--stage goes with --dormant, --review-every or an event rule"
            ));
        }
        rule.stages = a.stages.iter().map(|s| stage(s)).collect::<Result<_>>()?;
    }
    if let Some(tag) = &a.tag {
        if !matches!(kind, RuleKind::Dormant | RuleKind::Cadence) && !kind.is_event() {
            return Err(refused!(
                "--tag goes with --dormant, an event rule, or with --every for a cadence"
            ));
        }
        rule.tag = Some(validate_tag(tag)?);
    }
    if a.after.is_some() {
        if !matches!(kind, RuleKind::OnEnter | RuleKind::OnRating) {
            return Err(refused!("--after goes with --on-enter or --on-rating"));
        }
        rule.after = duration(&a.after, "--after")?;
    }
    // An event rule's delay is its own flag's value.
    for (value, flag) in [
        (&a.after_purchase, "--after-purchase"),
        (&a.after_ticket_resolved, "--after-ticket-resolved"),
        (&a.win_back, "--win-back"),
    ] {
        if value.is_some() {
            rule.after = duration(value, flag)?;
        }
    }
    if let Some(band) = a.on_rating {
        rule.band = Some(band);
    }
    if let Some(needs) = a.needs_consent {
        rule.needs_consent = needs;
    }
    if let Some(first) = a.first {
        if kind != RuleKind::AfterPurchase {
            return Err(refused!("--first goes with --after-purchase"));
        }
        rule.first_only = first;
    }
    match kind {
        RuleKind::Dormant if a.dormant.is_some() => rule.every = duration(&a.dormant, "--dormant")?,
        RuleKind::Cadence if a.every.is_some() => rule.every = duration(&a.every, "--every")?,
        RuleKind::Review if a.review_every.is_some() => {
            rule.every = duration(&a.review_every, "--review-every")?
        }
        _ if a.every.is_some() => {
            return Err(refused!(
                "--every goes with --tag, for a stay-in-touch cadence"
            ))
        }
        _ => {}
    }
    if a.max.is_some() {
        if kind != RuleKind::Cadence {
            return Err(refused!("--max goes with a cadence (--tag and --every)"));
        }
        rule.max = duration(&a.max, "--max")?;
    }
    if let Some(days) = a.birthday.or(a.anniversary) {
        if days > 366 {
            return Err(refused!(
                "days ahead '{days}' is too far: expected 0 to 366"
            ));
        }
        rule.days_ahead = Some(days);
    }
    if let Some(field) = &a.field {
        if kind != RuleKind::Anniversary {
            return Err(refused!("--field goes with --anniversary"));
        }
        rule.field = Some(validate_field_key(field)?);
    }
    if let Some(note) = &a.note {
        rule.note = clean_text(note)?;
    }
    if a.every_entry.is_some() || a.keep.is_some() {
        if kind != RuleKind::OnEnter {
            return Err(refused!("--every-entry and --keep go with --on-enter"));
        }
        rule.every_entry = a.every_entry.unwrap_or(rule.every_entry);
        rule.keep = a.keep.unwrap_or(rule.keep);
    }
    if let Some(name) = &a.template {
        if db.template(name)?.is_none() {
            return Err(refused!(
                "no template '{}': add it first with `rapport template add {} --subject … --body …`",
                crate::domain::text::shown(name),
                crate::domain::text::shown(name)
            ));
        }
        rule.template = Some(name.trim().to_string());
    }
    // What each kind cannot do without.
    match kind {
        RuleKind::OnEnter if rule.after.is_none() => {
            return Err(refused!("an on-enter rule needs --after, like --after 1d"))
        }
        RuleKind::OnEnter if rule.note.is_none() => {
            return Err(refused!(
                "an on-enter rule needs --note: what to do, like 'Send the welcome pack'"
            ))
        }
        RuleKind::Cadence if rule.tag.is_none() || rule.every.is_none() => {
            return Err(refused!("a cadence needs --tag and --every"))
        }
        RuleKind::Review if rule.stages.is_empty() => {
            return Err(refused!("a review rule needs --stage"))
        }
        _ => {}
    }
    if let (Some(every), Some(max)) = (rule.duration(&rule.every), rule.duration(&rule.max)) {
        let base = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
        if max.add_to(base) < every.add_to(base) {
            return Err(refused!(
                "--max {max} is shorter than --every {every}: the maximum gap must be at least the ideal one"
            ));
        }
    }
    Ok(rule)
}
