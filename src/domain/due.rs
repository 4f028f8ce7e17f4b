//! What is due: one list that every kind of reminder joins.
//!
//! Today only follow-ups the user scheduled feed it; rule reminders
//! (dormant, cadence, birthday, …) become further `DueKind`s with their own
//! item ids, so `done` and `snooze` can route on the id alone.

use super::follow_up::FollowUp;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueKind {
    FollowUp,
}

impl DueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DueKind::FollowUp => "follow-up",
        }
    }
}

impl Serialize for DueKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DueItem {
    /// What `done` and `snooze` take. Follow-ups keep their own number.
    pub id: String,
    pub kind: DueKind,
    pub contact_id: i64,
    pub contact: String,
    pub due: String,
    pub overdue: bool,
    pub what: String,
    pub why: String,
}

/// An item id as `done`/`snooze` read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemId {
    FollowUp(i64),
}

pub fn parse_item_id(text: &str) -> Result<ItemId, super::Invalid> {
    let t = text.trim();
    let number = t.strip_prefix('#').unwrap_or(t);
    number
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(ItemId::FollowUp)
        .ok_or_else(|| {
            format!("'{text}' is not an item id: expected the id that `rapport due` shows")
        })
}

/// Overdue first (oldest first), then by date, then by contact.
pub fn sort_items(items: &mut [DueItem]) {
    items.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then_with(|| a.due.cmp(&b.due))
            .then_with(|| a.contact.to_lowercase().cmp(&b.contact.to_lowercase()))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// A follow-up the user scheduled, as an item of the list.
pub fn follow_up_item(f: &FollowUp, today: NaiveDate) -> DueItem {
    let overdue = NaiveDate::parse_from_str(&f.due, "%Y-%m-%d").is_ok_and(|d| d < today);
    let created = f.created_at.get(..10).unwrap_or(&f.created_at);
    let mut why = format!("you scheduled it on {created}");
    if let Some(every) = &f.every {
        why.push_str(&format!(", every {every}"));
    }
    let what = match &f.time {
        Some(t) => format!("{} (at {t})", f.note),
        None => f.note.clone(),
    };
    DueItem {
        id: f.id.to_string(),
        kind: DueKind::FollowUp,
        contact_id: f.contact_id,
        contact: f.contact.clone(),
        due: f.due.clone(),
        overdue,
        what,
        why,
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
        assert!(parse_item_id("x").unwrap_err().contains("'x'"));
        assert!(parse_item_id("0").is_err());
    }
}
