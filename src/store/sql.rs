//! `rapport sql`: one read-only query over the documented views, on a
//! connection that cannot write, cannot reach another file (no ATTACH),
//! and gives up after a time limit; rows are handed on as they come.

use crate::error::{Error, Result};
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::{types::ValueRef, Connection, OpenFlags};
use std::path::Path;
use std::time::{Duration, Instant};

/// What a query's rows are handed to: its column names once, then each
/// row as JSON values.
pub trait Rows {
    fn columns(&mut self, names: &[String]) -> Result<()>;
    fn row(&mut self, values: Vec<serde_json::Value>) -> Result<()>;
}

/// Runs one SELECT. A statement that would write, a second statement, and
/// ATTACH are refused before anything runs; a query still running after
/// `limit` is stopped with an error that says so.
pub fn read_only_query(
    path: Option<&Path>,
    fallback: &mut Connection,
    query: &str,
    limit: Duration,
    out: &mut dyn Rows,
) -> Result<()> {
    let mut owned;
    let conn = match path {
        Some(p) => {
            owned = Connection::open_with_flags(
                p,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            owned.busy_timeout(super::BUSY_TIMEOUT)?;
            &mut owned
        }
        None => fallback,
    };
    conn.execute_batch("PRAGMA query_only = ON")?;
    let outcome = run(conn, query, limit, out);
    conn.authorizer(None::<fn(AuthContext<'_>) -> Authorization>)?;
    conn.progress_handler(0, None::<fn() -> bool>)?;
    outcome
}

fn run(conn: &mut Connection, query: &str, limit: Duration, out: &mut dyn Rows) -> Result<()> {
    let trimmed = query.trim().trim_end_matches(';').trim();
    if trimmed.is_empty() {
        return Err(crate::refused!(
            "the query is empty: expected a SELECT, like rapport sql \"SELECT name FROM contacts_v\""
        ));
    }
    // Another database file is out of reach, whatever the query says.
    conn.authorizer(Some(|ctx: AuthContext<'_>| match ctx.action {
        AuthAction::Attach { .. } | AuthAction::Detach { .. } => Authorization::Deny,
        _ => Authorization::Allow,
    }))?;
    let start = Instant::now();
    conn.progress_handler(10_000, Some(move || start.elapsed() > limit))?;
    let mut stmt = conn.prepare(trimmed).map_err(|e| {
        if let rusqlite::Error::MultipleStatement = e {
            crate::refused!(
                "'{}' holds more than one statement: `rapport sql` runs exactly one query per call",
                shorten(trimmed)
            )
        } else if e.to_string().contains("not authorized") {
            crate::refused!(
                "'{}' reaches another database: `rapport sql` reads this one only (ATTACH is refused)",
                shorten(trimmed)
            )
        } else {
            crate::refused!("'{}' is not a query rapport can run: {e}", shorten(trimmed))
        }
    })?;
    if !stmt.readonly() {
        return Err(crate::refused!(
            "'{}' would change the database: `rapport sql` only reads",
            shorten(trimmed)
        ));
    }
    let headers: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
    let n = headers.len();
    out.columns(&headers)?;
    let stopped = |e: rusqlite::Error| -> Error {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) {
            crate::refused!(
                "the query ran longer than {}s and was stopped: narrow it, or give --timeout",
                limit.as_secs()
            )
        } else {
            e.into()
        }
    };
    let mut cursor = stmt.query([]).map_err(stopped)?;
    while let Some(r) = cursor.next().map_err(stopped)? {
        let mut row = Vec::with_capacity(n);
        for i in 0..n {
            row.push(match r.get_ref(i)? {
                ValueRef::Null => serde_json::Value::Null,
                ValueRef::Integer(v) => v.into(),
                ValueRef::Real(v) => serde_json::Number::from_f64(v)
                    .map(serde_json::Value::Number)
                    .unwrap_or(serde_json::Value::Null),
                ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
                ValueRef::Blob(b) => format!("<{} bytes>", b.len()).into(),
            });
        }
        out.row(row)?;
    }
    Ok(())
}

fn shorten(text: &str) -> String {
    let t: String = text.chars().take(60).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}
