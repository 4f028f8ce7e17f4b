//! SQLite's session extension, wrapped: record what a transaction changed
//! in the synced tables as a changeset, and read it back change by change.
//! The only unsafe code in rapport; every pointer lives inside one call or
//! one owning struct that frees it.
//!
//! The bundled SQLite is compiled with SQLITE_ENABLE_SESSION and
//! SQLITE_ENABLE_PREUPDATE_HOOK (`.cargo/config.toml`), and the bundled
//! bindings declare the functions, so no libclang is needed to build.

use crate::error::{Error, Result};
use rusqlite::ffi;
use rusqlite::types::Value;
use rusqlite::Connection;
use std::ffi::{c_int, c_void, CStr, CString};

fn check(rc: c_int, what: &str) -> Result<()> {
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        let text = unsafe { CStr::from_ptr(ffi::sqlite3_errstr(rc)) };
        Err(Error::Internal(format!(
            "session: {what}: {}",
            text.to_string_lossy()
        )))
    }
}

/// A session recording changes to some tables of `main`.
pub struct Session {
    raw: *mut ffi::sqlite3_session,
}

impl Session {
    /// Starts recording changes to `tables` (by name: never the search
    /// index's shadow tables).
    pub fn new(conn: &Connection, tables: &[&str]) -> Result<Session> {
        let mut raw = std::ptr::null_mut();
        let main = CString::new("main").unwrap_or_default();
        // SAFETY: the handle is the connection's own and outlives the
        // session, which is dropped before the transaction ends.
        check(
            unsafe { ffi::sqlite3session_create(conn.handle(), main.as_ptr(), &mut raw) },
            "create",
        )?;
        let session = Session { raw };
        for table in tables {
            let name =
                CString::new(*table).map_err(|_| Error::Internal(format!("table name {table}")))?;
            check(
                unsafe { ffi::sqlite3session_attach(session.raw, name.as_ptr()) },
                "attach",
            )?;
        }
        Ok(session)
    }

    /// What was recorded, as one changeset (empty: nothing changed).
    pub fn changeset(&self) -> Result<Vec<u8>> {
        let mut size: c_int = 0;
        let mut buffer: *mut c_void = std::ptr::null_mut();
        check(
            unsafe { ffi::sqlite3session_changeset(self.raw, &mut size, &mut buffer) },
            "changeset",
        )?;
        let bytes = if buffer.is_null() || size <= 0 {
            Vec::new()
        } else {
            unsafe { std::slice::from_raw_parts(buffer as *const u8, size as usize) }.to_vec()
        };
        unsafe { ffi::sqlite3_free(buffer) };
        Ok(bytes)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        unsafe { ffi::sqlite3session_delete(self.raw) };
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Insert,
    Update,
    Delete,
}

/// One change of a changeset. `old` holds the row before (updates: the
/// primary key and the changed columns), `new` the row after (updates:
/// the changed columns); None where the changeset has no value.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub table: String,
    pub op: Op,
    pub pk: Vec<bool>,
    pub old: Vec<Option<Value>>,
    pub new: Vec<Option<Value>>,
}

unsafe fn value(v: *mut ffi::sqlite3_value) -> Option<Value> {
    if v.is_null() {
        return None;
    }
    Some(match ffi::sqlite3_value_type(v) {
        ffi::SQLITE_INTEGER => Value::Integer(ffi::sqlite3_value_int64(v)),
        ffi::SQLITE_FLOAT => Value::Real(ffi::sqlite3_value_double(v)),
        ffi::SQLITE_TEXT => {
            let p = ffi::sqlite3_value_text(v);
            let n = ffi::sqlite3_value_bytes(v) as usize;
            let bytes = if p.is_null() {
                &[][..]
            } else {
                std::slice::from_raw_parts(p, n)
            };
            Value::Text(String::from_utf8_lossy(bytes).into_owned())
        }
        ffi::SQLITE_BLOB => {
            let p = ffi::sqlite3_value_blob(v) as *const u8;
            let n = ffi::sqlite3_value_bytes(v) as usize;
            Value::Blob(if p.is_null() {
                Vec::new()
            } else {
                std::slice::from_raw_parts(p, n).to_vec()
            })
        }
        _ => Value::Null,
    })
}

/// An iterator over a changeset's bytes, freed when dropped.
struct Iter {
    raw: *mut ffi::sqlite3_changeset_iter,
}

impl Iter {
    fn start(changeset: &[u8]) -> Result<Iter> {
        let mut raw = std::ptr::null_mut();
        let len = c_int::try_from(changeset.len())
            .map_err(|_| Error::Internal("a changeset over 2 GB".into()))?;
        check(
            unsafe {
                ffi::sqlite3changeset_start(&mut raw, len, changeset.as_ptr() as *mut c_void)
            },
            "start",
        )?;
        Ok(Iter { raw })
    }

    /// The next change, or None at the end; a damaged changeset is an error.
    fn next(&mut self) -> Result<Option<Change>> {
        let rc = unsafe { ffi::sqlite3changeset_next(self.raw) };
        if rc == ffi::SQLITE_DONE {
            return Ok(None);
        }
        if rc != ffi::SQLITE_ROW {
            check(rc, "read")?;
            return Err(Error::Internal("session: damaged changeset".into()));
        }
        let mut table: *const std::ffi::c_char = std::ptr::null();
        let mut columns: c_int = 0;
        let mut op: c_int = 0;
        let mut indirect: c_int = 0;
        check(
            unsafe {
                ffi::sqlite3changeset_op(self.raw, &mut table, &mut columns, &mut op, &mut indirect)
            },
            "op",
        )?;
        let table = unsafe { CStr::from_ptr(table) }
            .to_string_lossy()
            .into_owned();
        let mut pk_flags: *mut u8 = std::ptr::null_mut();
        let mut n: c_int = 0;
        check(
            unsafe { ffi::sqlite3changeset_pk(self.raw, &mut pk_flags, &mut n) },
            "pk",
        )?;
        let pk = (0..n as usize)
            .map(|i| unsafe { *pk_flags.add(i) } != 0)
            .collect();
        let op = match op {
            ffi::SQLITE_INSERT => Op::Insert,
            ffi::SQLITE_UPDATE => Op::Update,
            _ => Op::Delete,
        };
        let mut old = vec![None; columns as usize];
        let mut new = vec![None; columns as usize];
        for i in 0..columns {
            if op != Op::Insert {
                let mut v = std::ptr::null_mut();
                check(
                    unsafe { ffi::sqlite3changeset_old(self.raw, i, &mut v) },
                    "old",
                )?;
                old[i as usize] = unsafe { value(v) };
            }
            if op != Op::Delete {
                let mut v = std::ptr::null_mut();
                check(
                    unsafe { ffi::sqlite3changeset_new(self.raw, i, &mut v) },
                    "new",
                )?;
                new[i as usize] = unsafe { value(v) };
            }
        }
        Ok(Some(Change {
            table,
            op,
            pk,
            old,
            new,
        }))
    }
}

impl Drop for Iter {
    fn drop(&mut self) {
        unsafe { ffi::sqlite3changeset_finalize(self.raw) };
    }
}

/// Every change of a changeset, in order; an error for damaged bytes.
pub fn changes(changeset: &[u8]) -> Result<Vec<Change>> {
    let mut out = Vec::new();
    if changeset.is_empty() {
        return Ok(out);
    }
    let mut iter = Iter::start(changeset)?;
    while let Some(change) = iter.next()? {
        out.push(change);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER);
             CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INTEGER);
             CREATE TABLE other (id INTEGER PRIMARY KEY);",
        )
        .unwrap();
        conn
    }

    #[test]
    fn records_only_attached_tables_and_reads_them_back() {
        let conn = db();
        conn.execute("INSERT INTO t VALUES (1, 'x', 1)", [])
            .unwrap();
        let s = Session::new(&conn, &["t", "u"]).unwrap();
        conn.execute_batch(
            "INSERT INTO t VALUES (2, 'y', 2); UPDATE t SET b = 5 WHERE id = 1;
             DELETE FROM t WHERE id = 2; INSERT INTO u VALUES (7, 1); INSERT INTO other VALUES (1);",
        )
        .unwrap();
        let bytes = s.changeset().unwrap();
        let all = changes(&bytes).unwrap();
        // Inserted then deleted in one session: nothing.
        assert_eq!(all.len(), 2, "{all:?}");
        assert_eq!(all[0].table, "t");
        assert_eq!(all[0].op, Op::Update);
        assert_eq!(all[0].old[0], Some(Value::Integer(1)));
        assert_eq!(all[0].old[1], None, "unchanged column: no value");
        assert_eq!(all[0].old[2], Some(Value::Integer(1)));
        assert_eq!(all[0].new[2], Some(Value::Integer(5)));
        assert_eq!(all[0].pk, vec![true, false, false]);
        assert_eq!(all[1].table, "u");
        assert_eq!(all[1].op, Op::Insert);
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_crash() {
        let conn = db();
        let s = Session::new(&conn, &["t"]).unwrap();
        conn.execute("INSERT INTO t VALUES (1, 'some text here', 1)", [])
            .unwrap();
        let bytes = s.changeset().unwrap();
        for cut in 1..bytes.len() {
            let _ = changes(&bytes[..cut]);
        }
        assert!(changes(&bytes[..bytes.len() - 3]).is_err());
        assert!(changes(b"garbage").is_err());
    }
}
