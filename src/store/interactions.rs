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
                "INSERT INTO interactions (uid, contact_id, kind, summary, channel, at, amount_cents, rating, created_at, updated_at, payment_due, direction, day, id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, substr(?6, 1, 10), ?12)",
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
                new.direction.as_deref().or(new.kind.default_direction()),
                self.new_id("interactions")?
            ])?;
        let id = self.conn.last_insert_rowid();
        self.index_interaction(id)?;
        self.touch(new.contact_id);
        if let (Kind::Purchase, Some(amount)) = (new.kind, new.amount) {
            self.conn
                .prepare_cached(
                    "UPDATE contacts SET revenue_cents = CAST(min(revenue_cents + ?1, 9223372036854775807) AS INTEGER) WHERE id = ?2",
                )?
                .execute(params![amount.0, new.contact_id])?;
        }
        if new.kind.is_contact() {
            self.conn
                .prepare_cached(
                    // Days with contact: a second interaction the same
                    // (UTC) day does not count again.
                    "UPDATE contacts SET contact_count = contact_count + NOT EXISTS (SELECT 1 FROM interactions \
                         WHERE contact_id = ?2 AND at >= substr(?1, 1, 10) AND at < substr(?1, 1, 10) || 'U' \
                         AND kind <> 'note' AND id <> ?3), \
                       last_contact_at = CASE WHEN last_contact_at IS NULL OR last_contact_at < ?1 THEN ?1 ELSE last_contact_at END, \
                       first_contact_at = CASE WHEN first_contact_at IS NULL OR first_contact_at > ?1 THEN ?1 ELSE first_contact_at END \
                     WHERE id = ?2",
                )?
                .execute(params![new.at, new.contact_id, id])?;
        }
        Ok(id)
    }

    /// Every interaction in id order, in one streaming query.
    /// Every interaction in id order, of everyone or of one contact.
    pub fn each_interaction(
        &self,
        contact: Option<i64>,
        f: &mut dyn FnMut(Interaction) -> Result<()>,
    ) -> Result<()> {
        let only = match contact {
            Some(_) => "i.contact_id = ?1",
            None => "?1 IS NULL",
        };
        let sql = format!("SELECT {COLUMNS} FROM interactions i JOIN contacts c ON c.id = i.contact_id WHERE {only} ORDER BY i.id");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([contact])?;
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
            // CROSS JOIN keeps interactions outermost: the latest are read
            // from the index by time, not all sorted.
            None => format!(
                "SELECT {COLUMNS} FROM interactions i CROSS JOIN contacts c ON c.id = i.contact_id \
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

    /// A contact's purchases in all: (cents, orders).
    pub fn lifetime_value(&self, contact: i64) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT CAST(total(amount_cents) AS INTEGER), count(*) FROM interactions WHERE contact_id = ?1 AND kind = 'purchase'",
            [contact],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// A contact's invoiced purchases not paid yet, earliest due first.
    pub fn open_invoices(&self, contact: i64) -> Result<Vec<Interaction>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM interactions i JOIN contacts c ON c.id = i.contact_id \
             WHERE i.contact_id = ?1 AND i.kind = 'purchase' AND i.payment_due IS NOT NULL AND i.paid_at IS NULL \
             ORDER BY i.payment_due, i.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([contact], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Marks an invoiced purchase paid.
    pub fn mark_paid(&self, id: i64, at: &str) -> Result<()> {
        let contact: i64 = self.conn.query_row(
            "UPDATE interactions SET paid_at = ?1, updated_at = ?2 WHERE id = ?3 RETURNING contact_id",
            params![at, self.now(), id],
            |r| r.get(0),
        )?;
        self.touch(contact);
        Ok(())
    }

    /// Recomputes what a contact's interactions sum up to.
    pub(super) fn refresh_contact_rhythm(&self, contact: i64) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE contacts SET \
                   last_contact_at = (SELECT max(at) FROM interactions WHERE contact_id = ?1 AND kind <> 'note'), \
                   first_contact_at = (SELECT min(at) FROM interactions WHERE contact_id = ?1 AND kind <> 'note'), \
                   contact_count = (SELECT count(DISTINCT day) FROM interactions WHERE contact_id = ?1 AND kind <> 'note'), \
                   revenue_cents = (SELECT CAST(total(amount_cents) AS INTEGER) FROM interactions WHERE contact_id = ?1 AND kind = 'purchase') \
                 WHERE id = ?1",
            )?
            .execute([contact])?;
        self.touch(contact);
        Ok(())
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
            if let Some(i) = self.interaction(id)? {
                self.touch(i.contact_id);
            }
            Ok(())
        } else {
            Err(crate::refused!("ticket #{id} is not open"))
        }
    }
}
