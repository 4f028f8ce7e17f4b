//! What is due, behind `due`, the dashboard and the calendar: follow-ups,
//! the reminders rules compute, open tickets and at-risk alerts, merged
//! into one list with done, snooze, do-not-contact and quiet-days applied;
//! and marking an item done or snoozing it. Listing only reads: running
//! `due` twice changes nothing.

use crate::clock::{format_timestamp, local_to_utc, timestamp_date, Clock};
use crate::domain::due::{
    follow_up_item, parse_item_id, reminder_item, sort_items, DueItem, DueKind, ItemId,
};
use crate::domain::follow_up::next_occurrence;
use crate::domain::rules::{self, Reminder, Rule, RuleKind};
use crate::domain::settings;
use crate::domain::text::shown;
use crate::domain::when::{Duration, When};
use crate::error::Result;
use crate::store::{Candidate, Db, ReminderStates, Store};
use crate::{internal, refused};
use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use serde::Serialize;

/// What is due, and the rules that could not be applied.
#[derive(Debug, Default)]
pub struct Due {
    pub items: Vec<DueItem>,
    /// One line per broken rule (a stage it names is gone): the rest of the
    /// list is still right.
    pub warnings: Vec<String>,
}

/// Everything due on or before `until`, overdue first.
pub fn items(db: &Db<'_>, clock: Clock, until: NaiveDate) -> Result<Vec<DueItem>> {
    Ok(list(db, clock, until)?.items)
}

/// `items`, with what kept a rule from being applied.
pub fn list(db: &Db<'_>, clock: Clock, until: NaiveDate) -> Result<Due> {
    let mut warnings = Vec::new();
    let today = clock.today();
    let setting = |name: &str| -> Result<String> { db.setting_or_default(settings::key(name)?) };
    let quiet_days: i64 = setting("quiet-days")?.parse().unwrap_or(0);
    let states = db.reminder_states()?;
    let rules = db.rules()?;
    let mut items = Vec::new();

    for due in db.due_follow_ups(&until.to_string())? {
        let item = follow_up_item(&due.follow_up, today, due.follow_up.rule);
        if due.follow_up.rule.is_some()
            && held_back(
                due.do_not_contact,
                due.last_contact_at.as_deref(),
                quiet_days,
                today,
            )
        {
            continue;
        }
        items.push(item);
    }

    for rule in &rules {
        let kind = match rule.kind {
            RuleKind::OnEnter => continue,
            RuleKind::Dormant => DueKind::Dormant,
            RuleKind::Cadence => DueKind::Cadence,
            RuleKind::Birthday => DueKind::Birthday,
            RuleKind::Anniversary => DueKind::Anniversary,
            RuleKind::Review => DueKind::Review,
        };
        let found = match reminders(db, rule, today, until) {
            Ok(found) => found,
            Err(crate::error::Error::Invalid(e)) => {
                warnings.push(format!(
                    "rule {} ({}) was skipped: {e} (rapport rules edit {}, or rules rm {})",
                    rule.id, rule.kind, rule.id, rule.id
                ));
                continue;
            }
            Err(e) => return Err(e),
        };
        for (candidate, reminder) in found {
            if held_back(
                candidate.do_not_contact,
                candidate.last_contact_at.as_deref(),
                quiet_days,
                today,
            ) {
                continue;
            }
            if let Some(item) = apply_state(&states, reminder, today, until) {
                items.push(reminder_item(
                    kind,
                    item,
                    candidate.contact_id,
                    &candidate.name,
                    Some(rule.id),
                ));
            }
        }
    }

    let ticket_days: u64 = setting("ticket-days")?.parse().unwrap_or(2);
    let ticket_cutoff = until
        .checked_sub_days(Days::new(ticket_days))
        .unwrap_or(until);
    for (contact, name, _, ticket, opened, summary) in
        db.open_tickets_before(&start_of(ticket_cutoff.succ_opt().unwrap_or(ticket_cutoff)))?
    {
        let Some(opened_on) = timestamp_date(&opened) else {
            continue;
        };
        let due = opened_on + Days::new(ticket_days);
        let days = (today - opened_on).num_days();
        let reminder = Reminder {
            key: format!("ticket-{ticket}"),
            spell: "open".into(),
            due,
            overdue: due < today,
            what: format!("Resolve ticket #{ticket}: {summary}"),
            why: format!("open for {days} day{}", if days == 1 { "" } else { "s" }),
        };
        if let Some(item) = apply_state(&states, reminder, today, until) {
            items.push(reminder_item(DueKind::Ticket, item, contact, &name, None));
        }
    }

    for r in super::report::at_risk(db, today)? {
        if r.do_not_contact {
            continue;
        }
        let reminder = Reminder {
            key: format!("at-risk-{}", r.contact_id),
            spell: r.spell.clone(),
            due: today,
            overdue: false,
            what: "At risk: reach out before they leave".into(),
            why: format!("health {}: {}", r.health, r.reasons.join("; ")),
        };
        if let Some(item) = apply_state(&states, reminder, today, until) {
            items.push(reminder_item(
                DueKind::AtRisk,
                item,
                r.contact_id,
                &r.contact,
                None,
            ));
        }
    }
    attach_drafts(db, &rules, &mut items, clock)?;
    sort_items(&mut items);
    Ok(Due { items, warnings })
}

/// Do-not-contact, or touched within the last `quiet_days`: no rule reminders.
fn held_back(
    do_not_contact: bool,
    last_contact_at: Option<&str>,
    quiet_days: i64,
    today: NaiveDate,
) -> bool {
    if do_not_contact {
        return true;
    }
    quiet_days > 0
        && last_contact_at
            .and_then(timestamp_date)
            .is_some_and(|last| (today - last).num_days() < quiet_days)
}

/// Done in this spell: gone. Snoozed: back on the snooze date.
fn apply_state(
    states: &ReminderStates,
    mut r: Reminder,
    today: NaiveDate,
    until: NaiveDate,
) -> Option<Reminder> {
    if let Some((done, snoozed)) = states.get(&(r.key.clone(), r.spell.clone())) {
        if done.is_some() {
            return None;
        }
        if let Some(date) = snoozed
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            if date > until {
                return None;
            }
            r.due = date;
            r.overdue = date < today;
        }
    }
    Some(r)
}

/// The start of a local day as a stored timestamp.
fn start_of(day: NaiveDate) -> String {
    format_timestamp(local_to_utc(day.and_time(NaiveTime::MIN)))
}

fn day(text: &str) -> Option<NaiveDate> {
    timestamp_date(text).or_else(|| NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok())
}

/// The reminders one rule computes, with the contact each is for.
fn reminders(
    db: &Db<'_>,
    rule: &Rule,
    today: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<(Candidate, Reminder)>> {
    let every = rule.duration(&rule.every);
    let mut out = Vec::new();
    match rule.kind {
        RuleKind::OnEnter => {}
        RuleKind::Dormant => {
            let Some(span) = every else { return Ok(out) };
            // Quiet since before this day means due by `until`.
            let Some(limit) = span.subtract_from(until).and_then(|d| d.succ_opt()) else {
                return Ok(out);
            };
            for c in db.quiet_contacts(&start_of(limit), &rule.stages, rule.tag.as_deref())? {
                if let Some(r) =
                    day(&c.date).and_then(|since| rules::dormant(rule, c.contact_id, since, until))
                {
                    let mut r = r;
                    r.overdue = r.due < today;
                    out.push((c, r));
                }
            }
        }
        RuleKind::Cadence => {
            let Some(tag) = &rule.tag else { return Ok(out) };
            for c in db.tagged_contacts(tag)? {
                if let Some(r) = day(&c.date)
                    .and_then(|since| rules::cadence(rule, c.contact_id, since, today, until))
                {
                    out.push((c, r));
                }
            }
        }
        RuleKind::Birthday => {
            let horizon = until.max(today + Days::new(u64::from(rule.days_ahead.unwrap_or(0))));
            for c in db.birthdays_between(&month_day_ranges(today, horizon))? {
                if let Some(r) =
                    rules::yearly(rule, c.contact_id, &c.date, "Birthday", today, until)
                {
                    out.push((c, r));
                }
            }
        }
        RuleKind::Anniversary => {
            let (candidates, label) = match &rule.field {
                Some(field) => (
                    db.field_dates(field)?,
                    format!("Anniversary of {}", field.replace('_', " ")),
                ),
                None => match db.paying_stage()? {
                    Some(stage) => {
                        let horizon =
                            until.max(today + Days::new(u64::from(rule.days_ahead.unwrap_or(0))));
                        // Stored in UTC: a day's margin each side for the local date;
                        // `rules::yearly` then decides exactly.
                        let from = today.pred_opt().unwrap_or(today);
                        let to = horizon.succ_opt().unwrap_or(horizon);
                        (
                            db.first_entered(&stage, &month_day_ranges(from, to))?,
                            "Customer anniversary".to_string(),
                        )
                    }
                    None => (Vec::new(), String::new()),
                },
            };
            for c in candidates {
                let date = day(&c.date).map(|d| d.to_string()).unwrap_or_default();
                // Becoming a customer today is no anniversary.
                if date.get(..4) == Some(&today.year().to_string()) && rule.field.is_none() {
                    continue;
                }
                if let Some(r) = rules::yearly(rule, c.contact_id, &date, &label, today, until) {
                    out.push((c, r));
                }
            }
        }
        RuleKind::Review => {
            for c in db.contacts_in_stages(&rule.stages)? {
                let key = format!("review-{}-{}", rule.id, c.contact_id);
                let entered = day(&c.date);
                let reviewed = db.last_done(&key)?.as_deref().and_then(day);
                let since = entered.max(reviewed);
                if let Some(r) =
                    since.and_then(|s| rules::review(rule, c.contact_id, s, today, until))
                {
                    out.push((c, r));
                }
            }
        }
    }
    Ok(out)
}

/// MM-DD ranges covering `from`..=`to` (split at the year's end), with 29
/// February joining any range that holds 28 February.
fn month_day_ranges(from: NaiveDate, to: NaiveDate) -> Vec<(String, String)> {
    let md = |d: NaiveDate| d.format("%m-%d").to_string();
    let widen = |end: String| {
        if end == "02-28" {
            "02-29".to_string()
        } else {
            end
        }
    };
    if (to - from).num_days() >= 365 {
        return vec![("01-01".into(), "12-31".into())];
    }
    if from.year() == to.year() {
        vec![(md(from), widen(md(to)))]
    } else {
        vec![(md(from), "12-31".into()), ("01-01".into(), widen(md(to)))]
    }
}

/// Items of rules that name a template carry the message, rendered.
fn attach_drafts(db: &Db<'_>, rules: &[Rule], items: &mut [DueItem], clock: Clock) -> Result<()> {
    for item in items.iter_mut() {
        let Some(rule) = item.rule.and_then(|id| rules.iter().find(|r| r.id == id)) else {
            continue;
        };
        let Some(name) = &rule.template else { continue };
        let Some(template) = db.template(name)? else {
            item.draft_error = Some(format!("template '{name}' does not exist"));
            continue;
        };
        let Some(contact) = db.contact(item.contact_id)? else {
            continue;
        };
        match super::templates::render_for(db, &template, &contact, clock)? {
            Ok(draft) => item.draft = Some(draft),
            Err(e) => item.draft_error = Some(e.to_string()),
        }
    }
    Ok(())
}

/// A computed reminder by its id, due now or within the year ahead.
fn find(db: &Db<'_>, clock: Clock, key: &str) -> Result<DueItem> {
    let horizon = clock.today() + Days::new(400);
    items(db, clock, horizon)?
        .into_iter()
        .find(|i| i.id == key)
        .ok_or_else(|| {
            refused!(
                "no item '{}' is due: it was done already, or nothing calls for it now (rapport due --within 1y lists what is coming)",
                shown(key)
            )
        })
}

/// What `done` did, as the confirmation says it.
#[derive(Debug, Clone, Serialize)]
pub struct Done {
    pub id: String,
    pub kind: &'static str,
    pub contact_id: i64,
    pub contact: String,
    pub what: String,
    pub done: bool,
    /// A recurring follow-up's next occurrence.
    pub next: Option<Next>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Next {
    pub id: String,
    pub due: String,
}

/// `done`: a follow-up (a recurring one schedules its next occurrence), a
/// ticket (resolved), or a computed reminder (done for its spell).
pub fn done(store: &mut Store, text: &str) -> Result<Done> {
    let item = parse_item_id(text)?;
    let clock = store.clock();
    let today = clock.today();
    super::write(store, |db| match &item {
        ItemId::FollowUp(id) => done_follow_up(db, *id, text, today),
        ItemId::Ticket(id) => {
            if db.interaction(*id)?.is_none() {
                return Err(refused!(
                    "no item '{}': ticket #{id} does not exist",
                    shown(text)
                ));
            }
            let ticket = super::interaction::close_ticket(db, *id, None)?;
            Ok(Done {
                id: text.trim().to_string(),
                kind: "ticket",
                contact_id: ticket.contact_id,
                contact: ticket.contact,
                what: ticket.summary,
                done: true,
                next: None,
            })
        }
        ItemId::Computed(key) => {
            let found = find(db, clock, key)?;
            let spell = found.spell.clone().unwrap_or_default();
            db.mark_reminder(key, &spell, found.contact_id, Some(&db.now()), None)?;
            Ok(Done {
                id: key.clone(),
                kind: found.kind.as_str(),
                contact_id: found.contact_id,
                contact: found.contact,
                what: found.what,
                done: true,
                next: None,
            })
        }
    })
}

fn done_follow_up(db: &Db<'_>, id: i64, text: &str, today: NaiveDate) -> Result<Done> {
    let (f, anchor) = db.follow_up(id)?.ok_or_else(|| {
        refused!(
            "no item '{}' to mark done: expected an id that `rapport due` shows",
            shown(text)
        )
    })?;
    if f.done_at.is_some() {
        return Err(refused!(
            "follow-up #{id} with {} is already done",
            shown(&f.contact)
        ));
    }
    let next = match &f.every {
        Some(every) => {
            let every = Duration::parse(every)?;
            let parse = |d: &str| {
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|_| internal!("follow-up #{id} has a bad date '{d}'"))
            };
            let date = next_occurrence(parse(&anchor)?, every, parse(&f.due)?, today)
                .ok_or_else(|| refused!("follow-up #{id} has no next occurrence in range"))?;
            Some(date.format("%Y-%m-%d").to_string())
        }
        None => None,
    };
    let next_id = db.complete_follow_up(id, next.as_deref())?;
    Ok(Done {
        id: f.id.to_string(),
        kind: if f.rule.is_some() {
            "on-enter"
        } else {
            "follow-up"
        },
        contact_id: f.contact_id,
        contact: f.contact,
        what: f.note,
        done: true,
        next: next_id.zip(next).map(|(id, due)| Next {
            id: id.to_string(),
            due,
        }),
    })
}

/// What `snooze` did.
#[derive(Debug, Clone, Serialize)]
pub struct Snoozed {
    pub id: String,
    pub kind: &'static str,
    pub due: String,
    #[serde(skip)]
    pub contact: String,
}

/// `snooze`: any item to a later day (a follow-up keeps a time of day).
pub fn snooze(store: &mut Store, text: &str, when: When) -> Result<Snoozed> {
    let item = parse_item_id(text)?;
    let clock = store.clock();
    let date = when.date().format("%Y-%m-%d").to_string();
    let time = when.time().map(|t| t.format("%H:%M").to_string());
    let (kind, contact) = super::write(store, |db| match &item {
        ItemId::FollowUp(id) => {
            let (f, _) = db.follow_up(*id)?.ok_or_else(|| {
                refused!(
                    "no item '{}' to snooze: expected an id that `rapport due` shows",
                    shown(text)
                )
            })?;
            if f.done_at.is_some() {
                return Err(refused!(
                    "follow-up #{id} with {} is already done",
                    shown(&f.contact)
                ));
            }
            db.reschedule_follow_up(*id, &date, time.as_deref())?;
            Ok(("follow-up", f.contact))
        }
        ItemId::Ticket(id) => {
            let t = db.interaction(*id)?.ok_or_else(|| {
                refused!("no item '{}': ticket #{id} does not exist", shown(text))
            })?;
            if t.resolved_at.is_some() {
                return Err(refused!(
                    "ticket #{id} for {} is already resolved",
                    shown(&t.contact)
                ));
            }
            db.mark_reminder(text.trim(), "open", t.contact_id, None, Some(&date))?;
            Ok(("ticket", t.contact))
        }
        ItemId::Computed(key) => {
            let found = find(db, clock, key)?;
            let spell = found.spell.clone().unwrap_or_default();
            db.mark_reminder(key, &spell, found.contact_id, None, Some(&date))?;
            Ok((found.kind.as_str(), found.contact))
        }
    })?;
    Ok(Snoozed {
        id: text.to_string(),
        kind,
        due: date,
        contact,
    })
}

/// What the dashboard shows: today's items, contacts per stage, the latest
/// interactions; and whether the book is empty.
#[derive(Debug, Serialize)]
pub struct Dashboard {
    #[serde(skip)]
    pub empty: bool,
    pub due: Vec<DueItem>,
    pub stages: Vec<crate::domain::stage::Stage>,
    pub recent_interactions: Vec<crate::domain::interaction::Interaction>,
    #[serde(skip)]
    pub warnings: Vec<String>,
}

pub fn dashboard(db: &Db<'_>, clock: Clock) -> Result<Dashboard> {
    let due = list(db, clock, clock.today())?;
    Ok(Dashboard {
        empty: !db.has_contacts()?,
        due: due.items,
        warnings: due.warnings,
        stages: db.stages_with_counts()?,
        recent_interactions: db.recent_interactions(None, 5)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn month_day_windows() {
        assert_eq!(
            month_day_ranges(ymd(2026, 11, 23), ymd(2026, 11, 30)),
            [("11-23".to_string(), "11-30".to_string())]
        );
        assert_eq!(
            month_day_ranges(ymd(2026, 12, 28), ymd(2027, 1, 4)),
            [
                ("12-28".to_string(), "12-31".to_string()),
                ("01-01".to_string(), "01-04".to_string())
            ]
        );
        assert_eq!(
            month_day_ranges(ymd(2027, 2, 21), ymd(2027, 2, 28)),
            [("02-21".to_string(), "02-29".to_string())]
        );
    }
}
