//! Loyalty points: every change with its reason.

use super::{new_uid, Db};
use crate::error::Result;
use rusqlite::params;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct PointsEntry {
    pub id: i64,
    pub delta: i64,
    pub reason: String,
    pub at: String,
}

impl Db<'_> {
    pub fn add_points(&self, contact: i64, delta: i64, reason: &str) -> Result<i64> {
        let now = self.now();
        self.conn.execute(
            "INSERT INTO loyalty_points (uid, contact_id, delta, reason, at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![new_uid(), contact, delta, reason, now],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn points_balance(&self, contact: i64) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT coalesce(sum(delta), 0) FROM loyalty_points WHERE contact_id = ?1",
            [contact],
            |r| r.get(0),
        )?)
    }

    pub fn points_history(&self, contact: i64) -> Result<Vec<PointsEntry>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, delta, reason, at FROM loyalty_points WHERE contact_id = ?1 ORDER BY at DESC, id DESC LIMIT 10")?;
        let rows = stmt
            .query_map([contact], |r| {
                Ok(PointsEntry {
                    id: r.get(0)?,
                    delta: r.get(1)?,
                    reason: r.get(2)?,
                    at: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
