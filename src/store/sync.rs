//! Sync's side of the store: what this device changed (the outbox, filled
//! by the write door from a session), the clock of every synced column,
//! the rows deleted (so nothing comes back), and applying another
//! device's changes column by column.
//!
//! Convergence: every value of a synced column carries the hybrid logical
//! clock of the write that set it (a row's insert sets all its columns; an
//! update, the columns it changed), device name as tie-break; a change is
//! applied to a column only when its clock is later than the column's. A
//! deleted row stays deleted (its key is kept with the delete's clock) and
//! ids are never reused, so the last value of every column is the same on
//! every device whatever order the files arrive in.

use super::session::{self, Change, Op};
use super::values::{from_json, to_json};
use super::Db;
use crate::error::{Error, Result};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use std::collections::{BTreeSet, HashMap};

/// The tables that sync, parents before children. Import batches, merges
/// and the sync bookkeeping stay on their device.
pub const SYNCED: &[&str] = &[
    "settings",
    "stages",
    "rules",
    "templates",
    "contacts",
    "contact_tags",
    "contact_fields",
    "stage_history",
    "interactions",
    "follow_ups",
    "loyalty_points",
    "consents",
    "reminder_state",
];

/// Columns each device computes from the rest: never sent, never applied,
/// recomputed for the rows a sync touched.
const DERIVED: &[&str] = &[
    "phone_key",
    "last_contact_at",
    "next_follow_up",
    "first_contact_at",
    "contact_count",
    "revenue_cents",
    "risk",
    "risk_from",
    "risk_checked",
    "score_bound",
    "revision",
];

/// Columns that follow the last write without a conflict being worth a
/// line: when a row was last touched.
const QUIET: &[&str] = &["updated_at"];

/// Rows whose number names one record everywhere: the same number with
/// another uid is two devices' records colliding, never merged silently.
const RECORDS: &[&str] = &[
    "contacts",
    "stage_history",
    "interactions",
    "follow_ups",
    "loyalty_points",
    "consents",
];

const SLOTS: i64 = 8;

/// A column that points at another table's row: (column, table, what a
/// delete of that row does to this one).
pub(super) type Link = (String, String, String);

/// This device in its sync folder.
#[derive(Debug, Clone, Serialize)]
pub struct Device {
    pub folder: String,
    pub name: String,
    pub slot: i64,
}

/// One local change not yet sent: its sequence, clock and changeset.
pub struct Outgoing {
    pub seq: i64,
    pub hlc: String,
    pub changes: String,
}

/// A conflict resolved by a sync.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub id: i64,
    pub at: String,
    pub table: String,
    pub record: String,
    pub field: String,
    pub kept: Option<String>,
    pub set_aside: Option<String>,
}

/// What applying other devices' changes did.
#[derive(Debug, Default)]
pub struct Applied {
    pub changes: usize,
    pub conflicts: usize,
    /// Contacts whose derived columns need computing again.
    pub contacts: BTreeSet<i64>,
    /// Contacts another device erased: erased here with the same care.
    pub erased: Vec<i64>,
    pub pipeline_changed: bool,
}

impl Db<'_> {
    /// The device this book syncs as, if it was joined to a folder.
    pub fn sync_device(&self) -> Result<Option<Device>> {
        let get = |key: &str| -> Result<Option<String>> {
            Ok(self
                .conn
                .prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
                .query_row([key], |r| r.get(0))
                .optional()?)
        };
        let (Some(folder), Some(name), Some(slot)) = (get("folder")?, get("device")?, get("slot")?)
        else {
            return Ok(None);
        };
        Ok(Some(Device {
            folder,
            name,
            slot: slot.parse().unwrap_or(0),
        }))
    }

    pub fn sync_get(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn sync_set(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO sync_state (key, value) VALUES (?1, ?2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![key, value])?;
        Ok(())
    }

    /// The number a new row of `table` gets on a synced device: the next
    /// above every number it ever had that is this device's (`id % 8 ==
    /// slot`), so two devices never mint the same one. None: SQLite's own.
    pub(super) fn new_id(&self, table: &str) -> Result<Option<i64>> {
        // Read once per write: the slot (-1: not synced; a book mid-migration
        // has no sync tables and is not synced), and per table the highest
        // number deleted (a scan of its deleted keys, not one per insert).
        let slot = match self.slot.get() {
            Some(slot) => slot,
            None => {
                let slot = match self.sync_get("slot") {
                    Ok(Some(s)) => s.parse().unwrap_or(-1),
                    _ => -1,
                };
                self.slot.set(Some(slot));
                slot
            }
        };
        if slot < 0 {
            return Ok(None);
        }
        let cached = self.dead_tops.borrow().get(table).copied();
        let dead = match cached {
            Some(top) => top,
            None => {
                let top: i64 = self.conn.query_row(
                    "SELECT coalesce(max(CAST(pk AS INTEGER)), 0) FROM sync_dead WHERE tbl = ?1",
                    [table],
                    |r| r.get(0),
                )?;
                self.dead_tops.borrow_mut().insert(table.to_string(), top);
                top
            }
        };
        let top: i64 = self
            .conn
            .prepare_cached(&format!("SELECT coalesce(max(id), 0) FROM \"{table}\""))?
            .query_row([], |r| r.get(0))?;
        let next = top.max(dead) + 1;
        Ok(Some(next + (slot - next % SLOTS + SLOTS) % SLOTS))
    }

    /// A new clock reading: later than every one this device issued or saw.
    pub fn next_hlc(&self, device: &str) -> Result<String> {
        let now = self.clock.now().timestamp_millis().max(0);
        let (last_ms, last_n) = self.last_hlc()?;
        let (ms, n) = if now > last_ms {
            (now, 0)
        } else {
            (last_ms, last_n + 1)
        };
        self.sync_set("hlc", &format!("{ms}:{n}"))?;
        Ok(format!("{ms:013}.{n:06}.{device}"))
    }

    fn last_hlc(&self) -> Result<(i64, i64)> {
        let last = self.sync_get("hlc")?.unwrap_or_default();
        let mut parts = last.split(':').map(|p| p.parse::<i64>().unwrap_or(0));
        Ok((parts.next().unwrap_or(0), parts.next().unwrap_or(0)))
    }

    /// A clock seen from another device moves this one past it.
    fn witness(&self, hlc: &str) -> Result<()> {
        let mut parts = hlc.split('.');
        let ms = parts
            .next()
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(0);
        let n = parts
            .next()
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(0);
        if (ms, n) > self.last_hlc()? {
            self.sync_set("hlc", &format!("{ms}:{n}"))?;
        }
        Ok(())
    }

    fn columns(&self, table: &str) -> Result<Vec<(String, bool)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?;
        let cols = stmt
            .query_map([table], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? > 0))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(cols)
    }

    /// The write door's last step on a synced book: what this write did to
    /// the synced tables, less what each device computes itself, kept with
    /// a new clock; and that clock on every column it set.
    pub(super) fn record_outgoing(&self, changeset: &[u8]) -> Result<()> {
        let Some(device) = self.sync_device()? else {
            return Ok(());
        };
        let mut cache: HashMap<String, Vec<(String, bool)>> = HashMap::new();
        let mut rows = Vec::new();
        for c in session::changes(changeset)? {
            let cols = match cache.get(&c.table) {
                Some(cols) => cols.clone(),
                None => {
                    let cols = self.columns(&c.table)?;
                    cache.insert(c.table.clone(), cols.clone());
                    cols
                }
            };
            if let Some(row) = Row::from_change(&c, &cols) {
                rows.push(row);
            }
        }
        self.send(&device.name, rows)
    }

    /// Rows as one outbox entry with a new clock, that clock on each
    /// column they set.
    pub fn send(&self, device: &str, rows: Vec<Row>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let hlc = self.next_hlc(device)?;
        for row in &rows {
            let key = row.key();
            match row.op {
                'I' => self.set_clock(&row.t, &key, "", &hlc)?,
                'U' => {
                    for column in row.v.keys() {
                        self.set_clock(&row.t, &key, column, &hlc)?;
                    }
                }
                _ => self.bury(&row.t, &key, &hlc)?,
            }
        }
        let text = serde_json::to_string(&rows).map_err(|e| crate::internal!("sync rows: {e}"))?;
        self.conn
            .prepare_cached("INSERT INTO sync_outbox (hlc, changes) VALUES (?1, ?2)")?
            .execute(params![hlc, text])?;
        Ok(())
    }

    fn set_clock(&self, table: &str, key: &str, column: &str, hlc: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO sync_clocks (tbl, pk, col, hlc) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (tbl, pk, col) DO UPDATE SET hlc = max(hlc, excluded.hlc)",
            )?
            .execute(params![table, key, column, hlc])?;
        Ok(())
    }

    fn bury(&self, table: &str, key: &str, hlc: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO sync_dead (tbl, pk, hlc) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (tbl, pk) DO UPDATE SET hlc = max(hlc, excluded.hlc)",
            )?
            .execute(params![table, key, hlc])?;
        self.conn
            .prepare_cached("DELETE FROM sync_clocks WHERE tbl = ?1 AND pk = ?2")?
            .execute(params![table, key])?;
        Ok(())
    }

    /// The clock of a column: its own, else its row's insert ("" when the
    /// row is older than sync on this device).
    fn clock_of(&self, table: &str, key: &str, column: &str) -> Result<String> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT max(hlc) FROM sync_clocks WHERE tbl = ?1 AND pk = ?2 AND col IN (?3, '')",
            )?
            .query_row(params![table, key, column], |r| {
                r.get::<_, Option<String>>(0)
            })?
            .unwrap_or_default())
    }

    fn dead(&self, table: &str, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT hlc FROM sync_dead WHERE tbl = ?1 AND pk = ?2")?
            .query_row(params![table, key], |r| r.get(0))
            .optional()?)
    }

    /// Outbox entries in one of this device's files (None: not yet in
    /// one), oldest first.
    pub fn outbox(&self, file: Option<i64>) -> Result<Vec<Outgoing>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, hlc, changes FROM sync_outbox WHERE file IS ?1 ORDER BY seq",
        )?;
        let rows = stmt
            .query_map([file], |r| {
                Ok(Outgoing {
                    seq: r.get(0)?,
                    hlc: r.get(1)?,
                    changes: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn unsent_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM sync_outbox WHERE file IS NULL",
            [],
            |r| r.get(0),
        )?)
    }

    /// Entries up to `last` go in file number `file`.
    pub fn assign_file(&self, last: i64, file: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE sync_outbox SET file = ?2 WHERE file IS NULL AND seq <= ?1",
            params![last, file],
        )?;
        self.sync_set("last_file", &file.to_string())
    }

    /// The number of this device's last file (0: none yet).
    pub fn last_file(&self) -> Result<i64> {
        Ok(self
            .sync_get("last_file")?
            .and_then(|n| n.parse().ok())
            .unwrap_or(0))
    }

    /// A file is whole in the folder: its entries leave the outbox (the
    /// folder holds them now), with what writing it needed.
    pub fn file_written(&self, file: i64) -> Result<()> {
        self.conn
            .execute("DELETE FROM sync_outbox WHERE file = ?1", [file])?;
        self.conn.execute(
            "DELETE FROM sync_state WHERE key IN (?1, ?2)",
            params![format!("deps:{file}"), format!("at:{file}")],
        )?;
        Ok(())
    }

    /// This device's files numbered but not yet known to be whole in the
    /// folder, oldest first.
    pub fn files_to_write(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT file FROM sync_outbox WHERE file IS NOT NULL ORDER BY file",
        )?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Per device: the last file applied from it, and that file's time.
    pub fn applied(&self) -> Result<HashMap<String, (i64, Option<String>)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT device, seq, at FROM sync_applied")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn mark_applied(&self, device: &str, seq: i64, at: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO sync_applied (device, seq, at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (device) DO UPDATE SET seq = excluded.seq, at = excluded.at",
            params![device, seq, at],
        )?;
        Ok(())
    }

    pub fn conflicts(&self, unseen_only: bool) -> Result<Vec<Conflict>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, tbl, record, field, kept, set_aside FROM sync_conflicts \
             WHERE ?1 = 0 OR seen = 0 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([unseen_only], |r| {
                Ok(Conflict {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    table: r.get(2)?,
                    record: r.get(3)?,
                    field: r.get(4)?,
                    kept: r.get(5)?,
                    set_aside: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn mark_conflicts_seen(&self) -> Result<()> {
        self.conn
            .execute("UPDATE sync_conflicts SET seen = 1 WHERE seen = 0", [])?;
        Ok(())
    }

    /// Clears a joining book's pipeline, rules, templates and settings (it
    /// has no contacts): the folder's come in their place.
    pub fn clear_for_join(&self) -> Result<()> {
        for table in ["rules", "templates", "settings", "stages"] {
            self.conn.execute(&format!("DELETE FROM \"{table}\""), [])?;
        }
        Ok(())
    }

    /// Whether the book holds anything but its pipeline and defaults.
    pub fn has_records(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM contacts)", [], |r| r.get(0))?)
    }

    /// A whole book as rows of inserts: its first publication.
    pub fn whole_book(&self) -> Result<Vec<Row>> {
        let mut rows = Vec::new();
        for table in SYNCED {
            let cols = self.columns(table)?;
            let mut stmt = self.conn.prepare(&format!("SELECT * FROM \"{table}\""))?;
            let mut found = stmt.query([])?;
            while let Some(r) = found.next()? {
                let mut row = Row {
                    t: table.to_string(),
                    op: 'I',
                    k: Vec::new(),
                    v: Map::new(),
                    o: Map::new(),
                };
                for (i, (name, pk)) in cols.iter().enumerate() {
                    let value = to_json(r.get::<_, Value>(i)?);
                    if *pk {
                        row.k.push(value.clone());
                    }
                    // A missing column is NULL (or its default) on insert.
                    if !DERIVED.contains(&name.as_str()) && !value.is_null() {
                        row.v.insert(name.clone(), value);
                    }
                }
                rows.push(row);
            }
        }
        Ok(rows)
    }

    /// Applies one entry of another device's file: each row, column by
    /// column, where its clock is the later one.
    pub fn apply_rows(&self, hlc: &str, rows: &[Row], out: &mut Applied) -> Result<()> {
        self.witness(hlc)?;
        let mut cache: HashMap<String, Vec<(String, bool)>> = HashMap::new();
        for row in rows {
            if !SYNCED.contains(&row.t.as_str()) {
                continue;
            }
            let cols = match cache.get(&row.t) {
                Some(cols) => cols.clone(),
                None => {
                    let cols = self.columns(&row.t)?;
                    cache.insert(row.t.clone(), cols.clone());
                    cols
                }
            };
            if let Some(unknown) = row.v.keys().find(|k| !cols.iter().any(|(n, _)| n == *k)) {
                return Err(Error::Refused(format!(
                    "a change to {} has a column this version of rapport does not know ({unknown}): upgrade rapport",
                    row.t
                )));
            }
            out.changes += 1;
            self.apply_row(row, &cols, hlc, out)?;
        }
        Ok(())
    }

    fn apply_row(
        &self,
        row: &Row,
        cols: &[(String, bool)],
        hlc: &str,
        out: &mut Applied,
    ) -> Result<()> {
        let table = row.t.as_str();
        let key = row.key();
        let pk_names: Vec<&str> = cols
            .iter()
            .filter(|(_, pk)| *pk)
            .map(|(n, _)| n.as_str())
            .collect();
        if pk_names.len() != row.k.len() {
            return Err(Error::Refused(format!(
                "a change to {table} names its row by {} values where this book has {}: upgrade rapport",
                row.k.len(),
                pk_names.len()
            )));
        }
        let pk_values: Vec<Value> = row.k.iter().map(from_json).collect();
        let where_pk = pk_names
            .iter()
            .enumerate()
            .map(|(n, c)| format!("\"{c}\" = ?{}", n + 1))
            .collect::<Vec<_>>()
            .join(" AND ");
        let here: Option<Map<String, Json>> = self
            .conn
            .prepare_cached(&format!("SELECT * FROM \"{table}\" WHERE {where_pk}"))?
            .query_row(params_from_iter(&pk_values), |r| {
                let mut m = Map::new();
                for (i, (n, _)) in cols.iter().enumerate() {
                    m.insert(n.clone(), to_json(r.get::<_, Value>(i)?));
                }
                Ok(m)
            })
            .optional()?;
        let contact_of = |m: &Map<String, Json>| -> Option<i64> {
            let column = if table == "contacts" {
                "id"
            } else {
                "contact_id"
            };
            m.get(column).and_then(Json::as_i64)
        };
        if table == "stages" {
            out.pipeline_changed = true;
        }
        let natural = !RECORDS.contains(&table);
        match row.op {
            'I' => {
                if let Some(dead) = self.dead(table, &key)? {
                    // Deleted rows stay deleted; a natural key (a tag, a
                    // setting) may be set again later.
                    if !natural || dead.as_str() >= hlc {
                        return Ok(());
                    }
                }
                if let Some(here) = here {
                    if !natural && here.get("uid") != row.v.get("uid") {
                        return Err(Error::Refused(format!(
                            "sync: {table} #{key} is one record here (uid {}) and another on a device in the folder (uid {}): two devices minted the same number; nothing was applied",
                            here.get("uid").map(|u| u.to_string()).unwrap_or_default(),
                            row.v.get("uid").map(|u| u.to_string()).unwrap_or_default()
                        )));
                    }
                    // The same row (a default both devices made): column by column.
                    if let Some(contact) = contact_of(&here) {
                        out.contacts.insert(contact);
                    }
                    return self.update_columns(
                        row, &pk_names, &key, &where_pk, &pk_values, &here, hlc, out,
                    );
                }
                // A child of a row deleted here stays out (or loses the link).
                let Some(values_map) = self.without_dead_parents(table, &row.v)? else {
                    // Gone with its parent here: its own children know it.
                    self.bury(table, &key, hlc)?;
                    return Ok(());
                };
                let mut values_map = values_map;
                self.settle_stage_name(table, &row.k, &mut values_map)?;
                let names: Vec<String> = values_map.keys().map(|n| format!("\"{n}\"")).collect();
                let values: Vec<Value> = values_map.values().map(from_json).collect();
                let sql = format!(
                    "INSERT INTO \"{table}\" ({}) VALUES ({})",
                    names.join(", "),
                    vec!["?"; names.len()].join(", ")
                );
                match self
                    .conn
                    .prepare_cached(&sql)?
                    .execute(params_from_iter(values))
                {
                    Ok(_) => {}
                    Err(rusqlite::Error::SqliteFailure(e, m))
                        if e.code == rusqlite::ErrorCode::ConstraintViolation =>
                    {
                        return Err(Error::Refused(format!(
                            "sync: a {table} row from another device clashes with one here ({}); nothing was applied",
                            m.unwrap_or_default()
                        )));
                    }
                    Err(e) => return Err(e.into()),
                }
                self.set_clock(table, &key, "", hlc)?;
                if table == "interactions" {
                    if let Some(id) = row.k.first().and_then(Json::as_i64) {
                        self.index_interaction(id)?;
                    }
                }
                if let Some(contact) = contact_of(&row.v) {
                    out.contacts.insert(contact);
                }
            }
            'U' => {
                let Some(here) = here else {
                    return Ok(());
                };
                if let Some(contact) = contact_of(&here) {
                    out.contacts.insert(contact);
                }
                self.update_columns(row, &pk_names, &key, &where_pk, &pk_values, &here, hlc, out)?;
            }
            _ => {
                if let Some(here) = &here {
                    if natural {
                        // A natural key set again after this delete stays.
                        let newest: Option<String> = self
                            .conn
                            .prepare_cached(
                                "SELECT max(hlc) FROM sync_clocks WHERE tbl = ?1 AND pk = ?2",
                            )?
                            .query_row(params![table, key], |r| r.get(0))?;
                        if newest.is_some_and(|n| n.as_str() > hlc) {
                            return Ok(());
                        }
                    }
                    let contact = contact_of(here);
                    match (table, contact) {
                        ("contacts", Some(id)) => out.erased.push(id),
                        _ => {
                            if table == "interactions" {
                                if let Some(id) = row.k.first().and_then(Json::as_i64) {
                                    self.unindex_interaction(id)?;
                                }
                            }
                            self.conn.execute(
                                &format!("DELETE FROM \"{table}\" WHERE {where_pk}"),
                                params_from_iter(&pk_values),
                            )?;
                            if let Some(contact) = contact {
                                out.contacts.insert(contact);
                            }
                        }
                    }
                }
                self.bury(table, &key, hlc)?;
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn update_columns(
        &self,
        row: &Row,
        pk_names: &[&str],
        key: &str,
        where_pk: &str,
        pk_values: &[Value],
        here: &Map<String, Json>,
        hlc: &str,
        out: &mut Applied,
    ) -> Result<()> {
        let table = row.t.as_str();
        let mut sets: Vec<(String, Value)> = Vec::new();
        // A link to a row deleted here: none (or the row goes with it).
        let Some(values) = self.without_dead_parents(table, &row.v)? else {
            self.conn.execute(
                &format!("DELETE FROM \"{table}\" WHERE {where_pk}"),
                params_from_iter(pk_values),
            )?;
            self.bury(table, key, hlc)?;
            return Ok(());
        };
        for (name, v) in &values {
            if DERIVED.contains(&name.as_str()) || pk_names.contains(&name.as_str()) {
                continue;
            }
            let local = self.clock_of(table, key, name)?;
            let current = here.get(name).cloned().unwrap_or(Json::Null);
            if hlc > local.as_str() {
                // Theirs is later. It sets ours aside when they had not seen it.
                let seen = row.o.get(name) == Some(&current);
                if current != *v && !seen && !local.is_empty() && !QUIET.contains(&name.as_str()) {
                    self.log_conflict(table, key, here, name, Some(v), &current)?;
                    out.conflicts += 1;
                }
                if current != *v {
                    sets.push((name.clone(), from_json(v)));
                }
                self.set_clock(table, key, name, hlc)?;
            } else if current != *v && hlc < local.as_str() && !QUIET.contains(&name.as_str()) {
                // Ours is later: theirs is set aside.
                self.log_conflict(table, key, here, name, Some(&current), v)?;
                out.conflicts += 1;
            }
        }
        if sets.is_empty() {
            return Ok(());
        }
        if table == "stages" {
            if let Some((_, Value::Text(name))) = sets.iter().find(|(n, _)| n == "name") {
                let mut named = Map::new();
                named.insert("name".into(), Json::from(name.clone()));
                self.settle_stage_name(table, &row.k, &mut named)?;
                let settled = named["name"].as_str().unwrap_or_default().to_string();
                for (n, v) in sets.iter_mut() {
                    if n == "name" {
                        *v = Value::Text(settled.clone());
                    }
                }
            }
        }
        let interaction = (table == "interactions")
            .then(|| row.k.first().and_then(Json::as_i64))
            .flatten();
        if let Some(id) = interaction {
            self.unindex_interaction(id)?;
        }
        let assignments = sets
            .iter()
            .enumerate()
            .map(|(n, (name, _))| format!("\"{name}\" = ?{}", pk_values.len() + n + 1))
            .collect::<Vec<_>>()
            .join(", ");
        let mut values: Vec<Value> = pk_values.to_vec();
        values.extend(sets.into_iter().map(|(_, v)| v));
        self.conn
            .prepare_cached(&format!(
                "UPDATE \"{table}\" SET {assignments} WHERE {where_pk}"
            ))?
            .execute(params_from_iter(values))?;
        if let Some(id) = interaction {
            self.index_interaction(id)?;
        }
        Ok(())
    }

    /// Two devices gave one stage name to two stages: the lower number
    /// keeps it and the other becomes "name #number", on every device.
    fn settle_stage_name(
        &self,
        table: &str,
        k: &[Json],
        values: &mut Map<String, Json>,
    ) -> Result<()> {
        let (Some(id), Some(name)) = (
            k.first().and_then(Json::as_i64),
            values.get("name").and_then(Json::as_str).map(String::from),
        ) else {
            return Ok(());
        };
        if table != "stages" {
            return Ok(());
        }
        let other: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM stages WHERE name = ?1 AND id <> ?2",
                params![name, id],
                |r| r.get(0),
            )
            .optional()?;
        match other {
            None => {}
            Some(other) if other > id => {
                self.conn.execute(
                    "UPDATE stages SET name = name || ' #' || id WHERE id = ?1",
                    [other],
                )?;
                // Contacts name their stage in the history by name: the
                // history keeps the name it had.
            }
            Some(_) => {
                values.insert("name".into(), Json::from(format!("{name} #{id}")));
            }
        }
        Ok(())
    }

    /// A table's links to other rows: (column, table, on delete), read once.
    fn links(&self, table: &str) -> Result<Vec<Link>> {
        if let Some(found) = self.links.borrow().get(table) {
            return Ok(found.clone());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT \"from\", \"table\", on_delete FROM pragma_foreign_key_list(?1)",
        )?;
        let links: Vec<Link> = stmt
            .query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        self.links
            .borrow_mut()
            .insert(table.to_string(), links.clone());
        Ok(links)
    }

    /// The row's values with links to rows deleted on this device undone
    /// as the schema says: None when the row goes with its parent (ON
    /// DELETE CASCADE), the link emptied when it says SET NULL.
    fn without_dead_parents(
        &self,
        table: &str,
        values: &Map<String, Json>,
    ) -> Result<Option<Map<String, Json>>> {
        let links = self.links(table)?;
        let mut out = values.clone();
        for (column, parent, on_delete) in links {
            let Some(id) = values.get(&column).and_then(Json::as_i64) else {
                continue;
            };
            if self.dead(&parent, &id.to_string())?.is_none() {
                continue;
            }
            match on_delete.as_str() {
                "CASCADE" => return Ok(None),
                "SET NULL" => {
                    out.insert(column, Json::Null);
                }
                _ => {
                    out.remove(&column);
                }
            }
        }
        Ok(Some(out))
    }

    fn log_conflict(
        &self,
        table: &str,
        key: &str,
        here: &Map<String, Json>,
        field: &str,
        kept: Option<&Json>,
        set_aside: &Json,
    ) -> Result<()> {
        // A record by its name: the contact's, or the contact's of a row.
        let contact = if table == "contacts" {
            here.get("id").and_then(Json::as_i64)
        } else {
            here.get("contact_id").and_then(Json::as_i64)
        };
        let name: Option<String> = match contact {
            Some(id) => self
                .conn
                .query_row("SELECT name FROM contacts WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?,
            None => None,
        };
        let record = match (name, contact) {
            (Some(name), Some(id)) if table == "contacts" => format!("#{id} {name}"),
            (Some(name), _) => format!("{table} #{key} of {name}"),
            _ => format!("{table} {key}"),
        };
        let shown = |v: &Json| match v {
            Json::Null => None,
            Json::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        };
        // A stage by its name, as people know it.
        let stage = |v: &Json| -> Result<Option<String>> {
            match v.as_i64() {
                Some(id) => Ok(self
                    .conn
                    .query_row("SELECT name FROM stages WHERE id = ?1", [id], |r| r.get(0))
                    .optional()?
                    .or_else(|| shown(v))),
                None => Ok(shown(v)),
            }
        };
        let (field, kept, set_aside) = if field == "stage_id" {
            (
                "stage",
                kept.map(stage).transpose()?.flatten(),
                stage(set_aside)?,
            )
        } else {
            (field, kept.and_then(shown), shown(set_aside))
        };
        self.conn.execute(
            "INSERT INTO sync_conflicts (at, tbl, pk, contact_id, record, field, kept, set_aside) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                self.now(),
                table,
                key,
                contact,
                record,
                field,
                kept,
                set_aside
            ],
        )?;
        Ok(())
    }

    /// After applying: what each device computes itself, for the contacts
    /// the changes touched; rows whose contact went (a forget crossing an
    /// edit) go too.
    pub fn refresh_synced(&self, out: &Applied) -> Result<()> {
        for id in &out.contacts {
            if !self.contact_exists(*id)? {
                continue;
            }
            let phone: Option<String> =
                self.conn
                    .query_row("SELECT phone FROM contacts WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
            self.conn.execute(
                "UPDATE contacts SET phone_key = ?2 WHERE id = ?1",
                params![id, phone.as_deref().map(crate::domain::contact::phone_key)],
            )?;
            self.refresh_contact_rhythm(*id)?;
            self.refresh_next_follow_up(*id)?;
            self.reindex_contact(*id)?;
            self.touch(*id);
        }
        if out.pipeline_changed {
            self.touch_all();
        }
        // Every synced table whose rows belong to a contact.
        for table in SYNCED {
            let owned = self
                .links(table)?
                .iter()
                .any(|(column, parent, _)| column == "contact_id" && parent == "contacts");
            if !owned {
                continue;
            }
            let orphans =
                format!("FROM \"{table}\" WHERE contact_id NOT IN (SELECT id FROM contacts)");
            if *table == "interactions" {
                let ids: Vec<i64> = self
                    .conn
                    .prepare(&format!("SELECT id {orphans}"))?
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for id in ids {
                    self.unindex_interaction(id)?;
                }
            }
            self.conn.execute(&format!("DELETE {orphans}"), [])?;
        }
        self.conn.execute(
            "UPDATE contacts SET referred_by = NULL WHERE referred_by IS NOT NULL AND referred_by NOT IN (SELECT id FROM contacts)",
            [],
        )?;
        Ok(())
    }

    /// Contacts that share an email (two devices added one person):
    /// "email: #1 Name, #9 Name" for each.
    pub fn shared_emails(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT lower(email), group_concat('#' || id || ' ' || name, ', ') FROM \
             (SELECT id, name, email FROM contacts WHERE email IS NOT NULL ORDER BY id) \
             GROUP BY lower(email) HAVING count(*) > 1 ORDER BY min(id)",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(format!(
                    "{}: {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Contacts erased while some device may still hold a copy.
    pub fn erasures(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT contact_id FROM sync_erasures ORDER BY contact_id")?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn note_erasure(&self, contact: i64) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO sync_erasures (contact_id, hlc) VALUES (?1, ?2)",
            params![contact, self.now()],
        )?;
        Ok(())
    }

    /// Every device applied this one's files: no copy waits anywhere.
    pub fn clear_erasures(&self) -> Result<()> {
        self.conn.execute("DELETE FROM sync_erasures", [])?;
        Ok(())
    }

    /// A contact erased on this device: what this device's outbox and
    /// conflict log hold of them goes too (a row of theirs, a value they
    /// had). The files in the folder are written again by the caller.
    pub fn erase_from_sync(&self, contact: i64) -> Result<()> {
        self.conn.execute(
            "DELETE FROM sync_conflicts WHERE contact_id = ?1",
            [contact],
        )?;
        let entries: Vec<(i64, String)> = self
            .conn
            .prepare("SELECT seq, changes FROM sync_outbox")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (seq, text) in entries {
            let rows: Vec<Row> = serde_json::from_str(&text)
                .map_err(|e| crate::internal!("outbox entry {seq}: {e}"))?;
            if let Some(kept) = Row::erase(&rows, contact) {
                let text = serde_json::to_string(&kept).map_err(|e| crate::internal!("{e}"))?;
                self.conn.execute(
                    "UPDATE sync_outbox SET changes = ?2 WHERE seq = ?1",
                    params![seq, text],
                )?;
            }
        }
        Ok(())
    }
}

/// One change to one row, as it travels: table, I/U/D, the key's values,
/// the values set (columns by name) and, for an update, the values they
/// replaced (to tell a later edit from a concurrent one). A delete carries
/// nothing but its key: a forgotten contact's data never travels again.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Row {
    pub t: String,
    pub op: char,
    pub k: Vec<Json>,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub v: Map<String, Json>,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub o: Map<String, Json>,
}

impl Row {
    fn from_change(c: &Change, cols: &[(String, bool)]) -> Option<Row> {
        let source = if c.op == Op::Insert { &c.new } else { &c.old };
        let k: Vec<Json> = (0..c.pk.len().min(cols.len()))
            .filter(|i| c.pk[*i])
            .map(|i| source[i].clone().map_or(Json::Null, to_json))
            .collect();
        let mut row = Row {
            t: c.table.clone(),
            op: match c.op {
                Op::Insert => 'I',
                Op::Update => 'U',
                Op::Delete => 'D',
            },
            k,
            v: Map::new(),
            o: Map::new(),
        };
        if c.op == Op::Delete {
            return Some(row);
        }
        for (i, (name, pk)) in cols.iter().enumerate() {
            if DERIVED.contains(&name.as_str()) || (*pk && c.op == Op::Update) {
                continue;
            }
            if let Some(v) = c.new.get(i).cloned().flatten() {
                if c.op == Op::Insert && v == Value::Null {
                    continue;
                }
                row.v.insert(name.clone(), to_json(v));
                if c.op == Op::Update {
                    let old = c.old.get(i).cloned().flatten().map_or(Json::Null, to_json);
                    row.o.insert(name.clone(), old);
                }
            }
        }
        // An update of nothing but what devices compute: nothing to send.
        (c.op == Op::Insert || !row.v.is_empty()).then_some(row)
    }

    fn key(&self) -> String {
        match self.k.as_slice() {
            [Json::String(s)] => s.clone(),
            [one] => one.to_string(),
            many => Json::Array(many.to_vec()).to_string(),
        }
    }

    /// Rows without a contact's data, or None when they held none: their
    /// rows go, and where the contact was added a delete takes its place,
    /// so a device reading these rows first never waits for them (and
    /// drops what other devices add to them meanwhile).
    pub fn erase(rows: &[Row], contact: i64) -> Option<Vec<Row>> {
        if !rows.iter().any(|r| r.about(contact)) {
            return None;
        }
        Some(
            rows.iter()
                .filter_map(|r| match (r.about(contact), r.t.as_str(), r.op) {
                    (false, _, _) => Some(r.clone()),
                    (true, "contacts", 'I') => Some(Row {
                        t: r.t.clone(),
                        op: 'D',
                        k: r.k.clone(),
                        v: Map::new(),
                        o: Map::new(),
                    }),
                    (true, _, _) => None,
                })
                .collect(),
        )
    }

    /// A row of this contact, or a row of theirs (deletes carry no data).
    fn about(&self, contact: i64) -> bool {
        let id = Json::from(contact);
        if self.op == 'D' {
            return false;
        }
        if self.t == "contacts" {
            return self.k.first() == Some(&id);
        }
        self.v.get("contact_id") == Some(&id) || self.o.get("contact_id") == Some(&id)
    }
}
