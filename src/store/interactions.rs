//! Interactions and the support tickets among them.

use super::{new_uid, Db};
use crate::domain::interaction::{Cents, Interaction, Kind};
use crate::error::Result;
use rusqlite::{params, OptionalExtension, Row};

const COLUMNS: &str = "i.id, i.uid, i.contact_id, c.name, i.kind, i.summary, i.channel, i.at, \
     i.amount_cents, i.rating, i.resolved_at, i.resolution, i.created_at, i.updated_at, i.payment_due, i.paid_at, i.direction";

/// An interaction about to be logged, already validated.
#[derive(Debug, Clone)]
pub struct NewInteraction {
    pub contact_id: i64,
    pub kind: Kind,
    pub summary: String,
    pub channel: Option<String>,
    pub at: String,
    pub amount: Option<Cents>,
    pub rating: Option<u8>,
    /// For an invoiced purchase: the day payment is due.
    pub payment_due: Option<String>,
    /// `in` or `out`, when known.
    pub direction: Option<String>,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Interaction> {
    let kind: String = r.get(4)?;
    Ok(Interaction {
        id: r.get(0)?,
        uid: r.get(1)?,
        contact_id: r.get(2)?,
        contact: r.get(3)?,
        kind: Kind::parse(&kind).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                4,
                rusqlite::types::Type::Text,
                e.to_string().into(),
            )
        })?,
        summary: r.get(5)?,
        channel: r.get(6)?,
        at: r.get(7)?,
        amount: r.get::<_, Option<i64>>(8)?.map(Cents),
        rating: r.get(9)?,
        resolved_at: r.get(10)?,
        resolution: r.get(11)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
        payment_due: r.get(14)?,
        paid_at: r.get(15)?,
        direction: r.get(16)?,
    })
}

impl Db<'_> {
    pub fn insert_interaction(&self, new: &NewInteraction) -> Result<i64> {
        let now = self.now();
        self.conn
            .prepare_cached(
                "INSERT INTO interactions (uid, contact_id, kind, summary, channel, at, amount_cents, rating, created_at, updated_at, payment_due, direction, day) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, substr(?6, 1, 10))",
            )?
            .execute(params![
                new_uid(),
                new.contact_id,
                new.kind.as_str(),
                new.summary,
                new.channel,
                new.at,
                new.amount.map(|c| c.0),
                new.rating,
                now,
                new.payment_due,
                new.direction.as_deref().or(new.kind.default_direction())
            ])?;
        let id = self.conn.last_insert_rowid();
        self.index_interaction(id)?;
        if new.kind.is_contact() {
            self.conn
                .prepare_cached(
                    "UPDATE contacts SET contact_count = contact_count + 1, \
                       last_contact_at = CASE WHEN last_contact_at IS NULL OR last_contact_at < ?1 THEN ?1 ELSE last_contact_at END, \
                       first_contact_at = CASE WHEN first_contact_at IS NULL OR first_contact_at > ?1 THEN ?1 ELSE first_contact_at END \
                     WHERE id = ?2",
                )?
                .execute(params![new.at, new.contact_id])?;
            self.refresh_rhythm_alarm(Some(new.contact_id))?;
        }
        Ok(id)
    }

    /// Every interaction in id order, in one streaming query.
    pub fn each_interaction(&self, f: &mut dyn FnMut(Interaction) -> Result<()>) -> Result<()> {
        let sql = format!("SELECT {COLUMNS} FROM interactions i JOIN contacts c ON c.id = i.contact_id ORDER BY i.id");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(from_row(r)?)?;
        }
        Ok(())
    }

    pub fn interaction(&self, id: i64) -> Result<Option<Interaction>> {
        let sql = format!("SELECT {COLUMNS} FROM interactions i JOIN contacts c ON c.id = i.contact_id WHERE i.id = ?1");
        Ok(self.conn.query_row(&sql, [id], from_row).optional()?)
    }

    /// The latest interactions, newest first: of one contact, or of everyone.
    pub fn recent_interactions(
        &self,
        contact: Option<i64>,
        limit: u32,
    ) -> Result<Vec<Interaction>> {
        let sql = match contact {
            Some(_) => format!(
                "SELECT {COLUMNS} FROM interactions i JOIN contacts c ON c.id = i.contact_id \
                 WHERE i.contact_id = ?1 ORDER BY i.at DESC, i.id DESC LIMIT ?2"
            ),
            None => format!(
                "SELECT {COLUMNS} FROM interactions i JOIN contacts c ON c.id = i.contact_id \
                 WHERE ?1 IS NULL ORDER BY i.at DESC, i.id DESC LIMIT ?2"
            ),
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![contact, limit], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn interaction_count(&self, contact: i64) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM interactions WHERE contact_id = ?1",
            [contact],
            |r| r.get(0),
        )?)
    }

    pub fn open_tickets(&self, contact: i64) -> Result<Vec<Interaction>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM interactions i JOIN contacts c ON c.id = i.contact_id \
             WHERE i.contact_id = ?1 AND i.kind = 'ticket' AND i.resolved_at IS NULL ORDER BY i.at"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([contact], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Marks an invoiced purchase paid.
    pub fn mark_paid(&self, id: i64, at: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE interactions SET paid_at = ?1, updated_at = ?2 WHERE id = ?3",
            params![at, self.now(), id],
        )?;
        Ok(())
    }

    /// Recomputes what a contact's interactions sum up to.
    pub(super) fn refresh_contact_rhythm(&self, contact: i64) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE contacts SET \
                   last_contact_at = (SELECT max(at) FROM interactions WHERE contact_id = ?1 AND kind <> 'note'), \
                   first_contact_at = (SELECT min(at) FROM interactions WHERE contact_id = ?1 AND kind <> 'note'), \
                   contact_count = (SELECT count(*) FROM interactions WHERE contact_id = ?1 AND kind <> 'note') \
                 WHERE id = ?1",
            )?
            .execute([contact])?;
        self.refresh_rhythm_alarm(Some(contact))
    }

    /// Recomputes `rhythm_alarm` from the rhythm and the at-risk settings,
    /// for one contact or (after the settings change) for all.
    pub fn refresh_rhythm_alarm(&self, contact: Option<i64>) -> Result<()> {
        // Two statements: "id = ?1 OR ?1 IS NULL" would not use the key.
        let sql = |filter: &str| {
            format!(
                "UPDATE contacts SET rhythm_alarm = CASE WHEN contact_count >= 3 THEN \
                   date(last_contact_at, printf('%+d days', max( \
                     coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'at-risk-quiet-days'), 21), \
                     CAST(coalesce((SELECT CAST(value AS REAL) FROM settings WHERE key = 'at-risk-factor'), 3) \
                       * (julianday(last_contact_at) - julianday(first_contact_at)) / (contact_count - 1) AS INTEGER)) - 1)) \
                 END {filter}"
            )
        };
        match contact {
            Some(id) => self
                .conn
                .prepare_cached(&sql("WHERE id = ?1"))?
                .execute([id])?,
            None => self.conn.prepare_cached(&sql(""))?.execute([])?,
        };
        Ok(())
    }

    /// Paying customers whose rhythm alarm has gone off by `cutoff` (today):
    /// (contact, name, do not contact, first, last, count).
    #[allow(clippy::type_complexity)]
    pub fn quiet_customers(
        &self,
        stages: &[String],
        cutoff: &str,
    ) -> Result<Vec<(i64, String, bool, String, String, i64)>> {
        let mut ids = Vec::new();
        for s in stages {
            ids.push(self.stage_id(s)?.0.to_string());
        }
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT id, name, do_not_contact, first_contact_at, last_contact_at, contact_count FROM contacts \
             WHERE rhythm_alarm <= ?1 AND stage_id IN ({})",
            ids.join(",")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([cutoff], |r| {
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

    /// Open tickets opened before `cutoff`: (contact, name, dnc, ticket, opened, summary).
    #[allow(clippy::type_complexity)]
    pub fn open_tickets_before(
        &self,
        cutoff: &str,
    ) -> Result<Vec<(i64, String, bool, i64, String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.do_not_contact, i.id, i.at, i.summary FROM interactions i JOIN contacts c ON c.id = i.contact_id \
             WHERE i.kind = 'ticket' AND i.resolved_at IS NULL AND i.at < ?1 ORDER BY i.at",
        )?;
        let rows = stmt
            .query_map([cutoff], |r| {
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

    /// Unpaid purchases due before `today`: (contact, name, dnc, purchase, due).
    #[allow(clippy::type_complexity)]
    pub fn late_payments(&self, today: &str) -> Result<Vec<(i64, String, bool, i64, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.do_not_contact, i.id, i.payment_due FROM interactions i JOIN contacts c ON c.id = i.contact_id \
             WHERE i.payment_due < ?1 AND i.paid_at IS NULL ORDER BY i.payment_due",
        )?;
        let rows = stmt
            .query_map([today], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn resolve_ticket(&self, id: i64, at: &str, note: Option<&str>) -> Result<()> {
        self.unindex_interaction(id)?;
        let changed = self.conn.execute(
            "UPDATE interactions SET resolved_at = ?1, resolution = ?2, updated_at = ?3 \
             WHERE id = ?4 AND kind = 'ticket' AND resolved_at IS NULL",
            params![at, note, self.now(), id],
        )?;
        self.index_interaction(id)?;
        if changed == 1 {
            Ok(())
        } else {
            Err(crate::refused!("ticket #{id} is not open"))
        }
    }
}
