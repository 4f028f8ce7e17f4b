//! Consent: what each contact agreed to, when and how, and when they took
//! it back. Kept, never overwritten: a withdrawal is a date, not a delete.

use super::{new_uid, Db};
use crate::domain::contact::Consent;
use crate::error::Result;
use rusqlite::params;
use serde::{Deserialize, Serialize};

/// One consent as `show`, the exports and `import all` carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub id: i64,
    pub uid: String,
    pub contact_id: i64,
    pub purpose: String,
    pub given_on: String,
    pub how: Option<String>,
    pub withdrawn_on: Option<String>,
    pub updated_at: String,
}

fn record(r: &rusqlite::Row<'_>) -> rusqlite::Result<ConsentRecord> {
    Ok(ConsentRecord {
        id: r.get(0)?,
        uid: r.get(1)?,
        contact_id: r.get(2)?,
        purpose: r.get(3)?,
        given_on: r.get(4)?,
        how: r.get(5)?,
        withdrawn_on: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

const COLUMNS: &str = "id, uid, contact_id, purpose, given_on, how, withdrawn_on, updated_at";

impl Db<'_> {
    /// Records a consent, unless the same one (purpose, day and how) is
    /// already held and not withdrawn: an import run twice adds nothing.
    pub fn add_consent(&self, contact: i64, c: &Consent) -> Result<bool> {
        let held: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM consents WHERE contact_id = ?1 AND purpose = ?2 AND given_on = ?3 \
             AND how IS ?4 AND withdrawn_on IS NULL)",
            params![contact, c.purpose, c.given_on, c.how],
            |r| r.get(0),
        )?;
        if held {
            return Ok(false);
        }
        self.conn.execute(
            "INSERT INTO consents (uid, contact_id, purpose, given_on, how, updated_at, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![new_uid(), contact, c.purpose, c.given_on, c.how, self.now(), self.new_id("consents")?],
        )?;
        Ok(true)
    }

    /// Marks the contact's consents to `purpose` withdrawn on `day`; how many.
    pub fn withdraw_consent(&self, contact: i64, purpose: &str, day: &str) -> Result<usize> {
        Ok(self.conn.execute(
            "UPDATE consents SET withdrawn_on = ?3, updated_at = ?4 \
             WHERE contact_id = ?1 AND purpose = ?2 AND withdrawn_on IS NULL",
            params![contact, purpose.to_lowercase(), day, self.now()],
        )?)
    }

    /// Takes back a consent an import recorded (`import undo`).
    pub fn delete_consent(&self, contact: i64, purpose: &str, day: &str) -> Result<()> {
        self.conn.execute(
            "DELETE FROM consents WHERE contact_id = ?1 AND purpose = ?2 AND given_on = ?3 AND withdrawn_on IS NULL",
            params![contact, purpose, day],
        )?;
        Ok(())
    }

    pub fn consents(&self, contact: i64) -> Result<Vec<ConsentRecord>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM consents WHERE contact_id = ?1 ORDER BY given_on, id"
        ))?;
        let rows = stmt
            .query_map([contact], record)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Whether the contact holds a consent not withdrawn.
    pub fn has_consent(&self, contact: i64) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM consents WHERE contact_id = ?1 AND withdrawn_on IS NULL)",
            )?
            .query_row([contact], |r| r.get(0))?)
    }

    pub fn each_consent_record(
        &self,
        contact: Option<i64>,
        f: &mut dyn FnMut(ConsentRecord) -> Result<()>,
    ) -> Result<()> {
        let only = match contact {
            Some(_) => "contact_id = ?1",
            None => "?1 IS NULL",
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM consents WHERE {only} ORDER BY id"
        ))?;
        let mut rows = stmt.query([contact])?;
        while let Some(r) = rows.next()? {
            f(record(r)?)?;
        }
        Ok(())
    }

    pub fn insert_consent_record(&self, c: &ConsentRecord) -> Result<()> {
        self.conn.execute(
            &format!("INSERT INTO consents ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
            params![
                c.id,
                c.uid,
                c.contact_id,
                c.purpose,
                c.given_on,
                c.how,
                c.withdrawn_on,
                c.updated_at
            ],
        )?;
        Ok(())
    }
}
