//! Loyalty points: every change with its reason.

use super::{new_uid, Db};
use crate::error::Result;
use rusqlite::{params, OptionalExtension};
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
            "INSERT INTO loyalty_points (uid, contact_id, delta, reason, at, updated_at, id) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
            params![new_uid(), contact, delta, reason, now, self.new_id("loyalty_points")?],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Points a rule earned, at the time of what earned them.
    pub fn add_points_for(
        &self,
        contact: i64,
        delta: i64,
        reason: &str,
        at: &str,
        interaction: Option<i64>,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO loyalty_points (uid, contact_id, delta, reason, at, updated_at, interaction_id, id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![new_uid(), contact, delta, reason, at, self.now(), interaction, self.new_id("loyalty_points")?],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every contact with points: (contact, name, balance, earned, spent,
    /// last change), the largest balance first.
    #[allow(clippy::type_complexity)]
    pub fn points_balances(&self) -> Result<Vec<(i64, String, i64, i64, i64, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.contact_id, c.name, sum(p.delta), sum(max(p.delta, 0)), -sum(min(p.delta, 0)), max(p.at) \
             FROM loyalty_points p JOIN contacts c ON c.id = p.contact_id \
             GROUP BY p.contact_id ORDER BY sum(p.delta) DESC, p.contact_id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The id of a contact's first purchase.
    pub fn first_purchase(&self, contact: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM interactions WHERE contact_id = ?1 AND kind = 'purchase' ORDER BY at, id LIMIT 1",
            )?
            .query_row([contact], |r| r.get(0))
            .optional()?)
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
