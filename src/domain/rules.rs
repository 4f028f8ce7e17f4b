//! Rules that say when to act: a welcome after entering a stage, "we miss
//! you" after a quiet spell, a stay-in-touch cadence per tag, birthdays and
//! anniversaries, account reviews. Pure: given a contact's facts and a day,
//! what is due and why.

use super::when::Duration;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    OnEnter,
    Dormant,
    Cadence,
    Birthday,
    Anniversary,
    Review,
    /// Some time after a purchase: ask for feedback.
    AfterPurchase,
    /// A rating in a band: make it right, or ask for a referral.
    OnRating,
    /// Some time after a ticket is resolved: check in.
    AfterTicketResolved,
    /// Some time after a contact was lost: try to win them back.
    WinBack,
}

impl RuleKind {
    pub const ALL: [RuleKind; 10] = [
        RuleKind::OnEnter,
        RuleKind::Dormant,
        RuleKind::Cadence,
        RuleKind::Birthday,
        RuleKind::Anniversary,
        RuleKind::Review,
        RuleKind::AfterPurchase,
        RuleKind::OnRating,
        RuleKind::AfterTicketResolved,
        RuleKind::WinBack,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::OnEnter => "on-enter",
            RuleKind::Dormant => "dormant",
            RuleKind::Cadence => "cadence",
            RuleKind::Birthday => "birthday",
            RuleKind::Anniversary => "anniversary",
            RuleKind::Review => "review",
            RuleKind::AfterPurchase => "after-purchase",
            RuleKind::OnRating => "on-rating",
            RuleKind::AfterTicketResolved => "after-ticket-resolved",
            RuleKind::WinBack => "win-back",
        }
    }

    pub fn parse(text: &str) -> Option<RuleKind> {
        RuleKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// Rules that answer one event each (a purchase, a rating, a resolved
    /// ticket, a loss), once per event.
    pub fn is_event(self) -> bool {
        matches!(
            self,
            RuleKind::AfterPurchase
                | RuleKind::OnRating
                | RuleKind::AfterTicketResolved
                | RuleKind::WinBack
        )
    }
}

/// The NPS bands of a 0–10 rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    /// 0 to 6
    Detractor,
    /// 7 or 8
    Passive,
    /// 9 or 10
    Promoter,
}

impl Band {
    pub fn of(rating: i64) -> Band {
        match rating {
            9.. => Band::Promoter,
            7 | 8 => Band::Passive,
            _ => Band::Detractor,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Band::Detractor => "detractor",
            Band::Passive => "passive",
            Band::Promoter => "promoter",
        }
    }

    pub fn parse(text: &str) -> Option<Band> {
        [Band::Detractor, Band::Passive, Band::Promoter]
            .into_iter()
            .find(|b| b.as_str() == text)
    }

    /// The ratings in the band, for SQL.
    pub fn range(self) -> (i64, i64) {
        match self {
            Band::Detractor => (0, 6),
            Band::Passive => (7, 8),
            Band::Promoter => (9, 10),
        }
    }
}

impl fmt::Display for RuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: i64,
    pub kind: RuleKind,
    /// on-enter and review: the stage; dormant: only these stages (empty: all).
    pub stages: Vec<String>,
    /// cadence: the tag it keeps in touch with; dormant: only this tag.
    pub tag: Option<String>,
    pub after: Option<String>,
    pub every: Option<String>,
    pub max: Option<String>,
    pub days_ahead: Option<u32>,
    /// anniversary: the date field it celebrates (None: becoming a customer).
    pub field: Option<String>,
    pub note: Option<String>,
    pub template: Option<String>,
    /// on-enter: fire on every entry (moving forward), not only the first.
    pub every_entry: bool,
    /// on-enter: its follow-ups stay when the contact leaves the stage.
    pub keep: bool,
    /// on-rating: the band it answers.
    pub band: Option<Band>,
    /// after-purchase: the contact's first purchase only.
    pub first_only: bool,
    /// Marketing: only contacts holding a consent not withdrawn.
    pub needs_consent: bool,
    /// When the rule was made: events whose reminder would already be past
    /// by then are history, not a flood of overdue items.
    #[serde(skip)]
    pub created_on: Option<NaiveDate>,
}

impl Rule {
    /// A rule of this kind with nothing set yet.
    pub fn new(kind: RuleKind) -> Rule {
        Rule {
            id: 0,
            kind,
            stages: vec![],
            tag: None,
            after: None,
            every: None,
            max: None,
            days_ahead: None,
            field: None,
            note: None,
            template: None,
            every_entry: false,
            keep: false,
            band: None,
            first_only: false,
            needs_consent: false,
            created_on: None,
        }
    }

    pub fn duration(&self, text: &Option<String>) -> Option<Duration> {
        text.as_deref().and_then(|t| Duration::parse(t).ok())
    }

    /// When it fires, in words.
    pub fn condition(&self) -> String {
        let stages = self.stages.join(" or ");
        let condition = match self.kind {
            RuleKind::OnEnter if self.every_entry => {
                format!("enters {stages} (every time, moving forward)")
            }
            RuleKind::OnEnter => format!("enters {stages} (the first time, moving forward)"),
            RuleKind::Dormant => {
                let mut c = format!(
                    "no interaction for {}",
                    self.every.as_deref().unwrap_or("?")
                );
                if !self.stages.is_empty() {
                    c.push_str(&format!(", in {stages}"));
                }
                if let Some(tag) = &self.tag {
                    c.push_str(&format!(", tagged {tag}"));
                }
                c
            }
            RuleKind::Cadence => {
                let mut c = format!(
                    "tagged {}: every {}",
                    self.tag.as_deref().unwrap_or("?"),
                    self.every.as_deref().unwrap_or("?")
                );
                if let Some(max) = &self.max {
                    c.push_str(&format!(", at most {max}"));
                }
                c
            }
            RuleKind::Birthday => format!("birthday within {} days", self.days_ahead.unwrap_or(0)),
            RuleKind::Anniversary => match &self.field {
                Some(field) => format!(
                    "anniversary of {field} within {} days",
                    self.days_ahead.unwrap_or(0)
                ),
                None => format!(
                    "customer anniversary within {} days",
                    self.days_ahead.unwrap_or(0)
                ),
            },
            RuleKind::Review => format!(
                "in {stages}: every {}",
                self.every.as_deref().unwrap_or("?")
            ),
            RuleKind::AfterPurchase => format!(
                "{} after {}",
                self.after.as_deref().unwrap_or("0d"),
                if self.first_only {
                    "a first purchase"
                } else {
                    "each purchase"
                }
            ),
            RuleKind::OnRating => format!(
                "a {} rating ({}), {} later",
                self.band.map_or("?", Band::as_str),
                self.band.map_or("?".to_string(), |b| {
                    let (lo, hi) = b.range();
                    format!("{lo}-{hi}")
                }),
                self.after.as_deref().unwrap_or("0d")
            ),
            RuleKind::AfterTicketResolved => format!(
                "{} after a ticket is resolved",
                self.after.as_deref().unwrap_or("0d")
            ),
            RuleKind::WinBack => {
                format!("{} after being lost", self.after.as_deref().unwrap_or("0d"))
            }
        };
        let mut filters = Vec::new();
        if self.kind.is_event() {
            if !self.stages.is_empty() {
                filters.push(format!("in {}", self.stages.join(" or ")));
            }
            if let Some(tag) = &self.tag {
                filters.push(format!("tagged {tag}"));
            }
        }
        if self.needs_consent {
            filters.push("with consent".to_string());
        }
        if filters.is_empty() {
            condition
        } else {
            format!("{condition}, {}", filters.join(", "))
        }
    }

    /// What it asks for, in words.
    pub fn action(&self) -> String {
        let mut a = match (self.kind, &self.note) {
            (_, Some(note)) => note.clone(),
            (RuleKind::OnEnter, None) => "follow up".into(),
            (RuleKind::Dormant, None) => "check in: they have gone quiet".into(),
            (RuleKind::Cadence, None) => "stay in touch".into(),
            (RuleKind::Birthday, None) => "wish them a happy birthday".into(),
            (RuleKind::Anniversary, None) => "mark the anniversary".into(),
            (RuleKind::Review, None) => "review the account".into(),
            (RuleKind::AfterPurchase, None) => "ask how it went".into(),
            (RuleKind::OnRating, None) => match self.band {
                Some(Band::Detractor) => "make it right".into(),
                Some(Band::Promoter) => "ask for a referral".into(),
                _ => "ask what would make it a 10".into(),
            },
            (RuleKind::AfterTicketResolved, None) => "check in: is it working now?".into(),
            (RuleKind::WinBack, None) => "try to win them back".into(),
        };
        if self.kind == RuleKind::OnEnter {
            let leaving = if self.keep {
                "kept when they leave"
            } else {
                "cancelled when they leave"
            };
            a = format!(
                "{a} (after {}; {leaving})",
                self.after.as_deref().unwrap_or("0d")
            );
        }
        if let Some(t) = &self.template {
            a.push_str(&format!(" [template {t}]"));
        }
        a
    }
}

/// A rule as `rules` lists it: with when it fires and what it asks, in words.
#[derive(Debug, Clone, Serialize)]
pub struct RuleView {
    #[serde(flatten)]
    pub rule: Rule,
    pub condition: String,
    pub action: String,
}

impl From<Rule> for RuleView {
    fn from(rule: Rule) -> RuleView {
        RuleView {
            condition: rule.condition(),
            action: rule.action(),
            rule,
        }
    }
}

/// The rules a new book starts with (the README lists them): a welcome
/// the day after entering acquisition, "we miss you" after 60 quiet days
/// for paying customers, birthdays and customer anniversaries a week ahead,
/// a feedback ask a week after a first purchase, and a next-day call to
/// make it right after a detractor's rating.
pub fn defaults(pipeline: &[String], paying: Option<&str>) -> Vec<Rule> {
    let base = Rule::new(RuleKind::OnEnter);
    let mut rules = Vec::new();
    let welcome = pipeline
        .iter()
        .find(|s| s.eq_ignore_ascii_case("acquisition"))
        .or_else(|| pipeline.get(1))
        .or_else(|| pipeline.first());
    if let Some(stage) = welcome {
        rules.push(Rule {
            stages: vec![stage.clone()],
            after: Some("1d".into()),
            note: Some("Welcome: say hello and ask what they need".into()),
            ..base.clone()
        });
    }
    let customers: Vec<String> = match paying {
        Some(p) => pipeline
            .iter()
            .skip_while(|s| !s.eq_ignore_ascii_case(p))
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    if !customers.is_empty() {
        rules.push(Rule {
            kind: RuleKind::Dormant,
            stages: customers,
            every: Some("60d".into()),
            note: Some("We miss you: check in".into()),
            ..base.clone()
        });
    }
    rules.push(Rule {
        kind: RuleKind::Birthday,
        days_ahead: Some(7),
        ..base.clone()
    });
    rules.push(Rule {
        kind: RuleKind::Anniversary,
        days_ahead: Some(7),
        ..base.clone()
    });
    rules.push(Rule {
        kind: RuleKind::AfterPurchase,
        after: Some("7d".into()),
        first_only: true,
        note: Some("Ask how it went: a quick feedback request".into()),
        ..base.clone()
    });
    rules.push(Rule {
        kind: RuleKind::OnRating,
        band: Some(Band::Detractor),
        after: Some("1d".into()),
        note: Some("Make it right: call them about their rating".into()),
        ..base
    });
    rules
}

/// A reminder a rule computes for one contact: it has no row of its own,
/// so `key` names it and `spell` says which occurrence it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub key: String,
    pub spell: String,
    pub due: NaiveDate,
    pub overdue: bool,
    pub what: String,
    pub why: String,
}

/// What an event rule answers: one event of one contact, on a day.
pub struct Event<'a> {
    pub id: i64,
    pub contact: i64,
    pub day: NaiveDate,
    /// The day it was recorded: a reminder already past then is not made
    /// (a back-dated purchase, an import of last year's).
    pub recorded: NaiveDate,
    /// What it was, for the reminder's text: "purchase #12 (49.90)", and
    /// what was said of it: "Starter pack".
    pub what: &'a str,
    pub detail: Option<&'a str>,
}

/// An event rule's reminder for one event: due `after` the event, once
/// (the key names the rule and the event). None when it falls after
/// `until`, or would already have been past when the rule was made or the
/// event recorded.
pub fn event(
    rule: &Rule,
    prefix: &str,
    e: &Event<'_>,
    today: NaiveDate,
    until: NaiveDate,
) -> Option<Reminder> {
    let after = rule.duration(&rule.after);
    let due = match after {
        Some(d) => d.add_to(e.day)?,
        None => e.day,
    };
    if due > until || due < e.recorded || rule.created_on.is_some_and(|c| due < c) {
        return None;
    }
    let (key, spell) = if rule.kind == RuleKind::WinBack {
        (
            format!("{prefix}-{}-{}", rule.id, e.contact),
            e.day.to_string(),
        )
    } else {
        (format!("{prefix}-{}-{}", rule.id, e.id), "1".to_string())
    };
    let days = (today - e.day).num_days();
    let ago = match days {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n if n > 0 => format!("{n} days ago"),
        n => format!("in {} days", -n),
    };
    let what = match &rule.note {
        Some(note) => note.clone(),
        None => {
            let mut a = rule.action();
            if let Some(first) = a.get(..1) {
                a = first.to_uppercase() + &a[1..];
            }
            a.split(" [template").next().unwrap_or(&a).to_string()
        }
    };
    Some(Reminder {
        key,
        spell,
        due,
        overdue: due < today,
        what,
        why: match e.detail.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => format!("{} on {} ({ago}): {d} (rule {})", e.what, e.day, rule.id),
            None => format!("{} on {} ({ago}) (rule {})", e.what, e.day, rule.id),
        },
    })
}

/// Gone quiet: no interaction for the rule's span. One reminder per quiet
/// spell, named by when the spell began; a new interaction starts another.
/// Due by `until`; the reason says how long as of `today`.
pub fn dormant(
    rule: &Rule,
    contact: i64,
    quiet_since: NaiveDate,
    today: NaiveDate,
    until: NaiveDate,
) -> Option<Reminder> {
    let every = rule.duration(&rule.every)?;
    let due = every.add_to(quiet_since)?;
    if due > until {
        return None;
    }
    let days = (today - quiet_since).num_days();
    Some(Reminder {
        key: format!("dormant-{}-{contact}", rule.id),
        spell: quiet_since.to_string(),
        due,
        overdue: due < today,
        what: rule
            .note
            .clone()
            .unwrap_or_else(|| "We miss you: check in".into()),
        why: format!(
            "no interaction for {days} days (rule {}: {})",
            rule.id,
            rule.condition()
        ),
    })
}

/// Stay in touch: due past the ideal gap, overdue past the maximum (or the
/// day after the ideal, with no maximum). Any interaction resets the clock.
pub fn cadence(
    rule: &Rule,
    contact: i64,
    since: NaiveDate,
    today: NaiveDate,
    within: NaiveDate,
) -> Option<Reminder> {
    let every = rule.duration(&rule.every)?;
    let due = every.add_to(since)?;
    if due > within {
        return None;
    }
    let limit = rule
        .duration(&rule.max)
        .and_then(|m| m.add_to(since))
        .unwrap_or(due);
    let days = (today - since).num_days();
    Some(Reminder {
        key: format!("cadence-{}-{contact}", rule.id),
        spell: since.to_string(),
        due,
        overdue: today > limit,
        what: rule
            .note
            .clone()
            .unwrap_or_else(|| format!("Stay in touch ({})", rule.tag.as_deref().unwrap_or(""))),
        why: if today > limit {
            format!(
                "{days} days since the last contact, past the maximum of {} (rule {})",
                rule.max
                    .as_deref()
                    .unwrap_or(rule.every.as_deref().unwrap_or("")),
                rule.id
            )
        } else {
            format!(
                "{days} days since the last contact; every {} (rule {})",
                rule.every.as_deref().unwrap_or(""),
                rule.id
            )
        },
    })
}

/// The next time a yearly date comes round, on or after `today`. 29
/// February falls on 28 February in other years.
pub fn next_yearly(month: u32, day: u32, today: NaiveDate) -> Option<NaiveDate> {
    let on = |year: i32| {
        NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
            (month == 2 && day == 29)
                .then(|| NaiveDate::from_ymd_opt(year, 2, 28))
                .flatten()
        })
    };
    let this_year = on(today.year())?;
    if this_year >= today {
        Some(this_year)
    } else {
        on(today.year() + 1)
    }
}

/// `YYYY-MM-DD` or `--MM-DD` as (year, month, day).
pub fn yearly_date(text: &str) -> Option<(Option<i32>, u32, u32)> {
    if let Some(md) = text.strip_prefix("--") {
        let (m, d) = md.split_once('-')?;
        return Some((None, m.parse().ok()?, d.parse().ok()?));
    }
    let date = NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
    Some((Some(date.year()), date.month(), date.day()))
}

/// A birthday or anniversary within the rule's days ahead; one missed
/// (not marked done) stays, overdue, for `grace` days.
pub fn yearly(
    rule: &Rule,
    contact: i64,
    date: &str,
    label: &str,
    today: NaiveDate,
    within: NaiveDate,
    grace: u64,
) -> Option<Reminder> {
    let (year, month, day) = yearly_date(date)?;
    let missed = today
        .checked_sub_days(chrono::Days::new(grace))
        .and_then(|from| next_yearly(month, day, from))
        .filter(|d| *d < today);
    let next = match missed {
        Some(d) => d,
        None => next_yearly(month, day, today)?,
    };
    let ahead = rule.days_ahead.unwrap_or(0);
    let horizon = (today + chrono::Days::new(u64::from(ahead))).max(within);
    if next > horizon {
        return None;
    }
    let count = year.map(|y| next.year() - y).filter(|n| *n > 0);
    let (key, what) = match rule.kind {
        RuleKind::Birthday => (
            format!("birthday-{contact}"),
            match count {
                Some(n) => format!("Birthday: turns {n}"),
                None => "Birthday".to_string(),
            },
        ),
        _ => (
            format!("anniversary-{}-{contact}", rule.id),
            match count {
                Some(n) => format!("{label}: {n} year{}", if n == 1 { "" } else { "s" }),
                None => label.to_string(),
            },
        ),
    };
    let what = match &rule.note {
        Some(note) => format!("{what}: {note}"),
        None => what,
    };
    let days = (next - today).num_days();
    Some(Reminder {
        key,
        spell: next.year().to_string(),
        due: next,
        overdue: next < today,
        what,
        why: match days {
            -1 => format!(
                "yesterday, {}, not marked done (rule {})",
                next.format("%e %B").to_string().trim(),
                rule.id
            ),
            n if n < 0 => format!(
                "{} days ago, {}, not marked done (rule {})",
                -n,
                next.format("%e %B").to_string().trim(),
                rule.id
            ),
            0 => format!(
                "today, {} (rule {})",
                next.format("%e %B").to_string().trim(),
                rule.id
            ),
            1 => format!(
                "tomorrow, {} (rule {})",
                next.format("%e %B").to_string().trim(),
                rule.id
            ),
            n => format!(
                "in {n} days, {} (rule {})",
                next.format("%e %B").to_string().trim(),
                rule.id
            ),
        },
    })
}

/// An account review every so often while in a stage: counted from the
/// last review done, or from entering the stage.
pub fn review(
    rule: &Rule,
    contact: i64,
    since: NaiveDate,
    today: NaiveDate,
    within: NaiveDate,
) -> Option<Reminder> {
    let every = rule.duration(&rule.every)?;
    let due = every.add_to(since)?;
    if due > within {
        return None;
    }
    Some(Reminder {
        key: format!("review-{}-{contact}", rule.id),
        spell: due.to_string(),
        due,
        overdue: due < today,
        what: rule
            .note
            .clone()
            .unwrap_or_else(|| "Review the account".into()),
        why: format!(
            "every {} in {} (rule {}), last on {since}",
            rule.every.as_deref().unwrap_or(""),
            rule.stages.join(" or "),
            rule.id
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn rule(kind: RuleKind) -> Rule {
        Rule {
            id: 1,
            every: Some("21d".into()),
            days_ahead: Some(7),
            ..Rule::new(kind)
        }
    }

    #[test]
    fn dormant_fires_on_the_day_the_quiet_reaches_the_span() {
        let r = rule(RuleKind::Dormant);
        let quiet = ymd(2026, 11, 1);
        let at = |d| dormant(&r, 7, quiet, d, d);
        assert_eq!(at(ymd(2026, 11, 21)), None);
        let item = at(ymd(2026, 11, 22)).unwrap();
        assert_eq!(item.due, ymd(2026, 11, 22));
        assert!(!item.overdue);
        assert_eq!(item.key, "dormant-1-7");
        assert_eq!(item.spell, "2026-11-01");
        assert!(at(ymd(2026, 11, 23)).unwrap().overdue);
        // Within a week ahead, the reason is told as of today.
        let ahead = dormant(&r, 7, quiet, ymd(2026, 11, 20), ymd(2026, 11, 27)).unwrap();
        assert_eq!(ahead.due, ymd(2026, 11, 22));
        assert!(
            ahead.why.starts_with("no interaction for 19 days"),
            "{}",
            ahead.why
        );
    }

    #[test]
    fn cadence_goes_from_due_to_overdue() {
        let mut r = rule(RuleKind::Cadence);
        r.every = Some("2w".into());
        r.max = Some("3w".into());
        let since = ymd(2026, 11, 1);
        let at = |d| cadence(&r, 1, since, d, d);
        assert_eq!(at(ymd(2026, 11, 14)), None);
        assert!(!at(ymd(2026, 11, 15)).unwrap().overdue);
        assert!(!at(ymd(2026, 11, 22)).unwrap().overdue);
        assert!(at(ymd(2026, 11, 23)).unwrap().overdue);
    }

    #[test]
    fn leap_day_birthdays_fall_on_28_february_in_other_years() {
        assert_eq!(next_yearly(2, 29, ymd(2027, 2, 1)), Some(ymd(2027, 2, 28)));
        assert_eq!(next_yearly(2, 29, ymd(2028, 2, 1)), Some(ymd(2028, 2, 29)));
        assert_eq!(
            next_yearly(12, 10, ymd(2026, 12, 11)),
            Some(ymd(2027, 12, 10))
        );
    }

    #[test]
    fn birthdays_with_and_without_a_year() {
        let r = rule(RuleKind::Birthday);
        let today = ymd(2026, 12, 5);
        let b = yearly(&r, 3, "1815-12-10", "Birthday", today, today, 3).unwrap();
        assert_eq!(b.what, "Birthday: turns 211");
        assert_eq!(b.why, "in 5 days, 10 December (rule 1)");
        assert_eq!(b.spell, "2026");
        let y = yearly(&r, 3, "--12-06", "Birthday", today, today, 3).unwrap();
        assert_eq!(y.what, "Birthday");
        assert!(yearly(&r, 3, "--12-20", "Birthday", today, today, 3).is_none());
        // Missed two days ago: still there, overdue, for the grace days.
        let missed = yearly(&r, 3, "--12-03", "Birthday", today, today, 3).unwrap();
        assert_eq!((missed.due, missed.overdue), (ymd(2026, 12, 3), true));
        assert_eq!(
            missed.why,
            "2 days ago, 3 December, not marked done (rule 1)"
        );
        let gone = yearly(&r, 3, "--12-01", "Birthday", today, today, 3);
        assert!(gone.is_none(), "four days ago: past the grace");
    }
}
