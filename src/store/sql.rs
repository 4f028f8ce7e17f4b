//! `rapport sql`: one read-only query over the documented views.

use crate::error::Result;
use rusqlite::{types::ValueRef, Connection, OpenFlags};
use std::path::Path;

/// Column names and rows (as JSON values) of a read-only query.
pub type QueryResult = (Vec<String>, Vec<Vec<serde_json::Value>>);

/// Runs one SELECT on a read-only connection: a statement that would write
/// is refused before it runs, and the connection could not write anyway.
pub fn read_only_query(
    path: Option<&Path>,
    fallback: &Connection,
    query: &str,
) -> Result<QueryResult> {
    let owned;
    let conn = match path {
        Some(p) => {
            owned = Connection::open_with_flags(
                p,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            owned.busy_timeout(super::BUSY_TIMEOUT)?;
            &owned
        }
        None => fallback,
    };
    conn.execute_batch("PRAGMA query_only = ON")?;
    let trimmed = query.trim().trim_end_matches(';').trim();
    if trimmed.is_empty() {
        return Err(crate::refused!(
            "the query is empty: expected a SELECT, like rapport sql \"SELECT name FROM contacts_v\""
        ));
    }
    let mut stmt = conn.prepare(trimmed).map_err(|e| {
        crate::refused!("'{}' is not a query rapport can run: {e}", shorten(trimmed))
    })?;
    if !stmt.readonly() {
        return Err(crate::refused!(
            "'{}' would change the database: `rapport sql` only reads",
            shorten(trimmed)
        ));
    }
    let headers: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
    let n = headers.len();
    let mut rows = Vec::new();
    let mut cursor = stmt.query([])?;
    while let Some(r) = cursor.next()? {
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
        rows.push(row);
    }
    Ok((headers, rows))
}

fn shorten(text: &str) -> String {
    let t: String = text.chars().take(60).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}
