//! Follow-ups the user schedules, once or on a rhythm.

use crate::domain::follow_up::FollowUp;
use crate::domain::when::{Duration, When};
use crate::error::Result;
use crate::internal;
use crate::store::{Db, NewFollowUp, Store};

/// Schedules a follow-up inside the caller's transaction.
pub fn schedule(
    db: &Db<'_>,
    contact_id: i64,
    when: When,
    note: &str,
    every: Option<Duration>,
) -> Result<i64> {
    db.insert_follow_up(&NewFollowUp {
        contact_id,
        due_date: when.date().format("%Y-%m-%d").to_string(),
        due_time: when.time().map(|t| t.format("%H:%M").to_string()),
        note: note.to_string(),
        every: every.map(|e| e.to_string()),
    })
}

/// `follow-up`: one for a contact that exists.
pub fn add(
    store: &mut Store,
    contact_id: i64,
    when: When,
    note: &str,
    every: Option<Duration>,
) -> Result<FollowUp> {
    super::write(store, |db| {
        super::contact::get(db, contact_id)?;
        let id = schedule(db, contact_id, when, note, every)?;
        Ok(db
            .follow_up(id)?
            .ok_or_else(|| internal!("follow-up #{id} vanished"))?
            .0)
    })
}
