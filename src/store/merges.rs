//! `merge`: two contacts that are one person become one, and back again.
//!
//! Everything the merged-away contact had is kept with the merge as a
//! snapshot of its rows (every table that points at a contact, found from
//! the schema's own foreign keys, so a table added later is not forgotten),
//! with what moved to the kept contact and what of theirs changed. Undo
//! puts back exactly that, and only what nothing touched since.

use super::values::{from_json, to_json};
use super::Db;
use crate::error::Result;
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

/// The details a merge may fill in on the kept contact when theirs is empty.
const FILLED: &[&str] = &[
    "email",
    "phone",
    "phone_key",
    "company",
    "title",
    "location",
    "source",
    "birthday",
    "note",
];

/// Rows that follow the person to the kept contact; the rest of the
/// merged-away contact's rows (their own stage history, import records,
/// reminder states) stay in the snapshot.
const MOVED: &[&str] = &["interactions", "follow_ups", "loyalty_points", "consents"];

/// The order undo puts rows back in: a row after the rows it points at.
const ORDER: &[&str] = &[
    "stage_history",
    "interactions",
    "contact_tags",
    "contact_fields",
    "consents",
    "follow_ups",
    "loyalty_points",
    "reminder_state",
    "import_changes",
];

/// What a merge did, as undo needs it.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Record {
    /// table → rows (column → value) of the merged-away contact.
    rows: Map<String, Json>,
    /// table → ids of rows now the kept contact's.
    moved: Map<String, Json>,
    /// Contacts whose referrer was the merged-away contact.
    referrals: Vec<i64>,
    /// column of the kept contact → [before, after].
    columns: Map<String, Json>,
    /// Tags the kept contact gained.
    tags: Vec<String>,
    /// field → [before, after] on the kept contact.
    fields: Map<String, Json>,
}

/// One merge, as `merge` reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Merged {
    pub merge: i64,
    pub kept: i64,
    pub merged: i64,
    pub merged_name: String,
    pub interactions: usize,
    pub follow_ups: usize,
}

impl Db<'_> {
    /// Tables with a column that points at a contact, and that column.
    fn contact_references(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f \
             WHERE m.type = 'table' AND f.\"table\" = 'contacts' ORDER BY m.name, f.\"from\"",
        )?;
        let refs = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(refs)
    }

    fn rows_where(&self, table: &str, column: &str, id: i64) -> Result<Vec<Json>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT * FROM \"{table}\" WHERE \"{column}\" = ?1"
        ))?;
        let names: Vec<String> = stmt.column_names().map(String::from).collect();
        let rows = stmt
            .query_map([id], |r| {
                let mut row = Map::new();
                for (i, name) in names.iter().enumerate() {
                    row.insert(name.clone(), to_json(r.get::<_, Value>(i)?));
                }
                Ok(Json::Object(row))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn insert_row(&self, table: &str, row: &Map<String, Json>) -> rusqlite::Result<usize> {
        let columns: Vec<&String> = row.keys().collect();
        let sql = format!(
            "INSERT OR IGNORE INTO \"{table}\" ({}) VALUES ({})",
            columns
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", "),
            vec!["?"; columns.len()].join(", ")
        );
        let values: Vec<Value> = row.values().map(from_json).collect();
        self.conn.execute(&sql, rusqlite::params_from_iter(values))
    }

    /// Merges `other` into `keep`: their interactions, follow-ups, points
    /// and consents move; empty details of `keep` are filled from theirs
    /// (a second email or phone is kept in other_emails / other_phones);
    /// tags and fields `keep` lacks are added; do-not-contact carries over;
    /// the relationship began at the earlier of the two.
    pub fn merge_contacts(&self, keep: i64, other: i64) -> Result<Merged> {
        let now = self.now();
        let mut record = Record::default();
        let references = self.contact_references()?;
        let other_row = self.rows_where("contacts", "id", other)?;
        let keep_row = self.rows_where("contacts", "id", keep)?;
        let (Some(Json::Object(theirs)), Some(Json::Object(ours))) =
            (other_row.first(), keep_row.first())
        else {
            return Err(crate::internal!("contact #{keep} or #{other} vanished"));
        };
        let merged_name = theirs["name"].as_str().unwrap_or_default().to_string();
        record
            .rows
            .insert("contacts".into(), Json::Array(other_row.clone()));
        for (table, column) in &references {
            if table == "contacts" || table == "merges" {
                continue;
            }
            let rows = self.rows_where(table, column, other)?;
            if !rows.is_empty() {
                record.rows.insert(table.clone(), Json::Array(rows));
            }
        }

        // What moves with the person.
        let (mut interactions, mut follow_ups) = (0, 0);
        for table in MOVED {
            let ids: Vec<i64> =
                self.conn
                    .prepare(&format!(
                    "UPDATE \"{table}\" SET contact_id = ?1 WHERE contact_id = ?2 {} RETURNING id",
                    // A rule's follow-up on their own stage entry ends with it.
                    if *table == "follow_ups" { "AND stage_move_id IS NULL" } else { "" }
                ))?
                    .query_map(params![keep, other], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
            match *table {
                "interactions" => interactions = ids.len(),
                "follow_ups" => follow_ups = ids.len(),
                _ => {}
            }
            if !ids.is_empty() {
                record.moved.insert(table.to_string(), Json::from(ids));
            }
        }
        record.referrals = self
            .conn
            .prepare("UPDATE contacts SET referred_by = ?1 WHERE referred_by = ?2 AND id <> ?1 RETURNING id")?
            .query_map(params![keep, other], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;

        // Their details where ours are empty; a second address kept.
        let mut set = |column: &str, value: Json| {
            let before = ours.get(column).cloned().unwrap_or(Json::Null);
            if before != value {
                record
                    .columns
                    .insert(column.to_string(), Json::Array(vec![before, value]));
            }
        };
        for column in FILLED {
            if ours[*column].is_null() && !theirs[*column].is_null() {
                set(column, theirs[*column].clone());
            }
        }
        if ours["do_not_contact"] == 0 && theirs["do_not_contact"] == 1 {
            set("do_not_contact", Json::from(1));
        }
        if let (Some(a), Some(b)) = (ours["created_at"].as_str(), theirs["created_at"].as_str()) {
            if b < a {
                set("created_at", Json::from(b));
            }
        }
        if ours["referred_by"].is_null()
            && theirs["referred_by"].as_i64().is_some_and(|r| r != keep)
            && self
                .check_referrer(keep, theirs["referred_by"].as_i64().unwrap_or(0))
                .is_ok()
        {
            set("referred_by", theirs["referred_by"].clone());
        }
        for (column, change) in &record.columns {
            self.conn.execute(
                &format!("UPDATE contacts SET \"{column}\" = ?1 WHERE id = ?2"),
                params![from_json(&change[1]), keep],
            )?;
        }

        let mut tags: Vec<String> = self
            .conn
            .prepare("SELECT tag FROM contact_tags WHERE contact_id = ?1 ORDER BY tag")?
            .query_map([other], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        tags.retain(|t| {
            self.conn
                .execute(
                    "INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?1, ?2)",
                    params![keep, t],
                )
                .is_ok_and(|n| n == 1)
        });
        record.tags = tags;
        let mut fields: Vec<(String, String)> = self
            .conn
            .prepare("SELECT key, value FROM contact_fields WHERE contact_id = ?1 ORDER BY key")?
            .query_map([other], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let second = |list: &str, value: &Json| {
            value
                .as_str()
                .filter(|v| !v.is_empty())
                .map(|v| (list.to_string(), v.to_string()))
        };
        for (column, list) in [("email", "other_emails"), ("phone", "other_phones")] {
            if !ours[column].is_null() && ours[column] != theirs[column] {
                fields.extend(second(list, &theirs[column]));
            }
        }
        for (key, value) in fields {
            let before: Option<String> = self
                .conn
                .query_row(
                    "SELECT value FROM contact_fields WHERE contact_id = ?1 AND key = ?2",
                    params![keep, key],
                    |r| r.get(0),
                )
                .optional()?;
            let after = match &before {
                None => value,
                // A list gains the address; any other field keeps ours.
                Some(b) if key.starts_with("other_") && !b.split(", ").any(|x| x == value) => {
                    format!("{b}, {value}")
                }
                Some(_) => continue,
            };
            self.set_field(keep, &key, &after)?;
            record.fields.insert(
                key,
                Json::Array(vec![
                    before.map_or(Json::Null, Json::from),
                    Json::from(after),
                ]),
            );
        }

        // The merged-away contact goes, with what did not move (not an
        // erasure: the snapshot keeps it for undo).
        self.conn
            .execute("DELETE FROM contacts_fts WHERE rowid = ?1", [other])?;
        self.conn
            .execute("DELETE FROM contacts WHERE id = ?1", [other])?;
        self.conn.execute(
            "UPDATE contacts SET revision = revision + 1, updated_at = ?2 WHERE id = ?1",
            params![keep, now],
        )?;
        self.refresh_contact_rhythm(keep)?;
        self.refresh_next_follow_up(keep)?;
        self.reindex_contact(keep)?;
        self.touch(keep);
        let snapshot =
            serde_json::to_string(&record).map_err(|e| crate::internal!("merge record: {e}"))?;
        self.conn.execute(
            "INSERT INTO merges (uid, at, kept_id, merged_id, merged_name, record, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?2)",
            params![super::new_uid(), now, keep, other, merged_name, snapshot],
        )?;
        Ok(Merged {
            merge: self.conn.last_insert_rowid(),
            kept: keep,
            merged: other,
            merged_name,
            interactions,
            follow_ups,
        })
    }

    /// A merge: the merged contact's name, and when it was undone.
    pub fn merge_of(&self, id: i64) -> Result<Option<(String, Option<String>)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT merged_name, undone_at FROM merges WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// The latest merge not undone.
    pub fn last_merge(&self) -> Result<Option<i64>> {
        Ok(self.conn.query_row(
            "SELECT max(id) FROM merges WHERE undone_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }

    /// Puts the merged-away contact back, with the number they had (or the
    /// next free one, if a new contact took it), and takes from the kept
    /// contact what the merge gave them, unless it changed since.
    /// Returns (the kept contact, the restored contact's number).
    pub fn undo_merge(&self, id: i64) -> Result<(i64, i64)> {
        let (keep, other, record): (i64, i64, String) = self.conn.query_row(
            "SELECT kept_id, merged_id, record FROM merges WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let record: Record = serde_json::from_str(&record)
            .map_err(|e| crate::internal!("merge #{id} record: {e}"))?;
        // A synced book never gives a number twice (the other devices know
        // the old one as deleted): every row comes back under a new one.
        let fresh = self.new_id("contacts")?;
        let syncing = fresh.is_some();
        let restored = match fresh {
            Some(fresh) => fresh,
            None if self.contact_exists(other)? => {
                self.conn
                    .query_row("SELECT max(id) + 1 FROM contacts", [], |r| r.get(0))?
            }
            None => other,
        };
        let references = self.contact_references()?;
        let renumber = |table: &str, row: &Map<String, Json>| -> Map<String, Json> {
            let mut row = row.clone();
            for (t, column) in &references {
                if t == table && row.get(column).and_then(Json::as_i64) == Some(other) {
                    row.insert(column.clone(), Json::from(restored));
                }
            }
            if table == "contacts" {
                row.insert("id".into(), Json::from(restored));
                // Their referrer was put back from the snapshot as it was.
            }
            row
        };
        // The contact first, then what pointed at them.
        let rows = |table: &str| -> Vec<Map<String, Json>> {
            record
                .rows
                .get(table)
                .and_then(Json::as_array)
                .map(|rows| {
                    rows.iter()
                        .filter_map(Json::as_object)
                        .map(|r| renumber(table, r))
                        .collect()
                })
                .unwrap_or_default()
        };
        for row in rows("contacts") {
            let mut row = row;
            // A referrer that is gone since is no referrer.
            if let Some(r) = row.get("referred_by").and_then(Json::as_i64) {
                if !self.contact_exists(r)? {
                    row.insert("referred_by".into(), Json::Null);
                }
            }
            self.insert_row("contacts", &row)?;
        }
        // Parents before the rows that point at them.
        let mut tables: Vec<&str> = ORDER
            .iter()
            .copied()
            .filter(|t| record.rows.contains_key(*t))
            .collect();
        tables.extend(
            record
                .rows
                .keys()
                .map(String::as_str)
                .filter(|t| *t != "contacts" && !ORDER.contains(t)),
        );
        let mut renumbered: std::collections::HashMap<(String, i64), i64> = Default::default();
        for table in tables {
            for mut row in rows(table) {
                let own = row.get("id").and_then(Json::as_i64);
                if let Some(old) = own {
                    // Moved to the kept contact: it comes back by the update below.
                    let exists: bool = self.conn.query_row(
                        &format!("SELECT EXISTS (SELECT 1 FROM \"{table}\" WHERE id = ?1)"),
                        [old],
                        |r| r.get(0),
                    )?;
                    if exists {
                        continue;
                    }
                    if syncing {
                        if let Some(fresh) = self.new_id(table)? {
                            row.insert("id".into(), Json::from(fresh));
                            renumbered.insert((table.to_string(), old), fresh);
                        }
                    }
                }
                if let Some(link) = row.get("stage_move_id").and_then(Json::as_i64) {
                    if let Some(fresh) = renumbered.get(&("stage_history".to_string(), link)) {
                        row.insert("stage_move_id".into(), Json::from(*fresh));
                    }
                }
                // A row whose other parent is gone since (an import batch
                // deleted) stays out; the rest comes back.
                match self.insert_row(table, &row) {
                    Ok(_) => {}
                    Err(rusqlite::Error::SqliteFailure(e, _))
                        if e.code == rusqlite::ErrorCode::ConstraintViolation => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
        for (table, ids) in &record.moved {
            for row_id in ids
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Json::as_i64)
            {
                self.conn.execute(
                    &format!(
                        "UPDATE \"{table}\" SET contact_id = ?1 WHERE id = ?2 AND contact_id = ?3"
                    ),
                    params![restored, row_id, keep],
                )?;
            }
        }
        for referral in &record.referrals {
            self.conn.execute(
                "UPDATE contacts SET referred_by = ?1 WHERE id = ?2 AND referred_by = ?3",
                params![restored, referral, keep],
            )?;
        }
        for (column, change) in &record.columns {
            self.conn.execute(
                &format!(
                    "UPDATE contacts SET \"{column}\" = ?1 WHERE id = ?2 AND \"{column}\" IS ?3"
                ),
                params![from_json(&change[0]), keep, from_json(&change[1])],
            )?;
        }
        for tag in &record.tags {
            self.conn.execute(
                "DELETE FROM contact_tags WHERE contact_id = ?1 AND tag = ?2",
                params![keep, tag],
            )?;
        }
        for (key, change) in &record.fields {
            let (before, after) = (change[0].as_str(), change[1].as_str());
            match before {
                Some(b) => self.conn.execute(
                    "UPDATE contact_fields SET value = ?3 WHERE contact_id = ?1 AND key = ?2 AND value IS ?4",
                    params![keep, key, b, after],
                )?,
                None => self.conn.execute(
                    "DELETE FROM contact_fields WHERE contact_id = ?1 AND key = ?2 AND value IS ?3",
                    params![keep, key, after],
                )?,
            };
        }
        let now = self.now();
        self.conn.execute(
            "UPDATE contacts SET revision = revision + 1, updated_at = ?2 WHERE id = ?1",
            params![keep, now],
        )?;
        for contact in [keep, restored] {
            self.refresh_contact_rhythm(contact)?;
            self.refresh_next_follow_up(contact)?;
            self.reindex_contact(contact)?;
            self.touch(contact);
        }
        self.conn.execute(
            "UPDATE merges SET undone_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        Ok((keep, restored))
    }
}
