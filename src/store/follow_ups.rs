//! Follow-ups and the contact's maintained `next_follow_up`.

use super::{new_uid, Db};
use crate::domain::follow_up::{CancelledFollowUp, FollowUp};
use crate::error::Result;
use rusqlite::{params, OptionalExtension, Row};

const COLUMNS: &str =
    "f.id, f.uid, f.contact_id, c.name, f.due_date, f.due_time, f.note, f.every, \
     f.done_at, f.created_at, f.rule_id";

/// A due follow-up with what `due` needs to filter it.
#[derive(Debug, Clone)]
pub struct DueFollowUp {
    pub follow_up: FollowUp,
    pub do_not_contact: bool,
    pub last_contact_at: Option<String>,
}

/// A follow-up about to be scheduled, already validated.
#[derive(Debug, Clone)]
pub struct NewFollowUp {
    pub contact_id: i64,
    pub due_date: String,
    pub due_time: Option<String>,
    pub note: String,
    pub every: Option<String>,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<FollowUp> {
    Ok(FollowUp {
        id: r.get(0)?,
        uid: r.get(1)?,
        contact_id: r.get(2)?,
        contact: r.get(3)?,
        due: r.get(4)?,
        time: r.get(5)?,
        note: r.get(6)?,
        every: r.get(7)?,
        done_at: r.get(8)?,
        created_at: r.get(9)?,
        rule: r.get(10)?,
    })
}

impl Db<'_> {
    pub fn insert_follow_up(&self, new: &NewFollowUp) -> Result<i64> {
        self.insert_follow_up_anchored(new, &new.due_date)
    }

    fn insert_follow_up_anchored(&self, new: &NewFollowUp, anchor: &str) -> Result<i64> {
        let now = self.now();
        self.conn
            .prepare_cached(
                "INSERT INTO follow_ups (uid, contact_id, due_date, due_time, note, every, anchor_date, created_at, updated_at, id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
            )?
            .execute(params![
                new_uid(),
                new.contact_id,
                new.due_date,
                new.due_time,
                new.note,
                new.every,
                anchor,
                now,
                self.new_id("follow_ups")?
            ])?;
        let id = self.conn.last_insert_rowid();
        self.refresh_next_follow_up(new.contact_id)?;
        Ok(id)
    }

    /// A follow-up an on-enter rule schedules, tied to the stage move that
    /// set it off (undoing the move removes it).
    pub fn insert_rule_follow_up(
        &self,
        contact: i64,
        due_date: &str,
        note: &str,
        rule: i64,
        stage_move: i64,
    ) -> Result<i64> {
        self.conn
            .prepare_cached(
                "INSERT INTO follow_ups (uid, contact_id, due_date, note, anchor_date, rule_id, stage_move_id, created_at, updated_at, id) \
                 VALUES (?1, ?2, ?3, ?4, ?3, ?5, ?6, ?7, ?7, ?8)",
            )?
            .execute(params![new_uid(), contact, due_date, note, rule, stage_move, self.now(), self.new_id("follow_ups")?])?;
        let id = self.conn.last_insert_rowid();
        self.conn
            .prepare_cached(
                "UPDATE contacts SET next_follow_up = ?1 WHERE id = ?2 AND (next_follow_up IS NULL OR next_follow_up > ?1)",
            )?
            .execute(params![due_date, contact])?;
        Ok(id)
    }

    pub fn follow_up(&self, id: i64) -> Result<Option<(FollowUp, String)>> {
        let sql = format!(
            "SELECT {COLUMNS}, f.anchor_date FROM follow_ups f JOIN contacts c ON c.id = f.contact_id WHERE f.id = ?1"
        );
        Ok(self
            .conn
            .query_row(&sql, [id], |r| Ok((from_row(r)?, r.get(11)?)))
            .optional()?)
    }

    /// Whether the contact entered `stage` before, by a move other than `except`.
    pub fn entered_before(&self, contact: i64, stage: &str, except: i64) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT 1 FROM stage_history WHERE contact_id = ?1 AND to_stage = ?2 COLLATE NOCASE AND id <> ?3 LIMIT 1",
            )?
            .query_row(params![contact, stage, except], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Closes the open follow-ups these rules made for a contact as
    /// cancelled, with why; how many.
    pub fn cancel_rule_follow_ups(&self, contact: i64, rules: &[i64], note: &str) -> Result<usize> {
        let mut n = 0;
        let now = self.now();
        for rule in rules {
            n += self
                .conn
                .prepare_cached(
                    "UPDATE follow_ups SET done_at = ?1, updated_at = ?1, outcome = 'cancelled', outcome_note = ?2 \
                     WHERE contact_id = ?3 AND rule_id = ?4 AND done_at IS NULL",
                )?
                .execute(params![now, note, contact, rule])?;
        }
        if n > 0 {
            self.refresh_next_follow_up(contact)?;
        }
        Ok(n)
    }

    /// Follow-ups closed as cancelled, the latest first.
    pub fn cancelled_follow_ups(&self, contact: i64, limit: u32) -> Result<Vec<CancelledFollowUp>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, due_date, note, rule_id, done_at, coalesce(outcome_note, '') FROM follow_ups \
             WHERE contact_id = ?1 AND outcome = 'cancelled' ORDER BY done_at DESC, id DESC LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![contact, limit], |r| {
                Ok(CancelledFollowUp {
                    id: r.get(0)?,
                    due: r.get(1)?,
                    note: r.get(2)?,
                    rule: r.get(3)?,
                    cancelled_at: r.get(4)?,
                    why: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Closes a follow-up; a recurring one schedules `next` in the same series.
    pub fn complete_follow_up(&self, id: i64, next: Option<&str>) -> Result<Option<i64>> {
        let Some((done, anchor)) = self.follow_up(id)? else {
            return Ok(None);
        };
        self.conn.execute(
            "UPDATE follow_ups SET done_at = ?1, updated_at = ?1, outcome = 'done' WHERE id = ?2",
            params![self.now(), id],
        )?;
        let next_id = match next {
            Some(date) => Some(self.insert_follow_up_anchored(
                &NewFollowUp {
                    contact_id: done.contact_id,
                    due_date: date.to_string(),
                    due_time: done.time.clone(),
                    note: done.note.clone(),
                    every: done.every.clone(),
                },
                &anchor,
            )?),
            None => None,
        };
        self.refresh_next_follow_up(done.contact_id)?;
        Ok(next_id)
    }

    pub fn reschedule_follow_up(&self, id: i64, date: &str, time: Option<&str>) -> Result<()> {
        let contact: i64 = self.conn.query_row(
            "UPDATE follow_ups SET due_date = ?1, due_time = ?2, updated_at = ?3 WHERE id = ?4 RETURNING contact_id",
            params![date, time, self.now(), id],
            |r| r.get(0),
        )?;
        self.refresh_next_follow_up(contact)
    }

    pub fn open_follow_ups(&self, contact: i64) -> Result<Vec<FollowUp>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM follow_ups f JOIN contacts c ON c.id = f.contact_id \
             WHERE f.contact_id = ?1 AND f.done_at IS NULL ORDER BY f.due_date, f.due_time, f.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([contact], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Open follow-ups due on or before `until` (a date), oldest first,
    /// with the rule that made each and what `due` filters on.
    pub fn due_follow_ups(&self, until: &str) -> Result<Vec<DueFollowUp>> {
        let sql = format!(
            "SELECT {COLUMNS}, c.do_not_contact, c.last_contact_at \
             FROM follow_ups f JOIN contacts c ON c.id = f.contact_id \
             WHERE f.done_at IS NULL AND f.due_date <= ?1 ORDER BY f.due_date, f.due_time, f.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([until], |r| {
                Ok(DueFollowUp {
                    follow_up: from_row(r)?,
                    do_not_contact: r.get(11)?,
                    last_contact_at: r.get(12)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub(super) fn refresh_next_follow_up(&self, contact: i64) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE contacts SET next_follow_up = \
                 (SELECT min(due_date) FROM follow_ups WHERE contact_id = ?1 AND done_at IS NULL) WHERE id = ?1",
            )?
            .execute([contact])?;
        Ok(())
    }
}
