//! Health of the database file: counts and consistency checks.

use super::{schema, Db};
use crate::error::Result;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub schema_version: i64,
    pub contacts: i64,
    pub interactions: i64,
    pub open_follow_ups: i64,
    pub open_tickets: i64,
    pub stages: i64,
}

impl Db<'_> {
    pub fn counts(&self) -> Result<Counts> {
        let one = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Counts {
            schema_version: one("PRAGMA user_version")?,
            contacts: one("SELECT count(*) FROM contacts")?,
            interactions: one("SELECT count(*) FROM interactions")?,
            open_follow_ups: one("SELECT count(*) FROM follow_ups WHERE done_at IS NULL")?,
            open_tickets: one(
                "SELECT count(*) FROM interactions WHERE kind = 'ticket' AND resolved_at IS NULL",
            )?,
            stages: one("SELECT count(*) FROM stages")?,
        })
    }

    pub fn has_contacts(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM contacts)", [], |r| r.get(0))?)
    }

    /// Every problem found, in words; empty when the database is sound.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                problems.push(format!("integrity: {line}"));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (table, rowid, parent) = row?;
            problems.push(format!(
                "{table} row {rowid} points to a missing {parent} row"
            ));
        }
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version != schema::LATEST {
            problems.push(format!(
                "schema version {version}, expected {}",
                schema::LATEST
            ));
        }
        // The maintained columns must agree with the rows they summarise.
        let stale_contact: i64 = self.conn.query_row(
            "SELECT count(*) FROM contacts c WHERE c.last_contact_at IS NOT \
               (SELECT max(at) FROM interactions WHERE contact_id = c.id AND kind <> 'note') \
             OR c.first_contact_at IS NOT (SELECT min(at) FROM interactions WHERE contact_id = c.id AND kind <> 'note') \
             OR c.contact_count <> (SELECT count(DISTINCT day) FROM interactions WHERE contact_id = c.id AND kind <> 'note') \
             OR c.revenue_cents <> (SELECT CAST(total(amount_cents) AS INTEGER) FROM interactions WHERE contact_id = c.id AND kind = 'purchase')",
            [],
            |r| r.get(0),
        )?;
        if stale_contact > 0 {
            problems.push(format!(
                "{stale_contact} contacts have a stale last_contact_at, first_contact_at, contact_count or revenue_cents"
            ));
        }
        let stale_follow_up: i64 = self.conn.query_row(
            "SELECT count(*) FROM contacts c WHERE c.next_follow_up IS NOT \
               (SELECT min(due_date) FROM follow_ups WHERE contact_id = c.id AND done_at IS NULL)",
            [],
            |r| r.get(0),
        )?;
        if stale_follow_up > 0 {
            problems.push(format!(
                "{stale_follow_up} contacts have a stale next_follow_up"
            ));
        }
        let unindexed: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM contacts) - (SELECT count(*) FROM contacts_fts)",
            [],
            |r| r.get(0),
        )?;
        if unindexed != 0 {
            problems.push(format!("the search index is off by {unindexed} contacts"));
        }
        // PRAGMA integrity_check runs the search index's own check too; whether
        // the index matches the text it indexes is checked on a copy, so
        // that check never writes (see `deep_search_check`).
        for table in ["contacts_fts", "interactions_fts"] {
            let indexed: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}_docsize"), [], |r| {
                        r.get(0)
                    })?;
            let source = if table == "contacts_fts" {
                "contacts"
            } else {
                "interactions"
            };
            let rows: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {source}"), [], |r| r.get(0))?;
            if indexed != rows {
                problems.push(format!(
                    "search index {table} has {indexed} rows for {rows} {source}"
                ));
            }
        }
        for rule in self.rules()? {
            let missing: Vec<&String> = rule
                .stages
                .iter()
                .filter(|s| self.stage_id(s).is_err())
                .collect();
            if !missing.is_empty() {
                problems.push(format!(
                    "rule {} ({}) names {} not in the pipeline: change it with `rapport rules edit {}` or remove it",
                    rule.id,
                    rule.kind,
                    missing
                        .iter()
                        .map(|s| format!("'{s}'"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    rule.id
                ));
            }
        }
        Ok(problems)
    }
}
