//! The only module that speaks SQL. Opening, pragmas, migrations and the
//! one write door live here; the queries are split by subject.

mod contacts;
mod dump;
mod follow_ups;
mod imports;
mod interactions;
mod maintenance;
mod points;
mod report;
mod rules;
pub mod schema;
mod search_index;
mod settings;
mod sql;
mod stages;
mod templates;

pub use contacts::{ContactFilter, ContactSort, SearchHit};
pub use dump::{
    ContactRecord, FollowUpRecord, InteractionRecord, PointsRecord, ReminderRecord, RuleRecord,
    StageMoveRecord, StageRecord, TemplateRecord,
};
pub use follow_ups::{DueFollowUp, NewFollowUp};
pub use imports::{ImportBatch, ImportChange};
pub use interactions::NewInteraction;
pub use maintenance::Counts;
pub use points::PointsEntry;
pub use report::JourneyContact;
pub use rules::{Candidate, ReminderStates};
pub use sql::QueryResult;

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
}

/// Queries over one connection or an open transaction.
pub struct Db<'a> {
    conn: &'a Connection,
    clock: Clock,
    /// In a bulk write, search-index work is queued and done at the end.
    bulk: std::cell::Cell<bool>,
}

impl Store {
    pub fn open(path: &Path, access: Access, clock: Clock) -> Result<Store> {
        if path.is_dir() {
            return Err(Error::Database(format!(
                "database path '{}' is a directory: expected a file",
                path.display()
            )));
        }
        let exists = path.exists();
        if !exists && access == Access::Read {
            let conn = Connection::open_in_memory()?;
            let mut store = Store {
                conn,
                path: None,
                clock,
                migrated: None,
            };
            store.migrate(0)?;
            return Ok(store);
        }
        if !exists {
            create_private_file(path)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .or_else(|_| {
                Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
            })
            .map_err(|e| open_error(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            clock,
            migrated: None,
        };
        let version = store.user_version().map_err(|e| open_error(path, e))?;
        if version > schema::LATEST {
            return Err(Error::Database(format!(
                "database '{}' is schema version {version}, newer than this rapport knows (up to {}): upgrade rapport; the file was not touched",
                path.display(),
                schema::LATEST
            )));
        }
        if version == 0 && store.table_count()? > 0 {
            return Err(Error::Database(format!(
                "'{}' is an SQLite database but not a rapport one: expected an empty file or a rapport database",
                path.display()
            )));
        }
        store.configure()?;
        if version < schema::LATEST {
            let backup = if version > 0 {
                Some(store.backup_before_migration(version)?)
            } else {
                None
            };
            store.migrate(version)?;
            if version > 0 {
                store.migrated = Some(Migrated {
                    from: version,
                    to: schema::LATEST,
                    backup,
                });
            }
        }
        Ok(store)
    }

    fn user_version(&self) -> rusqlite::Result<i64> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))
    }

    fn table_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?)
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

    /// Each migration in a transaction of its own, through the write door.
    fn migrate(&mut self, from: i64) -> Result<()> {
        for (version, sql) in schema::MIGRATIONS.iter().filter(|(v, _)| *v > from) {
            self.transaction(|db| {
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
        self.backup_to(&target)?;
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

    fn transaction<T>(&mut self, work: impl FnOnce(&Db<'_>) -> Result<(T, bool)>) -> Result<T> {
        let clock = self.clock;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let db = Db {
            conn: &tx,
            clock,
            bulk: Default::default(),
        };
        let (value, keep) = work(&db)?;
        if keep {
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok(value)
    }

    /// A consistent copy through SQLite's online backup API, safe while
    /// another process writes. It is written under a temporary name and
    /// renamed when complete, so a killed backup never passes for one; the
    /// copy is created 0600 like the original.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        if target.is_dir() {
            return Err(crate::refused!(
                "backup target '{}' is a directory: expected a file name",
                target.display()
            ));
        }
        if target.exists() {
            return Err(crate::refused!(
                "backup target '{}' already exists: choose a new file name",
                target.display()
            ));
        }
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("backup");
        let partial = target.with_file_name(format!(".{name}.partial"));
        let _ = fs::remove_file(&partial);
        create_private_file(&partial)?;
        let result = (|| -> Result<()> {
            let mut dest = Connection::open(&partial)?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut dest)?;
            backup.run_to_completion(256, Duration::from_millis(10), None)?;
            drop(backup);
            dest.close().map_err(|(_, e)| e)?;
            fs::rename(&partial, target)
                .map_err(|e| Error::io(format!("cannot write '{}'", target.display()), e))?;
            Ok(())
        })();
        if result.is_err() {
            let _ = fs::remove_file(&partial);
        }
        result
    }

    /// After `forget`: rewrite the file so that freed pages keep no copy of
    /// the contact, and fold the WAL back so it holds none either.
    pub fn compact(&self) -> Result<()> {
        if self.path.is_none() {
            return Ok(());
        }
        self.conn.execute_batch("VACUUM")?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// One read-only query for `rapport sql`, on a connection of its own
    /// that cannot write.
    pub fn query_read_only(&self, query: &str) -> Result<QueryResult> {
        sql::read_only_query(self.path.as_deref(), &self.conn, query)
    }
}

impl Db<'_> {
    pub fn now(&self) -> String {
        format_timestamp(self.clock.now())
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }
}

fn new_uid() -> String {
    ulid::Ulid::generate().to_string()
}

/// Creates the database's folder and the file itself with mode 0600
/// before SQLite opens it: it holds personal data.
fn create_private_file(path: &Path) -> Result<()> {
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
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| {
        Error::io(
            format!("cannot create the database file '{}'", path.display()),
            e,
        )
    })?;
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
