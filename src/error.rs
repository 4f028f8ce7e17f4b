//! Every way a command can fail, and the one place that turns each into
//! an exit code: 0 success, 1 a refused or failed request, 2 a usage error
//! (clap's own), 70 an internal error (a bug in rapport).

use crate::domain::text::shown;
use crate::domain::Invalid;
use std::io;

pub type Result<T, E = Error> = std::result::Result<T, E>;

pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
/// sysexits' EX_SOFTWARE: scripts can tell a bug from a refusal.
pub const EXIT_INTERNAL: u8 = 70;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value that is not what was expected.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// The request cannot be done as asked: an unknown or ambiguous
    /// contact, a conflict, an action refused. Lines after the first are hints.
    #[error("{0}")]
    Refused(String),
    /// The database cannot be used as asked: busy, read-only, damaged,
    /// full, from a newer rapport, or not a rapport database.
    #[error("{0}")]
    Database(String),
    /// A file could not be read or written.
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: io::Error,
    },
    /// `check` found problems (each already printed).
    #[error("the database has {0} problem{s}", s = if *.0 == 1 { "" } else { "s" })]
    Problems(usize),
    /// Whoever read our output went away (`rapport list | head`): not a failure.
    #[error("broken pipe")]
    BrokenPipe,
    /// Something rapport did not expect: a bug, or an SQLite failure that
    /// should not happen.
    #[error("{0}")]
    Internal(String),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::BrokenPipe => 0,
            Error::Internal(_) => EXIT_INTERNAL,
            _ => EXIT_FAILURE,
        }
    }

    /// `error: …` on one line, then any hints, as the contract prints them.
    pub fn report(&self) -> Vec<String> {
        let text = self.to_string();
        let mut lines = text.lines();
        let first = lines.next().unwrap_or("unknown error");
        let mut out = vec![format!("error: {}", shown(first))];
        out.extend(lines.map(crate::domain::text::shown_block));
        if let Error::Internal(_) = self {
            out[0] = format!("error: internal error: {}", shown(first));
            out.push(
                "This is a bug in rapport, not something you did: please report it with the command you ran and this message."
                    .to_string(),
            );
        }
        out
    }

    pub fn io(what: impl Into<String>, source: io::Error) -> Error {
        if source.kind() == io::ErrorKind::BrokenPipe {
            return Error::BrokenPipe;
        }
        Error::Io {
            what: what.into(),
            source,
        }
    }
}

/// Refuses with a message: `return Err(refused!("..."))`.
#[macro_export]
macro_rules! refused {
    ($($arg:tt)*) => {
        $crate::error::Error::Refused(format!($($arg)*))
    };
}

/// A condition that cannot happen unless rapport has a bug.
#[macro_export]
macro_rules! internal {
    ($($arg:tt)*) => {
        $crate::error::Error::Internal(format!($($arg)*))
    };
}

/// Writing to stdout or a file we were told to write.
impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error::io("cannot write the output", e)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        match e.io_error_kind() {
            Some(kind) => Error::io("cannot write the output", io::Error::from(kind)),
            None => Error::Internal(format!("JSON: {e}")),
        }
    }
}

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Error {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::io("cannot write the output", io),
            other => Error::Internal(format!("CSV: {other:?}")),
        }
    }
}

/// SQLite's conditions that people meet, in plain sentences; anything else
/// is a bug.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode::*;
        match e.sqlite_error_code() {
            Some(DatabaseBusy) | Some(DatabaseLocked) => Error::Database(format!(
                "database is busy: another rapport is writing and did not finish within {} s; try again",
                crate::store::BUSY_TIMEOUT.as_secs()
            )),
            Some(ReadOnly) => {
                Error::Database("the database is read-only: cannot write to it".into())
            }
            Some(DiskFull) => Error::Database("the disk is full: nothing was written".into()),
            Some(NotADatabase) | Some(DatabaseCorrupt) => Error::Database(format!(
                "the database is damaged: {e}; run `rapport check`"
            )),
            Some(CannotOpen) | Some(PermissionDenied) | Some(SystemIoFailure) => {
                Error::Database(format!("cannot use the database: {e}"))
            }
            Some(OperationInterrupted) => Error::Refused(format!("interrupted: {e}")),
            _ => Error::Internal(format!("unexpected SQLite failure: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_its_exit_code() {
        assert_eq!(Error::Invalid(Invalid::EmptyName).exit_code(), 1);
        assert_eq!(refused!("no").exit_code(), 1);
        assert_eq!(Error::Problems(2).exit_code(), 1);
        assert_eq!(internal!("oops").exit_code(), 70);
        assert_eq!(Error::BrokenPipe.exit_code(), 0);
    }

    #[test]
    fn the_first_line_is_escaped_and_hints_follow() {
        let e = refused!("no contact matches 'x\u{1b}]0;pwn\u{7}'\n  #1 Ada\n  #2 Ada B");
        assert_eq!(
            e.report(),
            [
                "error: no contact matches 'x\\e]0;pwn\\a'",
                "  #1 Ada",
                "  #2 Ada B"
            ]
        );
        let bug = internal!("stage #9 vanished");
        assert!(bug.report()[0].starts_with("error: internal error: stage #9"));
        assert!(bug.report()[1].contains("bug"));
    }
}
