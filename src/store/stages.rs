//! The pipeline and each contact's journey through it.

use super::{new_uid, Db};
use crate::domain::stage::{Stage, StageMove};
use crate::domain::Invalid;
use crate::error::Result;
use rusqlite::{params, OptionalExtension};

impl Db<'_> {
    /// Stage names in order.
    pub fn pipeline(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name FROM stages ORDER BY position")?;
        let names = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names)
    }

    /// The stages' ids, in pipeline order.
    pub fn stage_ids_in_order(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM stages ORDER BY position")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    pub fn stages_with_counts(&self) -> Result<Vec<Stage>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.name, s.position, (SELECT count(*) FROM contacts c WHERE c.stage_id = s.id) \
             FROM stages s ORDER BY s.position",
        )?;
        let stages = stmt
            .query_map([], |r| {
                Ok(Stage {
                    name: r.get(0)?,
                    position: r.get(1)?,
                    contacts: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(stages)
    }

    /// Replaces the pipeline: kept stages keep their contacts, new ones are
    /// added, and a stage that still has contacts cannot be dropped.
    pub fn set_pipeline(&self, names: &[String]) -> Result<()> {
        let now = self.now();
        let current = self.stages_with_counts()?;
        // Everyone's standing may change; a new book has no one yet (and
        // its first import computes only what its new contacts need).
        if current.iter().any(|s| s.contacts > 0) {
            self.touch_all();
        }
        for stage in &current {
            let kept = names.iter().any(|n| n.eq_ignore_ascii_case(&stage.name));
            if !kept && stage.contacts > 0 {
                return Err(crate::refused!(
                    "stage '{}' still has {} contact{}: move them first (rapport list --stage {} / rapport stage CONTACT STAGE)",
                    stage.name,
                    stage.contacts,
                    if stage.contacts == 1 { "" } else { "s" },
                    stage.name
                ));
            }
            if !kept {
                self.conn
                    .execute("DELETE FROM stages WHERE name = ?1", [&stage.name])?;
            }
        }
        // Positions are unique only in the end; move them out of the way first.
        self.conn
            .execute("UPDATE stages SET position = -position - 1", [])?;
        for (i, name) in names.iter().enumerate() {
            let updated = self.conn.execute(
                "UPDATE stages SET position = ?1, name = ?2, updated_at = ?3 WHERE name = ?2",
                params![i as i64, name, now],
            )?;
            if updated == 0 {
                self.conn.execute(
                    "INSERT INTO stages (uid, name, position, updated_at, id) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![new_uid(), name, i as i64, now, self.new_id("stages")?],
                )?;
            }
        }
        Ok(())
    }

    /// A stage by name (case-insensitive): its id and its name as stored.
    pub fn stage_id(&self, name: &str) -> Result<(i64, String)> {
        let found = self
            .conn
            .prepare_cached("SELECT id, name FROM stages WHERE name = ?1")?
            .query_row([name.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match found {
            Some(f) => Ok(f),
            None => Err(Invalid::UnknownStage {
                stage: name.to_string(),
                known: self.pipeline()?,
            }
            .into()),
        }
    }

    /// A stage's position in the pipeline (0 first), if it is in it.
    pub fn stage_position(&self, name: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT position FROM stages WHERE name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?)
    }

    pub fn first_stage(&self) -> Result<(i64, String)> {
        self.conn
            .prepare_cached("SELECT id, name FROM stages ORDER BY position LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| crate::refused!("the pipeline has no stages: run `rapport init`"))
    }

    /// Moves a contact and writes the history row, returning its id; the
    /// caller has checked that the stage differs, and fires what entering
    /// the stage sets off.
    pub fn move_stage(
        &self,
        contact: i64,
        from: &str,
        to: &str,
        at: &str,
        reason: Option<&str>,
    ) -> Result<i64> {
        let (stage_id, to_name) = self.stage_id(to)?;
        self.conn.execute(
            "UPDATE contacts SET stage_id = ?1, stage_since = ?2, updated_at = ?3, revision = revision + 1 WHERE id = ?4",
            params![stage_id, at, self.now(), contact],
        )?;
        self.touch(contact);
        self.record_stage_move(contact, Some(from), &to_name, at, reason)
    }

    pub fn is_lost(&self, contact: i64) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT lost_at IS NOT NULL FROM contacts WHERE id = ?1",
            [contact],
            |r| r.get(0),
        )?)
    }

    /// Lost at `at` from `from`, with why: the history row, and the mark.
    pub fn record_loss(&self, contact: i64, from: &str, at: &str, reason: &str) -> Result<i64> {
        self.set_lost(contact, Some((at, reason)))?;
        self.record_stage_move(contact, Some(from), "lost", at, Some(reason))
    }

    /// Marks a contact lost (when, why), or back in the pipeline (None).
    pub fn set_lost(&self, contact: i64, lost: Option<(&str, &str)>) -> Result<()> {
        self.conn.execute(
            "UPDATE contacts SET lost_at = ?1, lost_reason = ?2, updated_at = ?3, revision = revision + 1 WHERE id = ?4",
            params![lost.map(|l| l.0), lost.map(|l| l.1), self.now(), contact],
        )?;
        self.touch(contact);
        Ok(())
    }

    pub(super) fn record_stage_move(
        &self,
        contact: i64,
        from: Option<&str>,
        to: &str,
        at: &str,
        reason: Option<&str>,
    ) -> Result<i64> {
        self.conn
            .prepare_cached(
                "INSERT INTO stage_history (uid, contact_id, from_stage, to_stage, at, reason, updated_at, id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![new_uid(), contact, from, to, at, reason, self.now(), self.new_id("stage_history")?])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The whole journey, oldest move first.
    pub fn stage_history(&self, contact: i64) -> Result<Vec<StageMove>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, from_stage, to_stage, at, reason FROM stage_history \
             WHERE contact_id = ?1 ORDER BY at, id",
        )?;
        let moves = stmt
            .query_map([contact], |r| {
                Ok(StageMove {
                    id: r.get(0)?,
                    from: r.get(1)?,
                    to: r.get(2)?,
                    at: r.get(3)?,
                    reason: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(moves)
    }
}
