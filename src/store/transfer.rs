//! The whole book in and out: `export all` writes every record with its
//! ids, uids and timestamps; `import all` reads it back into an empty
//! database, so that export → import → export gives the same bytes.

use super::Db;
use crate::domain::contact::Contact;
use crate::domain::interaction::Interaction;
use anyhow::{bail, Result};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const DUMP_FORMAT: &str = "rapport-export";
pub const DUMP_VERSION: i64 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct StageRecord {
    pub name: String,
    pub uid: String,
    pub position: i64,
    pub updated_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ContactRecord {
    pub id: i64,
    pub uid: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub stage: String,
    pub stage_since: String,
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub birthday: Option<String>,
    pub fields: BTreeMap<String, String>,
    pub referred_by: Option<i64>,
    pub note: Option<String>,
    pub do_not_contact: bool,
    pub created_at: String,
    pub updated_at: String,
    pub revision: i64,
    pub last_contact_at: Option<String>,
    pub next_follow_up: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct StageMoveRecord {
    pub id: i64,
    pub uid: String,
    pub contact_id: i64,
    pub from: Option<String>,
    pub to: String,
    pub at: String,
    pub reason: Option<String>,
    pub updated_at: String,
}

/// Interactions, tickets among them (kind `ticket`, open while
/// `resolved_at` is null). Money as a number, stored as exact cents.
#[derive(Debug, Serialize, Deserialize)]
pub struct InteractionRecord {
    pub id: i64,
    pub uid: String,
    pub contact_id: i64,
    pub kind: String,
    pub summary: String,
    pub channel: Option<String>,
    pub at: String,
    pub amount: Option<f64>,
    pub rating: Option<i64>,
    pub resolved_at: Option<String>,
    pub resolution: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default)]
    pub payment_due: Option<String>,
    #[serde(default)]
    pub paid_at: Option<String>,
    #[serde(default)]
    pub direction: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct FollowUpRecord {
    pub id: i64,
    pub uid: String,
    pub contact_id: i64,
    pub due: String,
    pub time: Option<String>,
    pub note: String,
    pub every: Option<String>,
    pub anchor: String,
    pub done_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What `import all` reads.
#[derive(Debug, Deserialize)]
pub struct Dump {
    pub format: String,
    pub version: i64,
    pub pipeline: Vec<StageRecord>,
    pub settings: BTreeMap<String, String>,
    pub contacts: Vec<ContactRecord>,
    pub stage_history: Vec<StageMoveRecord>,
    pub interactions: Vec<InteractionRecord>,
    pub follow_ups: Vec<FollowUpRecord>,
}

impl Db<'_> {
    pub fn each_stage(&self, f: &mut dyn FnMut(StageRecord) -> Result<()>) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, uid, position, updated_at FROM stages ORDER BY position")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(StageRecord {
                name: r.get(0)?,
                uid: r.get(1)?,
                position: r.get(2)?,
                updated_at: r.get(3)?,
            })?;
        }
        Ok(())
    }

    pub fn settings(&self) -> Result<BTreeMap<String, String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM settings ORDER BY key")?;
        let map = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(map)
    }

    pub fn each_contact_record(
        &self,
        f: &mut dyn FnMut(ContactRecord) -> Result<()>,
    ) -> Result<()> {
        let mut revisions = self
            .conn
            .prepare_cached("SELECT revision FROM contacts WHERE id = ?1")?;
        self.each_contact(&mut |c: Contact| {
            let revision: i64 = revisions.query_row([c.id], |r| r.get(0))?;
            f(ContactRecord {
                id: c.id,
                uid: c.uid,
                name: c.name,
                email: c.email,
                phone: c.phone,
                company: c.company,
                title: c.title,
                location: c.location,
                stage: c.stage,
                stage_since: c.stage_since,
                source: c.source,
                tags: c.tags,
                birthday: c.birthday,
                fields: c.fields,
                referred_by: c.referred_by,
                note: c.note,
                do_not_contact: c.do_not_contact,
                created_at: c.created_at,
                updated_at: c.updated_at,
                revision,
                last_contact_at: c.last_contact_at,
                next_follow_up: c.next_follow_up,
            })
        })
    }

    /// Every contact in id order, one at a time.
    pub fn each_contact(&self, f: &mut dyn FnMut(Contact) -> Result<()>) -> Result<()> {
        let mut ids = self.conn.prepare("SELECT id FROM contacts ORDER BY id")?;
        let mut rows = ids.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(contact) = self.contact(r.get(0)?)? {
                f(contact)?;
            }
        }
        Ok(())
    }

    pub fn field_keys(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT lower(key) FROM contact_fields ORDER BY 1")?;
        let keys = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(keys)
    }

    pub fn each_stage_move(&self, f: &mut dyn FnMut(StageMoveRecord) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT id, uid, contact_id, from_stage, to_stage, at, reason, updated_at FROM stage_history ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(StageMoveRecord {
                id: r.get(0)?,
                uid: r.get(1)?,
                contact_id: r.get(2)?,
                from: r.get(3)?,
                to: r.get(4)?,
                at: r.get(5)?,
                reason: r.get(6)?,
                updated_at: r.get(7)?,
            })?;
        }
        Ok(())
    }

    pub fn each_follow_up(&self, f: &mut dyn FnMut(FollowUpRecord) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT id, uid, contact_id, due_date, due_time, note, every, anchor_date, done_at, created_at, updated_at \
             FROM follow_ups ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(FollowUpRecord {
                id: r.get(0)?,
                uid: r.get(1)?,
                contact_id: r.get(2)?,
                due: r.get(3)?,
                time: r.get(4)?,
                note: r.get(5)?,
                every: r.get(6)?,
                anchor: r.get(7)?,
                done_at: r.get(8)?,
                created_at: r.get(9)?,
                updated_at: r.get(10)?,
            })?;
        }
        Ok(())
    }

    /// Loads a dump into this database, which must hold no contacts.
    pub fn load_dump(&self, dump: &Dump) -> Result<()> {
        if dump.format != DUMP_FORMAT {
            bail!(
                "this is not a rapport export: its format is '{}', expected '{DUMP_FORMAT}'",
                dump.format
            );
        }
        if dump.version > DUMP_VERSION {
            bail!("this export is version {}, newer than this rapport reads (up to {DUMP_VERSION}): upgrade rapport", dump.version);
        }
        let (contacts, interactions): (i64, i64) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM interactions)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if contacts + interactions > 0 {
            bail!(
                "the database already holds {contacts} contacts: `import all` restores into an empty database only \
                 (use --db NEW.db, or `import contacts` to merge)"
            );
        }
        self.conn.execute_batch(
            "DELETE FROM follow_ups; DELETE FROM stage_history; DELETE FROM stages;",
        )?;
        for s in &dump.pipeline {
            self.conn.execute(
                "INSERT INTO stages (uid, name, position, updated_at) VALUES (?1, ?2, ?3, ?4)",
                params![s.uid, s.name, s.position, s.updated_at],
            )?;
        }
        for (key, value) in &dump.settings {
            self.set_setting(key, value)?;
        }
        for c in &dump.contacts {
            let (stage_id, _) = self.stage_id(&c.stage)?;
            self.conn.execute(
                "INSERT INTO contacts (id, uid, name, email, phone, phone_key, company, title, location, source, \
                 stage_id, stage_since, birthday, note, do_not_contact, created_at, updated_at, revision, \
                 last_contact_at, next_follow_up) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
                params![
                    c.id,
                    c.uid,
                    c.name,
                    c.email,
                    c.phone,
                    c.phone.as_deref().map(crate::domain::contact::phone_key),
                    c.company,
                    c.title,
                    c.location,
                    c.source,
                    stage_id,
                    c.stage_since,
                    c.birthday,
                    c.note,
                    c.do_not_contact,
                    c.created_at,
                    c.updated_at,
                    c.revision,
                    c.last_contact_at,
                    c.next_follow_up
                ],
            )?;
            for tag in &c.tags {
                self.conn.execute(
                    "INSERT INTO contact_tags (contact_id, tag) VALUES (?1, ?2)",
                    params![c.id, tag],
                )?;
            }
            for (key, value) in &c.fields {
                self.conn.execute(
                    "INSERT INTO contact_fields (contact_id, key, value) VALUES (?1, ?2, ?3)",
                    params![c.id, key, value],
                )?;
            }
        }
        // Referrals point anywhere in the list, so they go in once everyone is there.
        for c in dump.contacts.iter().filter(|c| c.referred_by.is_some()) {
            self.conn.execute(
                "UPDATE contacts SET referred_by = ?1 WHERE id = ?2",
                params![c.referred_by, c.id],
            )?;
        }
        for c in &dump.contacts {
            self.index_contact(c.id)?;
        }
        for m in &dump.stage_history {
            self.conn.execute(
                "INSERT INTO stage_history (id, uid, contact_id, from_stage, to_stage, at, reason, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![m.id, m.uid, m.contact_id, m.from, m.to, m.at, m.reason, m.updated_at],
            )?;
        }
        for i in &dump.interactions {
            self.conn.execute(
                "INSERT INTO interactions (id, uid, contact_id, kind, summary, channel, at, amount_cents, rating, \
                 resolved_at, resolution, created_at, updated_at, payment_due, paid_at, direction, day) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, substr(?7, 1, 10))",
                params![
                    i.id,
                    i.uid,
                    i.contact_id,
                    i.kind,
                    i.summary,
                    i.channel,
                    i.at,
                    i.amount.map(|a| (a * 100.0).round() as i64),
                    i.rating,
                    i.resolved_at,
                    i.resolution,
                    i.created_at,
                    i.updated_at,
                    i.payment_due,
                    i.paid_at,
                    i.direction
                ],
            )?;
        }
        self.conn.execute(
            "UPDATE contacts SET \
               first_contact_at = (SELECT min(at) FROM interactions WHERE contact_id = contacts.id AND kind <> 'note'), \
               contact_count = (SELECT count(*) FROM interactions WHERE contact_id = contacts.id AND kind <> 'note')",
            [],
        )?;
        self.refresh_rhythm_alarm(None)?;
        self.rebuild_interaction_index()?;
        for f in &dump.follow_ups {
            self.conn.execute(
                "INSERT INTO follow_ups (id, uid, contact_id, due_date, due_time, note, every, anchor_date, done_at, \
                 created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![f.id, f.uid, f.contact_id, f.due, f.time, f.note, f.every, f.anchor, f.done_at, f.created_at, f.updated_at],
            )?;
        }
        Ok(())
    }
}

/// An interaction as the export writes it.
pub fn interaction_record(i: Interaction) -> InteractionRecord {
    InteractionRecord {
        id: i.id,
        uid: i.uid,
        contact_id: i.contact_id,
        kind: i.kind.as_str().to_string(),
        summary: i.summary,
        channel: i.channel,
        at: i.at,
        amount: i.amount.map(|a| a.as_f64()),
        rating: i.rating.map(i64::from),
        resolved_at: i.resolved_at,
        resolution: i.resolution,
        created_at: i.created_at,
        updated_at: i.updated_at,
        payment_due: i.payment_due,
        paid_at: i.paid_at,
        direction: i.direction,
    }
}
