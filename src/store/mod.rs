//! The only module that speaks SQL. Opening, pragmas, migrations and the
//! one write door live here; the queries are split by subject.

mod consents;
mod contacts;
mod due;
mod dump;
mod follow_ups;
mod imports;
mod interactions;
mod maintenance;
mod merges;
mod points;
mod report;
mod rules;
pub mod schema;
mod search_index;
pub mod session;
mod settings;
mod sql;
mod stages;
mod sync;
mod templates;
mod values;

pub use consents::ConsentRecord;
pub use contacts::{ContactFilter, ContactSort, Lost, SearchHit};
pub use due::{EventFilter, EventSource, Scope as DueScope, Unpaid};
pub use dump::{
    ContactRecord, FollowUpRecord, InteractionRecord, PointsRecord, ReminderRecord, RuleRecord,
    StageMoveRecord, StageRecord, TemplateRecord,
};
pub use follow_ups::{DueFollowUp, NewFollowUp};
pub use imports::{ImportBatch, ImportChange, PossibleDuplicate};
pub use interactions::NewInteraction;
pub use maintenance::Counts;
pub use merges::Merged;
pub use points::PointsEntry;
pub use rules::Candidate;
pub use sql::Rows as QueryRows;
pub use sync::{Applied, Conflict, Device, Outgoing, Row, SYNCED};

use crate::clock::{format_timestamp, Clock};
use crate::error::{Error, Result};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another process's transaction before
/// giving up with "database is busy".
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// A missing database reads as an empty one and nothing is created.
    Read,
    /// A missing database (and its folder) is created, the file with mode 0600.
    Write,
}

/// What opening the database did to it, for the command to tell.
#[derive(Debug, Clone)]
pub struct Migrated {
    pub from: i64,
    pub to: i64,
    pub backup: Option<PathBuf>,
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    clock: Clock,
    /// Set when opening migrated the schema.
    pub migrated: Option<Migrated>,
    /// The schema version of the file on disk: older than the one in use
    /// when a read migrated a copy in memory.
    pub file_version: i64,
    /// The file on disk, even when the connection reads a copy in memory.
    source: Option<PathBuf>,
    /// Whether writes are recorded for sync (not while applying another
    /// device's changes).
    capture: bool,
}

/// Queries over one connection or an open transaction.
pub struct Db<'a> {
    conn: &'a Connection,
    clock: Clock,
    /// In a bulk write, search-index work is queued and done at the end.
    bulk: std::cell::Cell<bool>,
    /// The contacts this write changed in a way their days at risk depend
    /// on, or all of them (a setting or the pipeline changed): what the
    /// write door refreshes before it commits.
    touched: std::cell::RefCell<Touched>,
    /// In a bulk write, the rules of each kind read once: an import does
    /// not change them, and reading them per row cost a tenth of its time.
    rules: std::cell::RefCell<
        std::collections::HashMap<&'static str, Vec<crate::domain::rules::Rule>>,
    >,
    /// A synced device's id slot, read once per write.
    slot: std::cell::Cell<Option<i64>>,
    /// New contacts' first scores by stage, computed once per write.
    bounds: std::cell::RefCell<std::collections::HashMap<String, Option<f64>>>,
    /// Per synced table, the highest number ever deleted, read once per write.
    dead_tops: std::cell::RefCell<std::collections::HashMap<String, i64>>,
    /// Each table's links to other rows, read once (sync applies rows).
    links: std::cell::RefCell<std::collections::HashMap<String, Vec<sync::Link>>>,
}

#[derive(Debug, Default)]
struct Touched {
    all: bool,
    ids: Vec<i64>,
    /// Added in this write: no history, so only their score bound to set.
    new: Vec<i64>,
}

/// Written into every rapport database (SQLite's `application_id`), so
/// that another program's file is never taken for one: "rapp".
pub const APPLICATION_ID: i32 = 0x7261_7070;

/// What is at a database path before anything opens it for writing.
enum Found {
    Missing,
    /// A file of zero bytes: no database yet; a write makes it one.
    Empty,
    File,
}

impl Store {
    /// Opens the book. Nothing is written before the file is known to be a
    /// rapport database this version can use: a newer or foreign file is
    /// refused untouched. A read never writes: a missing or empty file reads
    /// as an empty book, and a book from an earlier version is migrated in a
    /// copy in memory. A write to a missing book creates it atomically.
    pub fn open(path: &Path, access: Access, clock: Clock) -> Result<Store> {
        let found = match fs::metadata(path) {
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                Found::Missing
            }
            Err(e) => {
                return Err(Error::io(
                    format!("cannot use the database '{}'", path.display()),
                    e,
                ))
            }
            Ok(m) if m.is_dir() => {
                return Err(Error::Database(format!(
                    "database path '{}' is a directory: expected a file",
                    path.display()
                )))
            }
            Ok(m) if !m.is_file() => {
                return Err(Error::Database(format!(
                "database path '{}' is not a regular file (a device?): expected a database file",
                path.display()
            )))
            }
            Ok(m) if m.len() == 0 => Found::Empty,
            Ok(_) => Found::File,
        };
        match (found, access) {
            (Found::Missing | Found::Empty, Access::Read) => Store::empty(clock),
            (Found::Empty, Access::Write) => {
                // A file made ready for rapport: made private, then filled.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    fs::set_permissions(path, fs::Permissions::from_mode(0o600)).map_err(|e| {
                        Error::io(format!("cannot use the database '{}'", path.display()), e)
                    })?;
                }
                let conn = open_connection(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
                let mut store = Store {
                    conn,
                    path: Some(path.to_path_buf()),
                    clock,
                    migrated: None,
                    file_version: schema::LATEST,
                    source: Some(path.to_path_buf()),
                    capture: true,
                };
                store.configure()?;
                store.migrate(0)?;
                Ok(store)
            }
            (Found::Missing, Access::Write) => {
                create_book(path, clock)?;
                Store::open_file(path, access, clock)
            }
            (Found::File, _) => Store::open_file(path, access, clock),
        }
    }

    /// An empty book in memory: what a read of a missing book sees.
    fn empty(clock: Clock) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        stable_plans(&conn)?;
        let mut store = Store {
            conn,
            path: None,
            clock,
            migrated: None,
            file_version: schema::LATEST,
            source: None,
            capture: true,
        };
        store.migrate(0)?;
        Ok(store)
    }

    fn open_file(path: &Path, access: Access, clock: Clock) -> Result<Store> {
        let version = inspect(path)?;
        if access == Access::Read {
            // Read-write with query_only, so SQLite tidies its -wal and -shm
            // files on close but no statement can write; read-only when the
            // file is.
            let conn = open_connection(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
                .or_else(|_| open_connection(path, OpenFlags::SQLITE_OPEN_READ_ONLY))?;
            if version == schema::LATEST {
                // The one write a read makes: an erasure owed is owed first.
                conn.execute_batch("PRAGMA secure_delete = ON")?;
                scrub_if_owed(&conn)?;
            }
            conn.pragma_update(None, "query_only", true)?;
            if version == schema::LATEST {
                return Ok(Store {
                    conn,
                    path: Some(path.to_path_buf()),
                    clock,
                    migrated: None,
                    file_version: version,
                    source: Some(path.to_path_buf()),
                    capture: true,
                });
            }
            // An earlier version, read as it will be: migrated, in a copy.
            let mut copy = Connection::open_in_memory()?;
            stable_plans(&copy)?;
            // One step: the whole copy from one snapshot.
            rusqlite::backup::Backup::new(&conn, &mut copy)?.step(-1)?;
            let mut store = Store {
                conn: copy,
                path: None,
                clock,
                migrated: None,
                file_version: version,
                source: Some(path.to_path_buf()),
                capture: true,
            };
            store.migrate(version)?;
            return Ok(store);
        }
        let conn = open_connection(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            clock,
            migrated: None,
            file_version: schema::LATEST,
            source: Some(path.to_path_buf()),
            capture: true,
        };
        store.configure()?;
        if version < schema::LATEST {
            let backup = store.backup_before_migration(version)?;
            store.migrate(version)?;
            store.migrated = Some(Migrated {
                from: version,
                to: schema::LATEST,
                backup: Some(backup),
            });
        }
        scrub_if_owed(&store.conn)?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        // WAL lets cron read while a person writes; FULL sync because a
        // customer list is not something to lose on a power cut.
        // A read-only file cannot switch to WAL; reads still work, so the
        // mode it answers with is not an error.
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        self.conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA synchronous = FULL;",
        )?;
        Ok(())
    }

    /// Each migration in a transaction of its own, through the write door;
    /// one that another process applied meanwhile is skipped.
    fn migrate(&mut self, from: i64) -> Result<()> {
        for (version, sql) in schema::MIGRATIONS.iter().filter(|(v, _)| *v > from) {
            self.transaction(|db| {
                let current: i64 = db.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                if current >= *version {
                    return Ok(((), true));
                }
                db.conn.execute_batch(sql).map_err(|e| {
                    Error::Internal(format!("migrating the database to version {version}: {e}"))
                })?;
                db.conn.pragma_update(None, "user_version", version)?;
                Ok(((), true))
            })?;
        }
        Ok(())
    }

    /// A copy of the database as it was, beside it, before its schema
    /// changes. A name already taken (a migration killed earlier) gets a
    /// number, so a retry never stops on it.
    fn backup_before_migration(&self, version: i64) -> Result<PathBuf> {
        let Some(path) = &self.path else {
            return Err(crate::internal!("migrating a database that has no file"));
        };
        let stem = format!(
            "{}.v{version}-{}",
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("rapport.db"),
            self.clock.today().format("%Y%m%d")
        );
        let mut target = path.with_file_name(format!("{stem}.bak"));
        let mut n = 2;
        while target.exists() {
            target = path.with_file_name(format!("{stem}.{n}.bak"));
            n += 1;
        }
        let partial = target.with_file_name(format!(
            ".{}.partial",
            target
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("backup")
        ));
        let _ = fs::remove_file(&partial);
        create_private_file(&partial)?;
        let copied = self.copy_into(&partial).and_then(|()| {
            fs::rename(&partial, &target).map_err(|e| {
                Error::io(format!("cannot write the backup '{}'", target.display()), e)
            })
        });
        if copied.is_err() {
            let _ = fs::remove_file(&partial);
        }
        copied?;
        Ok(target)
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The database file, when there is one (not for a missing book read as empty).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Caps the file at `pages` pages, so tests can meet a full disk
    /// without filling one. Not used by rapport itself.
    #[doc(hidden)]
    pub fn limit_pages_for_tests(&self, pages: u32) -> Result<()> {
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))?;
        Ok(())
    }

    /// Reads outside a write transaction.
    pub fn read(&self) -> Db<'_> {
        Db {
            conn: &self.conn,
            clock: self.clock,
            bulk: Default::default(),
            touched: Default::default(),
            rules: Default::default(),
            slot: Default::default(),
            bounds: Default::default(),
            dead_tops: Default::default(),
            links: Default::default(),
        }
    }

    /// The one write door: every change to the book goes through here, so
    /// that what concerns every write (sync's record of changes) has one
    /// place to attach. `BEGIN IMMEDIATE` takes the write lock up front, so
    /// a busy database fails before anything is read, never half-way; the
    /// work's error, or a panic, rolls everything back.
    pub fn write<T>(&mut self, work: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        self.transaction(|db| work(db).map(|value| (value, true)))
    }

    /// One write whose work decides whether to keep it: `(value, false)`
    /// rolls back (a dry run, or an all-or-nothing import with bad rows).
    pub fn write_or_rollback<T>(
        &mut self,
        work: impl FnOnce(&Db<'_>) -> Result<(T, bool)>,
    ) -> Result<T> {
        self.transaction(work)
    }

    /// A write of another device's changes: not recorded to be sent back.
    pub fn write_applying<T>(&mut self, work: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        self.capture = false;
        let result = self.transaction(|db| work(db).map(|value| (value, true)));
        self.capture = true;
        result
    }

    fn transaction<T>(&mut self, work: impl FnOnce(&Db<'_>) -> Result<(T, bool)>) -> Result<T> {
        let clock = self.clock;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let db = Db {
            conn: &tx,
            clock,
            bulk: Default::default(),
            touched: Default::default(),
            rules: Default::default(),
            slot: Default::default(),
            bounds: Default::default(),
            dead_tops: Default::default(),
            links: Default::default(),
        };
        // A synced book records what this write does to the synced tables
        // (by name: never the search index's shadow tables).
        // (A book mid-migration has no sync tables yet: it does not sync.)
        let syncing = self.capture && matches!(db.sync_get("device"), Ok(Some(_)));
        let session = if syncing {
            Some(session::Session::new(&tx, sync::SYNCED)?)
        } else {
            None
        };
        let (value, keep) = work(&db)?;
        if keep {
            if let Some(session) = session {
                let changes = session.changeset()?;
                drop(session);
                if !changes.is_empty() {
                    db.record_outgoing(&changes)?;
                }
            }
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok(value)
    }

    /// A consistent copy of the book as it is on disk, written into
    /// `empty_file` (which exists and is empty) by `VACUUM INTO`: one read
    /// snapshot, so it finishes whatever other processes write meanwhile;
    /// compact, and checked by opening it before anyone relies on it.
    pub fn copy_into(&self, empty_file: &Path) -> Result<()> {
        let own;
        let conn = match &self.source {
            Some(file) => {
                own = open_connection(file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
                &own
            }
            None => &self.conn,
        };
        let target = empty_file.to_str().ok_or_else(|| {
            crate::refused!(
                "'{}' is not a path SQLite can write to",
                empty_file.display()
            )
        })?;
        conn.execute("VACUUM INTO ?1", [target])?;
        let copy = open_connection(empty_file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let check: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(crate::internal!("the copy does not check out: {check}"));
        }
        Ok(())
    }

    /// Whether the search index matches the text it indexes, checked on a
    /// copy in memory taken in one read snapshot, so that `check` never
    /// writes and works on a read-only file. Books larger than `limit`
    /// bytes are not copied: None.
    pub fn deep_search_check(&self, limit: u64) -> Result<Option<Vec<String>>> {
        let size: i64 = self.conn.query_row(
            "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
            [],
            |r| r.get(0),
        )?;
        if size as u64 > limit {
            return Ok(None);
        }
        let mut copy = Connection::open_in_memory()?;
        // One step: the whole copy from one snapshot, whatever others write.
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy)?;
        backup.step(-1)?;
        drop(backup);
        let mut problems = Vec::new();
        for table in ["contacts_fts", "interactions_fts"] {
            let sql = format!("INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)");
            if let Err(e) = copy.execute(&sql, []) {
                problems.push(format!("search index {table}: {e}"));
            }
        }
        Ok(Some(problems))
    }

    /// After an erasure (`forget`): rewrites the file so that no freed page
    /// keeps a copy, and folds the WAL back into it, waiting (the busy
    /// timeout) for readers of older snapshots to finish. True when done:
    /// the file and an empty WAL hold only what the book holds. False when a
    /// reader still holds an old snapshot: the erasure stays owed, and the
    /// next open scrubs it.
    pub fn scrub(&self) -> Result<bool> {
        if self.path.is_none() {
            return Ok(true);
        }
        scrub(&self.conn)
    }

    /// Whether any of `needles` is still in the file or its WAL, byte for
    /// byte: how `forget` verifies before it says so.
    pub fn file_holds(&self, needles: &[&[u8]]) -> Result<bool> {
        let Some(path) = &self.path else {
            return Ok(false);
        };
        let needles: Vec<memchr::memmem::Finder<'_>> = needles
            .iter()
            .filter(|n| !n.is_empty())
            .map(memchr::memmem::Finder::new)
            .collect();
        let longest = needles.iter().map(|f| f.needle().len()).max().unwrap_or(0);
        for suffix in ["", "-wal"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let mut file = match fs::File::open(PathBuf::from(p)) {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(Error::io("cannot read the database to verify it", e)),
            };
            // In chunks that overlap by a needle's length, so that nothing
            // across a boundary is missed and memory stays flat.
            let mut buf = vec![0u8; 1 << 20];
            let mut carry = 0;
            loop {
                let n = std::io::Read::read(&mut file, &mut buf[carry..])
                    .map_err(|e| Error::io("cannot read the database to verify it", e))?;
                if n == 0 {
                    break;
                }
                let filled = carry + n;
                if needles.iter().any(|f| f.find(&buf[..filled]).is_some()) {
                    return Ok(true);
                }
                carry = longest.saturating_sub(1).min(filled);
                buf.copy_within(filled - carry..filled, 0);
            }
        }
        Ok(false)
    }

    /// A copy of this book in memory, for tests that need many fresh ones.
    #[cfg(test)]
    pub(crate) fn copy_in_memory(&self) -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        stable_plans(&conn)?;
        rusqlite::backup::Backup::new(&self.conn, &mut conn)?.step(-1)?;
        Ok(Store {
            conn,
            path: None,
            clock: self.clock,
            migrated: None,
            file_version: self.file_version,
            source: None,
            capture: true,
        })
    }

    /// One read-only query for `rapport sql`, on a connection of its own
    /// that cannot write, stopped after `limit`; rows go to `out` as read.
    pub fn query_read_only(
        &mut self,
        query: &str,
        limit: std::time::Duration,
        out: &mut dyn QueryRows,
    ) -> Result<()> {
        sql::read_only_query(self.path.as_deref(), &mut self.conn, query, limit, out)
    }
}

impl Db<'_> {
    pub fn now(&self) -> String {
        format_timestamp(self.clock.now())
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// This contact's days at risk may have changed.
    pub fn touch(&self, contact: i64) {
        let mut t = self.touched.borrow_mut();
        if !t.all {
            t.ids.push(contact);
        }
    }

    /// A new contact's first score in `stage`, if this write computed it.
    pub fn known_bound(&self, stage: &str) -> Option<Option<f64>> {
        self.bounds.borrow().get(stage).copied()
    }

    pub fn know_bound(&self, stage: &str, bound: Option<f64>) {
        self.bounds.borrow_mut().insert(stage.to_string(), bound);
    }

    /// A contact was added: nothing happened to them yet.
    pub fn touch_new(&self, contact: i64) {
        self.touched.borrow_mut().new.push(contact);
    }

    /// Everyone's days at risk may have changed.
    pub fn touch_all(&self) {
        let mut t = self.touched.borrow_mut();
        t.all = true;
        t.ids.clear();
    }

    /// (everyone?, the contacts touched, each once), and forgets them.
    pub fn take_touched(&self) -> (bool, Vec<i64>) {
        let (all, ids, _) = self.take_touched_with_new();
        (all, ids)
    }

    /// `take_touched`, and the contacts added (not among the touched).
    pub fn take_touched_with_new(&self) -> (bool, Vec<i64>, Vec<i64>) {
        let t = std::mem::take(&mut *self.touched.borrow_mut());
        let mut ids = t.ids;
        ids.sort_unstable();
        ids.dedup();
        let mut new = t.new;
        if t.all {
            new.clear();
        }
        new.retain(|n| ids.binary_search(n).is_err());
        (t.all, ids, new)
    }
}

/// VACUUM, then fold the WAL back and truncate it; clears the owed scrub
/// when the fold completed.
fn scrub(conn: &Connection) -> Result<bool> {
    conn.execute_batch("VACUUM")?;
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    if busy != 0 {
        return Ok(false);
    }
    conn.execute("DELETE FROM pending_scrub", [])?;
    let _: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    Ok(true)
}

/// Scrubs what an earlier erasure left, when one is owed and the file can
/// be written; quietly, as the first thing any command does.
fn scrub_if_owed(conn: &Connection) -> Result<()> {
    let owed: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM pending_scrub)", [], |r| {
            r.get(0)
        })
        .unwrap_or(false);
    if owed && !conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
        scrub(conn)?;
    }
    Ok(())
}

/// A connection with the busy timeout every rapport connection waits.
fn open_connection(path: &Path, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| open_error(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    stable_plans(&conn)?;
    Ok(conn)
}

/// One plan per statement: without this, the bundled SQLite (built with
/// STAT4) marks statements to be compiled again whenever a bound value
/// changes, and an import re-parsed its cached statements on every row
/// (a 100,000-row import spent half its time in the SQL parser).
pub(crate) fn stable_plans(conn: &Connection) -> Result<()> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

/// The schema version of an existing file, read through a read-only
/// connection so that a refusal changes nothing (not even a WAL folded back
/// in): a file from a newer rapport, or another program's, is refused here.
fn inspect(path: &Path) -> Result<i64> {
    let conn = open_connection(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let read = || -> rusqlite::Result<(i64, i32, bool)> {
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        // Books from before the application id have rapport's own tables.
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN \
             ('settings', 'stages', 'contacts', 'stage_history', 'interactions', 'follow_ups')",
            [],
            |r| r.get(0),
        )?;
        Ok((version, app, tables == 6))
    };
    let (version, app, ours) = read().map_err(|e| open_error(path, e))?;
    let foreign = || {
        Error::Database(format!(
            "'{}' is an SQLite database but not a rapport one: expected a rapport database; the file was not touched",
            path.display()
        ))
    };
    if app != APPLICATION_ID && (app != 0 || !ours || version == 0) {
        return Err(foreign());
    }
    if version > schema::LATEST {
        return Err(Error::Database(format!(
            "database '{}' is schema version {version}, newer than this rapport knows (up to {}): upgrade rapport; the file was not touched",
            path.display(),
            schema::LATEST
        )));
    }
    Ok(version)
}

/// A new book, built whole under a temporary name beside `path` and linked
/// into place only if nothing is there yet: no other process ever sees a
/// half-made book, and two first writes racing both find one complete book.
fn create_book(path: &Path, clock: Clock) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.exists() {
            let mut builder = fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(dir).map_err(|e| {
                Error::io(format!("cannot create the folder '{}'", dir.display()), e)
            })?;
        }
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("rapport.db");
    let temp = path.with_file_name(format!(".{name}.{}.new", new_uid()));
    create_private_file(&temp).map_err(|e| match e {
        Error::Io { source, .. } => Error::io(
            format!("cannot create the database file '{}'", path.display()),
            source,
        ),
        other => other,
    })?;
    let built = (|| -> Result<()> {
        let conn = open_connection(&temp, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        let mut store = Store {
            conn,
            path: Some(temp.clone()),
            clock,
            migrated: None,
            file_version: schema::LATEST,
            source: None,
            capture: true,
        };
        store.migrate(0)?;
        store.configure()?;
        store.conn.close().map_err(|(_, e)| e)?;
        match fs::hard_link(&temp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            // A file system without hard links: rename, which replaces
            // nothing as long as nothing appeared meanwhile.
            Err(_) if !path.exists() => fs::rename(&temp, path).map_err(|e| {
                Error::io(
                    format!("cannot create the database file '{}'", path.display()),
                    e,
                )
            }),
            Err(_) => Ok(()),
        }
    })();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = temp.as_os_str().to_owned();
        p.push(suffix);
        let _ = fs::remove_file(PathBuf::from(p));
    }
    built
}

fn new_uid() -> String {
    ulid::Ulid::generate().to_string()
}

/// A new file with mode 0600: the book and its copies hold personal data.
fn create_private_file(path: &Path) -> Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .map_err(|e| Error::io(format!("cannot create '{}'", path.display()), e))?;
    Ok(())
}

fn open_error(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::Database(format!(
            "'{}' is not a rapport database (the file is damaged or of another kind)",
            path.display()
        )),
        Some(ErrorCode::ReadOnly) => Error::Database(format!(
            "the database '{}' is read-only to you: cannot write to it (or to its folder, which WAL needs)",
            path.display()
        )),
        Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => Error::Database(
            format!("cannot open the database '{}': {e}", path.display()),
        ),
        _ => Error::from(e),
    }
}
