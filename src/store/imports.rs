//! Import batches, what each one changed, and the look-ups imports need.

use super::{new_uid, Db, NewInteraction};
use crate::error::Result;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// What a batch did to one contact: `added`, `interaction` (new: its id),
/// `revision`, `stage`, `stage_move`, `tag`, `field:KEY` or a column, with
/// the value before and after.
#[derive(Debug, Clone)]
pub struct ImportChange {
    pub contact: i64,
    pub target: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// What else a contact has on record; see `contact_activity`.
#[derive(Debug, Clone, Default)]
pub struct Activity {
    pub interactions: i64,
    pub follow_ups: i64,
    pub moves: i64,
    pub points: i64,
    pub reminders: i64,
    pub consents: i64,
    /// (id, name) of the contacts whose referrer they are.
    pub referred: Vec<(i64, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportBatch {
    pub id: i64,
    pub kind: String,
    pub source: String,
    pub preset: Option<String>,
    pub at: String,
    pub added: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub invalid: i64,
    pub undone_at: Option<String>,
}

/// Two contacts an import kept apart though they share a phone, while
/// both are still in the book.
#[derive(Debug, Clone, Serialize)]
pub struct PossibleDuplicate {
    pub batch: i64,
    pub contact_id: i64,
    pub contact: String,
    pub other_id: i64,
    pub other: String,
    pub phone: Option<String>,
}

/// The contact a row is, if any; and the contact whose phone it shares
/// under another name, kept apart: (id, name).
pub type Duplicate = (Option<i64>, Option<(i64, String)>);

impl Db<'_> {
    pub fn create_import_batch(
        &self,
        kind: &str,
        source: &str,
        preset: Option<&str>,
    ) -> Result<i64> {
        let now = self.now();
        self.conn.execute(
            "INSERT INTO import_batches (uid, kind, source, preset, at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![new_uid(), kind, source, preset, now],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn finish_import_batch(
        &self,
        batch: i64,
        added: u64,
        updated: u64,
        unchanged: u64,
        invalid: u64,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE import_batches SET added = ?1, updated = ?2, unchanged = ?3, invalid = ?4 WHERE id = ?5",
            params![added as i64, updated as i64, unchanged as i64, invalid as i64, batch],
        )?;
        Ok(())
    }

    pub fn record_import_change(
        &self,
        batch: i64,
        contact: i64,
        target: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO import_changes (batch_id, contact_id, target, old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![batch, contact, target, old, new])?;
        Ok(())
    }

    /// The contact an imported row is: by email (case-insensitive), then by
    /// normalised phone, then, for rows with neither, by exact name and company.
    /// The contact a row is (see `Duplicate`): by email, else by phone when `same_person`
    /// says the names agree, else (with neither) by name and company. A
    /// phone shared with someone of another name is no match: returned as
    /// the contact kept apart.
    pub fn find_duplicate(
        &self,
        email: Option<&str>,
        phone_key: Option<&str>,
        name: &str,
        company: Option<&str>,
        same_person: &dyn Fn(&str) -> bool,
    ) -> Result<Duplicate> {
        if let Some(email) = email {
            let found = self
                .conn
                .prepare_cached("SELECT id FROM contacts WHERE email = ?1 COLLATE NOCASE")?
                .query_row([email], |r| r.get(0))
                .optional()?;
            if found.is_some() {
                return Ok((found, None));
            }
        }
        let mut apart = None;
        if let Some(key) = phone_key.filter(|k| !k.is_empty()) {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id, name FROM contacts WHERE phone_key = ?1 ORDER BY id")?;
            let candidates: Vec<(i64, String)> = stmt
                .query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            if let Some((id, _)) = candidates.iter().find(|(_, n)| same_person(n)) {
                return Ok((Some(*id), None));
            }
            apart = candidates.into_iter().next();
        }
        if email.is_none() && phone_key.is_none() {
            let found = self
                .conn
                .prepare_cached(
                    // The NOCASE term lets the name index find them (a scan
                    // of the book per row before); the exact name decides.
                    "SELECT id FROM contacts INDEXED BY contacts_name \
                     WHERE name = ?1 COLLATE NOCASE AND name = ?1 AND company IS ?2 ORDER BY id LIMIT 1",
                )?
                .query_row(params![name, company], |r| r.get(0))
                .optional()?;
            return Ok((found, None));
        }
        Ok((None, apart))
    }

    pub fn contact_revision(&self, id: i64) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT revision FROM contacts WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?)
    }

    /// Everything recorded about a contact besides its own columns, for
    /// undo to tell whether anything came after an import. Follow-ups a rule
    /// made on a stage move, still open, come with the move, and points a
    /// purchase earned come with the purchase: not counted.
    pub fn contact_activity(&self, id: i64) -> Result<Activity> {
        let activity = self.conn.query_row(
            "SELECT (SELECT count(*) FROM interactions WHERE contact_id = ?1), \
                    (SELECT count(*) FROM follow_ups WHERE contact_id = ?1 \
                       AND NOT (stage_move_id IS NOT NULL AND done_at IS NULL)), \
                    (SELECT count(*) FROM stage_history WHERE contact_id = ?1), \
                    (SELECT count(*) FROM loyalty_points WHERE contact_id = ?1 AND interaction_id IS NULL), \
                    (SELECT count(*) FROM reminder_state WHERE contact_id = ?1), \
                    (SELECT count(*) FROM consents WHERE contact_id = ?1)",
            [id],
            |r| {
                Ok(Activity {
                    interactions: r.get(0)?,
                    follow_ups: r.get(1)?,
                    moves: r.get(2)?,
                    points: r.get(3)?,
                    reminders: r.get(4)?,
                    consents: r.get(5)?,
                    referred: Vec::new(),
                })
            },
        )?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name FROM contacts WHERE referred_by = ?1 ORDER BY id")?;
        let referred = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Activity {
            referred,
            ..activity
        })
    }

    /// Puts a contact's revision counter back, as an undone batch left it.
    pub fn set_revision(&self, id: i64, revision: i64) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE contacts SET revision = ?1 WHERE id = ?2")?
            .execute(params![revision, id])?;
        Ok(())
    }

    /// The same contact, kind, time and summary: a row imported before.
    pub fn same_interaction_exists(&self, i: &NewInteraction) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT 1 FROM interactions WHERE contact_id = ?1 AND at = ?2 AND kind = ?3 AND summary = ?4 LIMIT 1",
            )?
            .query_row(params![i.contact_id, i.at, i.kind.as_str(), i.summary], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Pairs kept apart by a batch (or by every batch), still both here.
    pub fn possible_duplicates(&self, batch: Option<i64>) -> Result<Vec<PossibleDuplicate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ch.batch_id, a.id, a.name, b.id, b.name, a.phone \
             FROM import_changes ch \
             JOIN import_batches ib ON ib.id = ch.batch_id AND ib.undone_at IS NULL \
             JOIN contacts a ON a.id = ch.contact_id \
             JOIN contacts b ON b.id = CAST(ch.new_value AS INTEGER) \
             WHERE ch.target = 'kept_apart' AND (?1 IS NULL OR ch.batch_id = ?1) \
             ORDER BY ch.batch_id, a.id",
        )?;
        let pairs = stmt
            .query_map([batch], |r| {
                Ok(PossibleDuplicate {
                    batch: r.get(0)?,
                    contact_id: r.get(1)?,
                    contact: r.get(2)?,
                    other_id: r.get(3)?,
                    other: r.get(4)?,
                    phone: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(pairs)
    }

    pub fn import_batches(&self) -> Result<Vec<ImportBatch>> {
        self.batches_where("1 = 1", None)
    }

    pub fn import_batch(&self, id: i64) -> Result<Option<ImportBatch>> {
        Ok(self.batches_where("id = ?1", Some(id))?.into_iter().next())
    }

    fn batches_where(&self, condition: &str, id: Option<i64>) -> Result<Vec<ImportBatch>> {
        let sql = format!(
            "SELECT id, kind, source, preset, at, added, updated, unchanged, invalid, undone_at \
             FROM import_batches WHERE {condition} AND (?1 IS NULL OR id = ?1) ORDER BY id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(ImportBatch {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    source: r.get(2)?,
                    preset: r.get(3)?,
                    at: r.get(4)?,
                    added: r.get(5)?,
                    updated: r.get(6)?,
                    unchanged: r.get(7)?,
                    invalid: r.get(8)?,
                    undone_at: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// What a batch changed, contact by contact, in the order it was done.
    pub fn import_changes(&self, batch: i64) -> Result<Vec<ImportChange>> {
        let mut stmt = self.conn.prepare(
            "SELECT contact_id, target, old_value, new_value FROM import_changes WHERE batch_id = ?1 ORDER BY contact_id, id",
        )?;
        let rows = stmt
            .query_map([batch], |r| {
                Ok(ImportChange {
                    contact: r.get(0)?,
                    target: r.get(1)?,
                    old: r.get(2)?,
                    new: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn mark_import_undone(&self, batch: i64) -> Result<()> {
        let now = self.now();
        self.conn.execute(
            "UPDATE import_batches SET undone_at = ?1, updated_at = ?1 WHERE id = ?2",
            params![now, batch],
        )?;
        self.conn
            .execute("DELETE FROM import_changes WHERE batch_id = ?1", [batch])?;
        Ok(())
    }

    /// A batch that changed nothing is not kept.
    pub fn delete_import_batch(&self, batch: i64) -> Result<()> {
        self.conn
            .execute("DELETE FROM import_batches WHERE id = ?1", [batch])?;
        Ok(())
    }

    /// Removes an interaction and recomputes the contact's last contact.
    pub fn delete_interaction(&self, id: i64) -> Result<()> {
        self.unindex_interaction(id)?;
        let contact: Option<i64> = self
            .conn
            .query_row(
                "DELETE FROM interactions WHERE id = ?1 RETURNING contact_id",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(contact) = contact {
            self.refresh_contact_rhythm(contact)?;
        }
        Ok(())
    }

    /// Puts a contact back in `stage` since `since`, dropping the history
    /// row of the move being undone.
    pub fn restore_stage(
        &self,
        contact: i64,
        stage: &str,
        since: &str,
        history: i64,
    ) -> Result<()> {
        let (stage_id, _) = self.stage_id(stage)?;
        self.conn.execute(
            "UPDATE contacts SET stage_id = ?1, stage_since = ?2, updated_at = ?3, revision = revision + 1 WHERE id = ?4",
            params![stage_id, since, self.now(), contact],
        )?;
        self.touch(contact);
        // Follow-ups a rule made on that move go with it (ON DELETE CASCADE).
        self.conn.execute(
            "DELETE FROM stage_history WHERE id = ?1 AND contact_id = ?2",
            params![history, contact],
        )?;
        self.refresh_next_follow_up(contact)
    }
}
