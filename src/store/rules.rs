//! Rules, the done/snooze state of the reminders they compute, and the
//! look-ups that find which contacts a rule applies to.

use super::{new_uid, Db};
use crate::domain::rules::{Rule, RuleKind};
use crate::error::Result;
use rusqlite::{params, OptionalExtension, Row};

/// A contact a rule may apply to, with what the rule needs to know.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub contact_id: i64,
    pub name: String,
    pub do_not_contact: bool,
    pub last_contact_at: Option<String>,
    /// What the rule counts from: the start of the quiet spell, a birthday,
    /// the day they entered a stage, a date field.
    pub date: String,
}

const RULE_COLUMNS: &str =
    "id, kind, stages, tag, after, every, max, days_ahead, field, note, template, every_entry, keep, band, first_only, created_at, needs_consent";

fn rule_from_row(r: &Row<'_>) -> rusqlite::Result<Rule> {
    let kind: String = r.get(1)?;
    let stages: Option<String> = r.get(2)?;
    Ok(Rule {
        id: r.get(0)?,
        kind: RuleKind::parse(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                1,
                rusqlite::types::Type::Text,
                format!("rule kind '{kind}'").into(),
            )
        })?,
        stages: stages
            .map(|s| s.split(',').map(String::from).collect())
            .unwrap_or_default(),
        tag: r.get(3)?,
        after: r.get(4)?,
        every: r.get(5)?,
        max: r.get(6)?,
        days_ahead: r.get(7)?,
        field: r.get(8)?,
        note: r.get(9)?,
        template: r.get(10)?,
        every_entry: r.get(11)?,
        keep: r.get(12)?,
        band: r
            .get::<_, Option<String>>(13)?
            .as_deref()
            .and_then(crate::domain::rules::Band::parse),
        first_only: r.get(14)?,
        created_on: r
            .get::<_, String>(15)?
            .get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        needs_consent: r.get(16)?,
    })
}

fn candidate(r: &Row<'_>) -> rusqlite::Result<Candidate> {
    Ok(Candidate {
        contact_id: r.get(0)?,
        name: r.get(1)?,
        do_not_contact: r.get(2)?,
        last_contact_at: r.get(3)?,
        date: r.get(4)?,
    })
}

impl Db<'_> {
    pub fn insert_rule(&self, rule: &Rule) -> Result<i64> {
        self.rules.borrow_mut().clear();
        let now = self.now();
        self.conn.execute(
            "INSERT INTO rules (uid, kind, stages, tag, after, every, max, days_ahead, field, note, template, created_at, updated_at, \
             every_entry, keep, band, first_only, needs_consent, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            params![
                new_uid(),
                rule.kind.as_str(),
                (!rule.stages.is_empty()).then(|| rule.stages.join(",")),
                rule.tag,
                rule.after,
                rule.every,
                rule.max,
                rule.days_ahead,
                rule.field,
                rule.note,
                rule.template,
                now,
                rule.every_entry,
                rule.keep,
                rule.band.map(|b| b.as_str()),
                rule.first_only,
                rule.needs_consent,
                self.new_id("rules")?
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_rule(&self, rule: &Rule) -> Result<()> {
        self.rules.borrow_mut().clear();
        self.conn.execute(
            "UPDATE rules SET stages = ?1, tag = ?2, after = ?3, every = ?4, max = ?5, days_ahead = ?6, field = ?7, \
             note = ?8, template = ?9, updated_at = ?10, every_entry = ?12, keep = ?13, band = ?14, first_only = ?15, needs_consent = ?16 WHERE id = ?11",
            params![
                (!rule.stages.is_empty()).then(|| rule.stages.join(",")),
                rule.tag,
                rule.after,
                rule.every,
                rule.max,
                rule.days_ahead,
                rule.field,
                rule.note,
                rule.template,
                self.now(),
                rule.id,
                rule.every_entry,
                rule.keep,
                rule.band.map(|b| b.as_str()),
                rule.first_only,
                rule.needs_consent
            ],
        )?;
        Ok(())
    }

    pub fn delete_rule(&self, id: i64) -> Result<bool> {
        self.rules.borrow_mut().clear();
        Ok(self.conn.execute("DELETE FROM rules WHERE id = ?1", [id])? == 1)
    }

    pub fn rules(&self) -> Result<Vec<Rule>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {RULE_COLUMNS} FROM rules ORDER BY id"))?;
        let rules = stmt
            .query_map([], rule_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rules)
    }

    pub fn rules_of_kind(&self, kind: RuleKind) -> Result<Vec<Rule>> {
        if self.bulk.get() {
            if let Some(rules) = self.rules.borrow().get(kind.as_str()) {
                return Ok(rules.clone());
            }
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {RULE_COLUMNS} FROM rules WHERE kind = ?1 ORDER BY id"
        ))?;
        let rules: Vec<Rule> = stmt
            .query_map([kind.as_str()], rule_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        if self.bulk.get() {
            self.rules.borrow_mut().insert(kind.as_str(), rules.clone());
        }
        Ok(rules)
    }

    pub fn rule(&self, id: i64) -> Result<Option<Rule>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {RULE_COLUMNS} FROM rules WHERE id = ?1"),
                [id],
                rule_from_row,
            )
            .optional()?)
    }

    /// The last time a reminder of this key was done, any spell.
    pub fn last_done(&self, item: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT max(done_at) FROM reminder_state WHERE item = ?1")?
            .query_row([item], |r| r.get(0))?)
    }

    pub fn mark_reminder(
        &self,
        item: &str,
        spell: &str,
        contact: i64,
        done_at: Option<&str>,
        snoozed_until: Option<&str>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO reminder_state (item, spell, contact_id, done_at, snoozed_until, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT (item, spell) DO UPDATE SET done_at = excluded.done_at, \
               snoozed_until = excluded.snoozed_until, updated_at = excluded.updated_at",
            params![item, spell, contact, done_at, snoozed_until, self.now()],
        )?;
        Ok(())
    }

    fn stage_ids(&self, stages: &[String]) -> Result<Vec<String>> {
        stages
            .iter()
            .map(|s| self.stage_id(s).map(|(id, _)| id.to_string()))
            .collect()
    }

    /// Contacts whose birthday (MM-DD) falls in one of the ranges.
    pub fn birthdays_between(&self, ranges: &[(String, String)]) -> Result<Vec<Candidate>> {
        let mut all = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, do_not_contact, last_contact_at, birthday FROM contacts \
             WHERE birthday IS NOT NULL AND substr(birthday, -5) BETWEEN ?1 AND ?2 AND lost_at IS NULL",
        )?;
        for (from, to) in ranges {
            all.extend(
                stmt.query_map(params![from, to], candidate)?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
            );
        }
        Ok(all)
    }

    /// When each contact first entered `stage` (becoming a customer), for
    /// those whose day of the year (MM-DD, UTC) falls in one of the ranges.
    pub fn first_entered(
        &self,
        stage: &str,
        ranges: &[(String, String)],
    ) -> Result<Vec<Candidate>> {
        // The first entry only: no earlier move into the stage.
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.do_not_contact, c.last_contact_at, h.at FROM stage_history h \
             JOIN contacts c ON c.id = h.contact_id \
             WHERE h.to_stage = ?1 AND substr(h.at, 6, 5) BETWEEN ?2 AND ?3 AND c.lost_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM stage_history e \
               WHERE e.to_stage = h.to_stage AND e.contact_id = h.contact_id AND (e.at < h.at OR (e.at = h.at AND e.id < h.id)))",
        )?;
        let mut all = Vec::new();
        for (from, to) in ranges {
            all.extend(
                stmt.query_map(params![stage, from, to], candidate)?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
            );
        }
        Ok(all)
    }

    /// Contacts with a date in custom field `key`.
    pub fn field_dates(&self, key: &str) -> Result<Vec<Candidate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.do_not_contact, c.last_contact_at, f.value FROM contact_fields f \
             JOIN contacts c ON c.id = f.contact_id WHERE f.key = ?1 AND c.lost_at IS NULL",
        )?;
        let rows = stmt
            .query_map([key], candidate)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Contacts with a tag; `date` is when their quiet spell began.
    pub fn tagged_contacts(&self, tag: &str) -> Result<Vec<Candidate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.do_not_contact, c.last_contact_at, coalesce(c.last_contact_at, c.quiet_since) \
             FROM contacts c WHERE c.id IN (SELECT contact_id FROM contact_tags WHERE tag = ?1) AND c.lost_at IS NULL",
        )?;
        let rows = stmt
            .query_map([tag], candidate)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Contacts in these stages; `date` is when they entered it.
    pub fn contacts_in_stages(&self, stages: &[String]) -> Result<Vec<Candidate>> {
        let ids = self.stage_ids(stages)?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT id, name, do_not_contact, last_contact_at, stage_since FROM contacts WHERE stage_id IN ({}) AND lost_at IS NULL",
            ids.join(",")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([], candidate)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
