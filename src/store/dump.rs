//! The whole book as records: what `export all` writes with every id,
//! uid and timestamp, and what `import all` puts back, row for row.

use super::Db;
use crate::domain::contact::Contact;
use crate::domain::interaction::Interaction;
use crate::error::Result;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// When their quiet spell began if they were never contacted (imported
    /// relationships start quiet at import, or at a date the file carried).
    #[serde(default)]
    pub quiet_since: Option<String>,
    /// When they were lost (left the pipeline), and why.
    #[serde(default)]
    pub lost_at: Option<String>,
    #[serde(default)]
    pub lost_reason: Option<String>,
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
    /// The rule that made it, and the stage move that set it off.
    #[serde(default)]
    pub rule_id: Option<i64>,
    #[serde(default)]
    pub stage_move_id: Option<i64>,
    /// How it was closed: `done`, or `cancelled` by a stage move (and why).
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub outcome_note: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct RuleRecord {
    pub id: i64,
    pub uid: String,
    pub kind: String,
    pub stages: Option<String>,
    pub tag: Option<String>,
    pub after: Option<String>,
    pub every: Option<String>,
    pub max: Option<String>,
    pub days_ahead: Option<i64>,
    pub field: Option<String>,
    pub note: Option<String>,
    pub template: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default)]
    pub every_entry: bool,
    #[serde(default)]
    pub keep: bool,
    #[serde(default)]
    pub band: Option<String>,
    #[serde(default)]
    pub first_only: bool,
    /// Its reminders go only to contacts with a consent not withdrawn.
    #[serde(default)]
    pub needs_consent: bool,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct TemplateRecord {
    pub name: String,
    pub uid: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct PointsRecord {
    pub id: i64,
    pub uid: String,
    pub contact_id: i64,
    pub delta: i64,
    pub reason: String,
    pub at: String,
    pub updated_at: String,
    /// The purchase that earned them, for points a rule gave.
    #[serde(default)]
    pub interaction_id: Option<i64>,
}

/// What `done` and `snooze` left on reminders that rules compute.
#[derive(Debug, Serialize, Deserialize)]
pub struct ReminderRecord {
    pub item: String,
    pub spell: String,
    pub contact_id: i64,
    pub done_at: Option<String>,
    pub snoozed_until: Option<String>,
    pub updated_at: String,
}

impl Db<'_> {
    pub fn each_rule_record(&self, f: &mut dyn FnMut(RuleRecord) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT id, uid, kind, stages, tag, after, every, max, days_ahead, field, note, template, created_at, updated_at, \
             every_entry, keep, band, first_only, needs_consent FROM rules ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(RuleRecord {
                id: r.get(0)?,
                uid: r.get(1)?,
                kind: r.get(2)?,
                stages: r.get(3)?,
                tag: r.get(4)?,
                after: r.get(5)?,
                every: r.get(6)?,
                max: r.get(7)?,
                days_ahead: r.get(8)?,
                field: r.get(9)?,
                note: r.get(10)?,
                template: r.get(11)?,
                created_at: r.get(12)?,
                updated_at: r.get(13)?,
                every_entry: r.get(14)?,
                keep: r.get(15)?,
                band: r.get(16)?,
                first_only: r.get(17)?,
                needs_consent: r.get(18)?,
            })?;
        }
        Ok(())
    }

    pub fn each_template_record(
        &self,
        f: &mut dyn FnMut(TemplateRecord) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT name, uid, subject, body, created_at, updated_at FROM templates ORDER BY name",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(TemplateRecord {
                name: r.get(0)?,
                uid: r.get(1)?,
                subject: r.get(2)?,
                body: r.get(3)?,
                created_at: r.get(4)?,
                updated_at: r.get(5)?,
            })?;
        }
        Ok(())
    }

    pub fn each_points_record(
        &self,
        contact: Option<i64>,
        f: &mut dyn FnMut(PointsRecord) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(&scoped(
            "SELECT id, uid, contact_id, delta, reason, at, updated_at, interaction_id FROM loyalty_points",
            contact,
            "ORDER BY id",
        ))?;
        let mut rows = stmt.query([contact])?;
        while let Some(r) = rows.next()? {
            f(PointsRecord {
                id: r.get(0)?,
                uid: r.get(1)?,
                contact_id: r.get(2)?,
                delta: r.get(3)?,
                reason: r.get(4)?,
                at: r.get(5)?,
                updated_at: r.get(6)?,
                interaction_id: r.get(7)?,
            })?;
        }
        Ok(())
    }

    pub fn each_reminder_record(
        &self,
        contact: Option<i64>,
        f: &mut dyn FnMut(ReminderRecord) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(&scoped(
            "SELECT item, spell, contact_id, done_at, snoozed_until, updated_at FROM reminder_state",
            contact,
            "ORDER BY item, spell",
        ))?;
        let mut rows = stmt.query([contact])?;
        while let Some(r) = rows.next()? {
            f(ReminderRecord {
                item: r.get(0)?,
                spell: r.get(1)?,
                contact_id: r.get(2)?,
                done_at: r.get(3)?,
                snoozed_until: r.get(4)?,
                updated_at: r.get(5)?,
            })?;
        }
        Ok(())
    }

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

    pub fn each_contact_record(
        &self,
        f: &mut dyn FnMut(ContactRecord) -> Result<()>,
    ) -> Result<()> {
        self.each_contact(&mut |c: Contact| f(self.contact_record_of(c)?))
    }

    /// One contact as `export all` writes them.
    pub fn contact_record(&self, id: i64) -> Result<Option<ContactRecord>> {
        self.contact(id)?
            .map(|c| self.contact_record_of(c))
            .transpose()
    }

    fn contact_record_of(&self, c: Contact) -> Result<ContactRecord> {
        let mut revisions = self.conn.prepare_cached(
            "SELECT revision, quiet_since, lost_at, lost_reason FROM contacts WHERE id = ?1",
        )?;
        #[allow(clippy::type_complexity)]
        let (revision, quiet_since, lost_at, lost_reason): (
            i64,
            Option<String>,
            Option<String>,
            Option<String>,
        ) = revisions.query_row([c.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(ContactRecord {
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
            quiet_since,
            lost_at,
            lost_reason,
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

    pub fn each_stage_move(
        &self,
        contact: Option<i64>,
        f: &mut dyn FnMut(StageMoveRecord) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(&scoped(
            "SELECT id, uid, contact_id, from_stage, to_stage, at, reason, updated_at FROM stage_history",
            contact,
            "ORDER BY id",
        ))?;
        let mut rows = stmt.query([contact])?;
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

    pub fn each_follow_up(
        &self,
        contact: Option<i64>,
        f: &mut dyn FnMut(FollowUpRecord) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(&scoped(
            "SELECT id, uid, contact_id, due_date, due_time, note, every, anchor_date, done_at, created_at, updated_at, \
             rule_id, stage_move_id, outcome, outcome_note FROM follow_ups",
            contact,
            "ORDER BY id",
        ))?;
        let mut rows = stmt.query([contact])?;
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
                rule_id: r.get(11)?,
                stage_move_id: r.get(12)?,
                outcome: r.get(13)?,
                outcome_note: r.get(14)?,
            })?;
        }
        Ok(())
    }
}

/// `select` for everyone, or for one contact by the index on its
/// `contact_id` (bound as ?1 either way).
fn scoped(select: &str, contact: Option<i64>, order: &str) -> String {
    match contact {
        Some(_) => format!("{select} WHERE contact_id = ?1 {order}"),
        None => format!("{select} WHERE ?1 IS NULL {order}"),
    }
}

/// Where one contact came from: each import that added or changed them.
#[derive(Debug, Serialize)]
pub struct Provenance {
    pub batch: i64,
    pub source: String,
    pub preset: Option<String>,
    pub at: String,
    pub undone_at: Option<String>,
    /// What the import set: (what, old value, new value).
    pub changes: Vec<(String, Option<String>, Option<String>)>,
}

impl Db<'_> {
    pub fn provenance(&self, contact: i64) -> Result<Vec<Provenance>> {
        let mut stmt = self.conn.prepare(
            "SELECT b.id, b.source, b.preset, b.at, b.undone_at, ch.target, ch.old_value, ch.new_value \
             FROM import_changes ch JOIN import_batches b ON b.id = ch.batch_id \
             WHERE ch.contact_id = ?1 AND ch.target <> 'revision' ORDER BY b.id, ch.id",
        )?;
        let mut rows = stmt.query([contact])?;
        let mut out: Vec<Provenance> = Vec::new();
        while let Some(r) = rows.next()? {
            let batch: i64 = r.get(0)?;
            if out.last().is_none_or(|p| p.batch != batch) {
                out.push(Provenance {
                    batch,
                    source: r.get(1)?,
                    preset: r.get(2)?,
                    at: r.get(3)?,
                    undone_at: r.get(4)?,
                    changes: Vec::new(),
                });
            }
            if let Some(p) = out.last_mut() {
                p.changes.push((r.get(5)?, r.get(6)?, r.get(7)?));
            }
        }
        Ok(out)
    }
}

/// An interaction as the export writes it.
impl From<Interaction> for InteractionRecord {
    fn from(i: Interaction) -> InteractionRecord {
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
}

impl Db<'_> {
    /// Whether the book holds contacts or interactions: `import all`
    /// restores into an empty one only.
    pub fn contact_and_interaction_counts(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM interactions)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// The pipeline of a restored book replaces the one it had.
    pub fn replace_pipeline(&self, stages: &[StageRecord]) -> Result<()> {
        self.conn.execute_batch(
            "DELETE FROM follow_ups; DELETE FROM stage_history; DELETE FROM stages;",
        )?;
        for s in stages {
            self.conn.execute(
                "INSERT INTO stages (uid, name, position, updated_at) VALUES (?1, ?2, ?3, ?4)",
                params![s.uid, s.name, s.position, s.updated_at],
            )?;
        }
        Ok(())
    }

    pub fn replace_rules(&self, rules: &[RuleRecord]) -> Result<()> {
        self.conn.execute("DELETE FROM rules", [])?;
        for r in rules {
            self.conn.execute(
                "INSERT INTO rules (id, uid, kind, stages, tag, after, every, max, days_ahead, field, note, template, created_at, updated_at, \
                 every_entry, keep, band, first_only, needs_consent) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                params![r.id, r.uid, r.kind, r.stages, r.tag, r.after, r.every, r.max, r.days_ahead, r.field, r.note, r.template, r.created_at, r.updated_at, r.every_entry, r.keep, r.band, r.first_only, r.needs_consent],
            )?;
        }
        Ok(())
    }

    pub fn insert_template_record(&self, t: &TemplateRecord) -> Result<()> {
        self.conn.execute(
            "INSERT INTO templates (name, uid, subject, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![t.name, t.uid, t.subject, t.body, t.created_at, t.updated_at],
        )?;
        Ok(())
    }

    /// A contact as exported, its referral left for `set_referrer` once
    /// everyone is in.
    pub fn insert_contact_record(&self, c: &ContactRecord) -> Result<()> {
        let (stage_id, _) = self.stage_id(&c.stage)?;
        self.conn
            .prepare_cached(
                "INSERT INTO contacts (id, uid, name, email, phone, phone_key, company, title, location, source, \
                 stage_id, stage_since, birthday, note, do_not_contact, created_at, updated_at, revision, \
                 last_contact_at, next_follow_up, quiet_since, lost_at, lost_reason) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, \
                 coalesce(?21, ?16), ?22, ?23)",
            )?
            .execute(params![
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
                c.next_follow_up,
                c.quiet_since,
                c.lost_at,
                c.lost_reason
            ])?;
        for tag in &c.tags {
            self.conn
                .prepare_cached("INSERT INTO contact_tags (contact_id, tag) VALUES (?1, ?2)")?
                .execute(params![c.id, tag])?;
        }
        for (key, value) in &c.fields {
            self.conn
                .prepare_cached(
                    "INSERT INTO contact_fields (contact_id, key, value) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![c.id, key, value])?;
        }
        self.index_contact(c.id)
    }

    pub fn set_referrer(&self, contact: i64, referrer: i64) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE contacts SET referred_by = ?1 WHERE id = ?2")?
            .execute(params![referrer, contact])?;
        Ok(())
    }

    pub fn insert_stage_move_record(&self, m: &StageMoveRecord) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO stage_history (id, uid, contact_id, from_stage, to_stage, at, reason, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![m.id, m.uid, m.contact_id, m.from, m.to, m.at, m.reason, m.updated_at])?;
        Ok(())
    }

    pub fn insert_interaction_record(&self, i: &InteractionRecord) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO interactions (id, uid, contact_id, kind, summary, channel, at, amount_cents, rating, \
                 resolved_at, resolution, created_at, updated_at, payment_due, paid_at, direction, day) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, substr(?7, 1, 10))",
            )?
            .execute(params![
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
            ])?;
        self.index_interaction(i.id)
    }

    pub fn insert_follow_up_record(&self, f: &FollowUpRecord) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO follow_ups (id, uid, contact_id, due_date, due_time, note, every, anchor_date, done_at, \
                 created_at, updated_at, rule_id, stage_move_id, outcome, outcome_note) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, \
                 coalesce(?14, CASE WHEN ?9 IS NOT NULL THEN 'done' END), ?15)",
            )?
            .execute(params![
                f.id,
                f.uid,
                f.contact_id,
                f.due,
                f.time,
                f.note,
                f.every,
                f.anchor,
                f.done_at,
                f.created_at,
                f.updated_at,
                f.rule_id,
                f.stage_move_id,
                f.outcome,
                f.outcome_note
            ])?;
        Ok(())
    }

    pub fn insert_points_record(&self, p: &PointsRecord) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO loyalty_points (id, uid, contact_id, delta, reason, at, updated_at, interaction_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![p.id, p.uid, p.contact_id, p.delta, p.reason, p.at, p.updated_at, p.interaction_id])?;
        Ok(())
    }

    pub fn insert_reminder_record(&self, r: &ReminderRecord) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO reminder_state (item, spell, contact_id, done_at, snoozed_until, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![r.item, r.spell, r.contact_id, r.done_at, r.snoozed_until, r.updated_at])?;
        Ok(())
    }

    /// After a restore: what interactions sum up to, per contact.
    pub fn refresh_all_rhythms(&self) -> Result<()> {
        self.conn.execute(
            "UPDATE contacts SET \
               first_contact_at = (SELECT min(at) FROM interactions WHERE contact_id = contacts.id AND kind <> 'note'), \
               contact_count = (SELECT count(DISTINCT day) FROM interactions WHERE contact_id = contacts.id AND kind <> 'note'), \
               revenue_cents = (SELECT CAST(total(amount_cents) AS INTEGER) FROM interactions WHERE contact_id = contacts.id AND kind = 'purchase')",
            [],
        )?;
        self.touch_all();
        Ok(())
    }
}
