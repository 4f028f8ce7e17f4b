//! What is due: one list that every kind of reminder joins, with an id
//! that says which kind it is, so `done` and `snooze` can route on it.

use super::follow_up::FollowUp;
use super::rules::Reminder;
use super::template::Draft;
use chrono::NaiveDate;
use serde::Serialize;

/// The kinds of item `due` lists; `--kind` takes these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum DueKind {
    /// A follow-up you scheduled
    FollowUp,
    /// A follow-up an on-enter rule scheduled (you did not)
    OnEnter,
    /// We miss you: no interaction for a dormant rule's span
    Dormant,
    /// Stay in touch with a tag
    Cadence,
    /// A birthday coming (or missed in the last few days)
    Birthday,
    /// An anniversary coming
    Anniversary,
    /// An account review
    Review,
    /// A paying customer whose health is below the threshold
    AtRisk,
    /// A support ticket open too long
    Ticket,
    /// An invoice unpaid past its due date
    Payment,
    /// Ask for feedback some time after a purchase
    FeedbackAsk,
    /// A detractor's rating (0-6): make it right
    Detractor,
    /// A passive's rating (7-8)
    Passive,
    /// A promoter's rating (9-10): ask for a referral
    Promoter,
    /// Check in some time after a ticket was resolved
    TicketCheckIn,
    /// Try to win back a contact some time after they were lost
    WinBack,
}

impl DueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DueKind::FollowUp => "follow-up",
            DueKind::OnEnter => "on-enter",
            DueKind::Dormant => "dormant",
            DueKind::Cadence => "cadence",
            DueKind::Birthday => "birthday",
            DueKind::Anniversary => "anniversary",
            DueKind::Review => "review",
            DueKind::AtRisk => "at-risk",
            DueKind::Ticket => "ticket",
            DueKind::Payment => "payment",
            DueKind::FeedbackAsk => "feedback-ask",
            DueKind::Detractor => "detractor",
            DueKind::Passive => "passive",
            DueKind::Promoter => "promoter",
            DueKind::TicketCheckIn => "ticket-check-in",
            DueKind::WinBack => "win-back",
        }
    }

    /// What a count of items of this kind is called in a sentence.
    pub fn counted(self) -> &'static str {
        match self {
            DueKind::FollowUp => "follow-ups",
            DueKind::OnEnter => "rule follow-ups",
            DueKind::Dormant => "we miss you",
            DueKind::Cadence => "stay in touch",
            DueKind::Birthday => "birthdays",
            DueKind::Anniversary => "anniversaries",
            DueKind::Review => "reviews",
            DueKind::AtRisk => "at risk",
            DueKind::Ticket => "open tickets",
            DueKind::Payment => "late payments",
            DueKind::FeedbackAsk => "feedback asks",
            DueKind::Detractor => "detractors",
            DueKind::Passive => "passives",
            DueKind::Promoter => "promoters",
            DueKind::TicketCheckIn => "ticket check-ins",
            DueKind::WinBack => "win-backs",
        }
    }

    /// Reminders that reach out to the customer unasked: none go to a
    /// contact marked do-not-contact, nor to one touched within quiet-days.
    pub fn is_outreach(self) -> bool {
        matches!(
            self,
            DueKind::OnEnter
                | DueKind::Dormant
                | DueKind::Cadence
                | DueKind::Birthday
                | DueKind::Anniversary
                | DueKind::Review
                | DueKind::FeedbackAsk
                | DueKind::Detractor
                | DueKind::Passive
                | DueKind::Promoter
                | DueKind::TicketCheckIn
                | DueKind::WinBack
        )
    }
}

impl Serialize for DueKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DueItem {
    /// What `done` and `snooze` take: a follow-up's number, or `KIND-…`.
    pub id: String,
    pub kind: DueKind,
    pub contact_id: i64,
    pub contact: String,
    pub due: String,
    pub overdue: bool,
    pub what: String,
    pub why: String,
    /// The rule's template, rendered for this contact.
    pub draft: Option<Draft>,
    /// Why the draft could not be rendered (a placeholder without a value).
    pub draft_error: Option<String>,
    /// Which occurrence a computed reminder is (not shown).
    #[serde(skip)]
    pub spell: Option<String>,
    /// The rule that made it, if any (not shown).
    #[serde(skip)]
    pub rule: Option<i64>,
    /// For a follow-up, what a calendar needs beyond the line (not shown).
    #[serde(skip)]
    pub follow_up: Option<FollowUpDetail>,
}

/// A follow-up's identity and timing as a calendar event needs them: a uid
/// that survives snoozing, the time of day, the recurrence.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpDetail {
    pub uid: String,
    pub note: String,
    pub time: Option<String>,
    pub every: Option<String>,
}

/// An item id as `done`/`snooze` read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemId {
    FollowUp(i64),
    Ticket(i64),
    /// A reminder a rule or an alert computes, by its key.
    Computed(String),
}

pub fn parse_item_id(text: &str) -> Result<ItemId, super::Invalid> {
    let t = text.trim();
    let err = || super::Invalid::ItemId(text.to_string());
    let number = t.strip_prefix('#').unwrap_or(t);
    if let Ok(n) = number.parse::<i64>() {
        return if n > 0 {
            Ok(ItemId::FollowUp(n))
        } else {
            Err(err())
        };
    }
    if let Some(n) = t
        .strip_prefix("ticket-")
        .and_then(|n| n.parse::<i64>().ok())
    {
        return Ok(ItemId::Ticket(n));
    }
    let known = [
        "dormant-",
        "cadence-",
        "birthday-",
        "anniversary-",
        "review-",
        "at-risk-",
        "payment-",
        "feedback-ask-",
        "detractor-",
        "passive-",
        "promoter-",
        "ticket-check-in-",
        "win-back-",
    ];
    let ok = known.iter().any(|k| {
        t.strip_prefix(k).is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .split('-')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        })
    });
    if ok {
        Ok(ItemId::Computed(t.to_string()))
    } else {
        Err(err())
    }
}

/// Overdue first (oldest first), then by date, then by contact. The key is
/// made once per item: a due list can hold thousands.
pub fn sort_items(items: &mut [DueItem]) {
    items.sort_by_cached_key(|i| {
        (
            !i.overdue,
            i.due.clone(),
            i.contact.to_lowercase(),
            i.id.clone(),
        )
    });
}

/// A follow-up the user (or a rule) scheduled, as an item of the list.
pub fn follow_up_item(f: &FollowUp, today: NaiveDate, rule: Option<i64>) -> DueItem {
    let overdue = NaiveDate::parse_from_str(&f.due, "%Y-%m-%d").is_ok_and(|d| d < today);
    let created = f.created_at.get(..10).unwrap_or(&f.created_at);
    let mut why = match rule {
        Some(rule) => format!("rule {rule} scheduled it on {created}"),
        None => format!("you scheduled it on {created}"),
    };
    if let Some(every) = &f.every {
        why.push_str(&format!(", every {every}"));
    }
    let what = match &f.time {
        Some(t) => format!("{} (at {t})", f.note),
        None => f.note.clone(),
    };
    DueItem {
        id: f.id.to_string(),
        kind: if rule.is_some() {
            DueKind::OnEnter
        } else {
            DueKind::FollowUp
        },
        contact_id: f.contact_id,
        contact: f.contact.clone(),
        due: f.due.clone(),
        overdue,
        what,
        why,
        draft: None,
        draft_error: None,
        spell: None,
        rule,
        follow_up: Some(FollowUpDetail {
            uid: f.uid.clone(),
            note: f.note.clone(),
            time: f.time.clone(),
            every: f.every.clone(),
        }),
    }
}

/// A computed reminder as an item of the list.
pub fn reminder_item(
    kind: DueKind,
    r: Reminder,
    contact_id: i64,
    contact: &str,
    rule: Option<i64>,
) -> DueItem {
    DueItem {
        id: r.key,
        kind,
        contact_id,
        contact: contact.to_string(),
        due: r.due.to_string(),
        overdue: r.overdue,
        what: r.what,
        why: r.why,
        draft: None,
        draft_error: None,
        spell: Some(r.spell),
        rule,
        follow_up: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, due: &str, overdue: bool) -> DueItem {
        DueItem {
            id: id.into(),
            kind: DueKind::FollowUp,
            contact_id: 1,
            contact: "A".into(),
            due: due.into(),
            overdue,
            what: String::new(),
            why: String::new(),
            draft: None,
            draft_error: None,
            spell: None,
            rule: None,
            follow_up: None,
        }
    }

    #[test]
    fn overdue_first() {
        let mut items = vec![
            item("1", "2026-11-23", false),
            item("2", "2026-11-20", true),
            item("3", "2026-11-10", true),
        ];
        sort_items(&mut items);
        let ids: Vec<_> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["3", "2", "1"]);
    }

    #[test]
    fn item_ids() {
        assert_eq!(parse_item_id("12"), Ok(ItemId::FollowUp(12)));
        assert_eq!(parse_item_id("#12"), Ok(ItemId::FollowUp(12)));
        assert_eq!(parse_item_id("ticket-7"), Ok(ItemId::Ticket(7)));
        assert_eq!(
            parse_item_id("dormant-2-40"),
            Ok(ItemId::Computed("dormant-2-40".into()))
        );
        assert_eq!(
            parse_item_id("at-risk-40"),
            Ok(ItemId::Computed("at-risk-40".into()))
        );
        for bad in ["x", "0", "dormant-", "dormant-x", "payday-1", "dormant--1"] {
            assert!(
                parse_item_id(bad)
                    .unwrap_err()
                    .to_string()
                    .contains(&format!("'{bad}'")),
                "{bad}"
            );
        }
    }
}
