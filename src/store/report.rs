//! What reports and scores read: journeys through the stages, purchases,
//! activity, feedback, referrals and the facts behind scores.

use super::Db;
use crate::clock::timestamp_date;
use crate::domain::score::HealthEvents;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

/// A lost contact: (id, when, the stage lost from, why).
pub type LostContact = (i64, String, String, Option<String>);

/// A contact's kept days at risk: (id, spells, the day they were computed).
/// (id, days at risk, computed on, score bound).
pub type KeptRisk = (i64, Option<String>, Option<String>, Option<f64>);

impl Db<'_> {
    /// Contacts added since `since` (all without it), and every stage move
    /// of theirs, oldest first.
    #[allow(clippy::type_complexity)]
    /// The contacts added since `since`, by id, handed to `each_contact`
    /// (id, source, created, stage id, first contact, cents spent), then every stage
    /// move of theirs to `each_move` (contact, to, at), by contact and time:
    /// read as they come, nothing held.
    pub fn journeys(
        &self,
        since: Option<&str>,
        each_contact: &mut dyn FnMut(i64, Option<&str>, &str, i64, Option<&str>, i64) -> Result<()>,
        each_move: &mut dyn FnMut(i64, &str, &str) -> Result<()>,
    ) -> Result<()> {
        let since = since.unwrap_or("");
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.source, c.created_at, c.stage_id, c.first_contact_at, c.revenue_cents FROM contacts c \
             WHERE c.created_at >= ?1 ORDER BY c.id",
        )?;
        let mut rows = stmt.query([since])?;
        while let Some(r) = rows.next()? {
            let text = |i: usize| -> rusqlite::Result<Option<&str>> {
                r.get_ref(i)?
                    .as_str_or_null()
                    .map_err(rusqlite::Error::from)
            };
            each_contact(
                r.get(0)?,
                text(1)?,
                text(2)?.unwrap_or_default(),
                r.get(3)?,
                text(4)?,
                r.get(5)?,
            )?;
        }
        // Everyone's moves in one walk of the journey index; with --since,
        // only those of the contacts added since.
        let mut stmt = self.conn.prepare(if since.is_empty() {
            "SELECT h.contact_id, h.to_stage, h.at FROM stage_history h \
             WHERE ?1 = '' ORDER BY h.contact_id, h.at, h.id"
        } else {
            "SELECT h.contact_id, h.to_stage, h.at FROM contacts c CROSS JOIN stage_history h ON h.contact_id = c.id \
             WHERE c.created_at >= ?1 ORDER BY h.contact_id, h.at, h.id"
        })?;
        let mut rows = stmt.query([since])?;
        while let Some(r) = rows.next()? {
            let to = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            let at = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
            each_move(r.get(0)?, to, at)?;
        }
        Ok(())
    }

    /// Revenue per customer since `since`: contact → (cents, orders).
    pub fn revenue_by_contact(&self, since: Option<&str>) -> Result<HashMap<i64, (i64, i64)>> {
        let mut stmt = self.conn.prepare(
            // The covering purchases index, walked in contact order: the
            // planner otherwise picks (kind, at) and reads every row.
            "SELECT contact_id, CAST(total(amount_cents) AS INTEGER), count(*) FROM interactions INDEXED BY interactions_purchases \
             WHERE kind = 'purchase' AND at >= ?1 GROUP BY contact_id",
        )?;
        let rows = stmt
            .query_map([since.unwrap_or("")], |r| {
                Ok((
                    r.get(0)?,
                    (r.get::<_, Option<i64>>(1)?.unwrap_or(0), r.get(2)?),
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Revenue per day (UTC): (day, cents, orders).
    pub fn revenue_by_day(&self, since: Option<&str>) -> Result<Vec<(String, i64, i64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT day, CAST(total(amount_cents) AS INTEGER), count(*) FROM interactions \
             WHERE kind = 'purchase' AND day >= substr(?1, 1, 10) GROUP BY day ORDER BY day",
        )?;
        let rows = stmt
            .query_map([since.unwrap_or("")], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                    r.get(2)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Invoiced and unpaid: (outstanding cents, late cents: past due by `today`).
    pub fn unpaid(&self, since: Option<&str>, today: &str) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT CAST(total(amount_cents) AS INTEGER), CAST(total(CASE WHEN payment_due < ?2 THEN amount_cents END) AS INTEGER) \
             FROM interactions WHERE payment_due IS NOT NULL AND paid_at IS NULL AND kind = 'purchase' AND at >= ?1",
            params![since.unwrap_or(""), today],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    pub fn name_and_do_not_contact(&self, id: i64) -> Result<Option<(String, bool)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT name, do_not_contact FROM contacts WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Contacts' names, for the few a report shows.
    pub fn names(&self, ids: &[i64]) -> Result<HashMap<i64, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name FROM contacts WHERE id = ?1")?;
        let mut names = HashMap::new();
        for id in ids {
            if let Some(name) = stmt.query_row([id], |r| r.get::<_, String>(0)).optional()? {
                names.insert(*id, name);
            }
        }
        Ok(names)
    }

    /// Interactions counted per day (UTC), kind, channel and direction.
    #[allow(clippy::type_complexity)]
    pub fn activity_days(
        &self,
        since: Option<&str>,
    ) -> Result<Vec<(String, String, Option<String>, Option<String>, i64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT day, kind, channel, direction, count(*) FROM interactions \
             WHERE day >= substr(?1, 1, 10) GROUP BY day, kind, channel, direction",
        )?;
        let rows = stmt
            .query_map([since.unwrap_or("")], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Feedback counted per month (UTC) and rating: (month, rating, count).
    pub fn feedback_months(&self, since: Option<&str>) -> Result<Vec<(String, Option<i64>, i64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT substr(day, 1, 7), rating, count(*) FROM interactions \
             WHERE kind = 'feedback' AND day >= substr(?1, 1, 10) GROUP BY 1, 2 ORDER BY 1",
        )?;
        let rows = stmt
            .query_map([since.unwrap_or("")], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The latest feedback: (contact, name, rating, summary, at), newest first.
    #[allow(clippy::type_complexity)]
    pub fn latest_feedback(
        &self,
        since: Option<&str>,
        limit: u32,
    ) -> Result<Vec<(i64, String, Option<i64>, String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT i.contact_id, c.name, i.rating, i.summary, i.at FROM interactions i JOIN contacts c ON c.id = i.contact_id \
             WHERE i.kind = 'feedback' AND i.at >= ?1 ORDER BY i.at DESC, i.id DESC LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![since.unwrap_or(""), limit], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Who referred whom (referrals made since `since`):
    /// (referrer, referrer's name, referred, referred's name).
    #[allow(clippy::type_complexity)]
    pub fn referrals(&self, since: Option<&str>) -> Result<Vec<(i64, String, i64, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.id, r.name, c.id, c.name FROM contacts c JOIN contacts r ON r.id = c.referred_by \
             WHERE c.referred_by IS NOT NULL AND c.created_at >= ?1 ORDER BY r.id, c.id",
        )?;
        let rows = stmt
            .query_map([since.unwrap_or("")], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Which of these contacts ever reached one of these stages.
    pub fn ever_reached(
        &self,
        ids: &[i64],
        stages: &[String],
    ) -> Result<std::collections::HashSet<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT 1 FROM stage_history WHERE contact_id = ?1 AND to_stage = ?2 LIMIT 1",
        )?;
        let mut found = std::collections::HashSet::new();
        for id in ids {
            for stage in stages {
                if stmt
                    .query_row(params![id, stage], |_| Ok(()))
                    .optional()?
                    .is_some()
                {
                    found.insert(*id);
                    break;
                }
            }
        }
        Ok(found)
    }

    /// What one contact's health is computed from.
    pub fn health_events(&self, contact: i64) -> Result<HealthEvents> {
        let mut all = self.events_where(Some(contact))?;
        Ok(all.remove(&contact).unwrap_or_default())
    }

    /// What every contact's health is computed from, in a few scans.
    pub fn all_health_events(&self) -> Result<HashMap<i64, HealthEvents>> {
        self.events_where(None)
    }

    fn events_where(&self, contact: Option<i64>) -> Result<HashMap<i64, HealthEvents>> {
        // ?1 is the contact, or every contact when NULL; two statements each,
        // so that the one-contact form uses the contact's index.
        let (one, all) = (" AND contact_id = ?1", " AND ?1 IS NULL");
        let filter = if contact.is_some() { one } else { all };
        let mut events: HashMap<i64, HealthEvents> = HashMap::new();
        let sql = format!(
            "SELECT id, first_contact_at, last_contact_at, contact_count FROM contacts WHERE 1{}",
            filter.replace("contact_id", "id")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([contact])?;
        while let Some(r) = rows.next()? {
            let first: Option<String> = r.get(1)?;
            let last: Option<String> = r.get(2)?;
            events.insert(
                r.get(0)?,
                HealthEvents {
                    first_contact: first.as_deref().and_then(timestamp_date),
                    last_contact: last.as_deref().and_then(timestamp_date),
                    contacts: r.get(3)?,
                    ..HealthEvents::default()
                },
            );
        }
        let date = |text: Option<String>| text.as_deref().and_then(timestamp_date);
        let day = |text: String| NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
        let mut each = |sql: String,
                        f: &mut dyn FnMut(&mut HealthEvents, &rusqlite::Row<'_>) -> Result<()>|
         -> Result<()> {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query([contact])?;
            while let Some(r) = rows.next()? {
                if let Some(e) = events.get_mut(&r.get(0)?) {
                    f(e, r)?;
                }
            }
            Ok(())
        };
        each(
            format!("SELECT contact_id, at FROM interactions WHERE kind = 'purchase'{filter} ORDER BY contact_id, at"),
            &mut |e, r| {
                e.purchases.extend(date(r.get(1)?));
                Ok(())
            },
        )?;
        each(
            format!(
                "SELECT contact_id, id, payment_due FROM interactions \
                 WHERE payment_due IS NOT NULL AND paid_at IS NULL AND kind = 'purchase'{filter} ORDER BY payment_due, id"
            ),
            &mut |e, r| {
                if let Some(due) = day(r.get(2)?) {
                    e.unpaid.push((r.get(1)?, due));
                }
                Ok(())
            },
        )?;
        each(
            format!(
                "SELECT contact_id, paid_at, payment_due FROM interactions \
                 WHERE payment_due IS NOT NULL AND paid_at IS NOT NULL AND kind = 'purchase'{filter}"
            ),
            &mut |e, r| {
                let paid: Option<String> = r.get(1)?;
                let due: String = r.get(2)?;
                if let (Some(paid), Some(due)) = (date(paid), day(due)) {
                    if paid > due {
                        e.paid_late.push(paid);
                    }
                }
                Ok(())
            },
        )?;
        // Ratings of the last 180 days: health on any day reads the latest
        // within 90 days of it, and looks back at most 90 days from today.
        let recent = crate::clock::format_timestamp(self.clock.now() - chrono::Duration::days(180));
        let recent_filter = format!(" AND at >= '{recent}'");
        // Everyone's from the ratings' own index; one contact's from theirs.
        let rated = if contact.is_some() {
            ""
        } else {
            " INDEXED BY interactions_rated"
        };
        each(
            format!(
                "SELECT contact_id, at, rating FROM interactions{rated} \
                 WHERE kind = 'feedback' AND rating IS NOT NULL{recent_filter}{filter} ORDER BY at"
            ),
            &mut |e, r| {
                if let Some(d) = date(r.get(1)?) {
                    e.ratings.push((d, r.get(2)?));
                }
                Ok(())
            },
        )?;
        each(
            format!(
                "SELECT contact_id, id, at FROM interactions \
                 WHERE kind = 'ticket' AND resolved_at IS NULL{filter} ORDER BY at, id"
            ),
            &mut |e, r| {
                if let Some(opened) = date(r.get(2)?) {
                    e.open_tickets.push((r.get(1)?, opened));
                }
                Ok(())
            },
        )?;
        Ok(events)
    }

    /// Each contact's stage position, for those in the pipeline (a lost
    /// contact has no place in it): (contact, position).
    pub fn stage_positions(&self, contact: Option<i64>) -> Result<HashMap<i64, i64>> {
        // One contact is found by its id; `?1 IS NULL OR c.id = ?1` would
        // walk everyone's for each (as list --sort score --limit did).
        let mut stmt = self.conn.prepare_cached(match contact {
            None => "SELECT c.id, s.position FROM contacts c INDEXED BY contacts_journey CROSS JOIN stages s ON s.id = c.stage_id \
                     WHERE ?1 IS NULL AND c.lost_at IS NULL",
            Some(_) => "SELECT c.id, s.position FROM contacts c JOIN stages s ON s.id = c.stage_id \
                        WHERE c.id = ?1 AND c.lost_at IS NULL",
        })?;
        let rows = stmt
            .query_map([contact], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every loss since `since`: (stage lost from, when, why, won back since).
    #[allow(clippy::type_complexity)]
    pub fn losses(
        &self,
        since: Option<&str>,
    ) -> Result<Vec<(String, String, Option<String>, bool)>> {
        let mut stmt = self.conn.prepare(
            "SELECT h.from_stage, h.at, h.reason, EXISTS (SELECT 1 FROM stage_history w \
               WHERE w.contact_id = h.contact_id AND w.from_stage = 'lost' AND w.id > h.id) \
             FROM stage_history h WHERE h.to_stage = 'lost' AND h.from_stage IS NOT NULL AND h.at >= ?1 ORDER BY h.at, h.id",
        )?;
        let rows = stmt
            .query_map([since.unwrap_or("")], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Lost contacts: (contact, when, from which stage, why).
    pub fn lost_contacts(&self, contact: Option<i64>) -> Result<Vec<LostContact>> {
        let mut stmt = self.conn.prepare_cached(
            match contact {
                None => "SELECT c.id, c.lost_at, s.name, c.lost_reason FROM contacts c JOIN stages s ON s.id = c.stage_id \
                         WHERE c.lost_at IS NOT NULL AND ?1 IS NULL",
                Some(_) => "SELECT c.id, c.lost_at, s.name, c.lost_reason FROM contacts c JOIN stages s ON s.id = c.stage_id \
                            WHERE c.id = ?1 AND c.lost_at IS NOT NULL",
            },
        )?;
        let rows = stmt
            .query_map([contact], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Contacts whose referrer's latest rating is a promoter's (9–10):
    /// (contact, "#id Name" of the referrer).
    pub fn referred_by_promoters(&self, contact: Option<i64>) -> Result<HashMap<i64, String>> {
        let mut stmt = self.conn.prepare_cached(match contact {
            None => "SELECT c.id, '#' || r.id || ' ' || r.name FROM contacts c JOIN contacts r ON r.id = c.referred_by \
                     WHERE ?1 IS NULL AND (SELECT i.rating FROM interactions i \
                       WHERE i.contact_id = r.id AND i.kind = 'feedback' AND i.rating IS NOT NULL \
                       ORDER BY i.at DESC, i.id DESC LIMIT 1) >= 9",
            Some(_) => "SELECT c.id, '#' || r.id || ' ' || r.name FROM contacts c JOIN contacts r ON r.id = c.referred_by \
                        WHERE c.id = ?1 AND (SELECT i.rating FROM interactions i \
                          WHERE i.contact_id = r.id AND i.kind = 'feedback' AND i.rating IS NOT NULL \
                          ORDER BY i.at DESC, i.id DESC LIMIT 1) >= 9",
        })?;
        let rows = stmt
            .query_map([contact], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Interactions (all, inbound, meetings) since `since` per contact:
    /// what a lead score counts.
    pub fn recent_counts(
        &self,
        contact: Option<i64>,
        since: &str,
    ) -> Result<HashMap<i64, (i64, i64, i64)>> {
        // For everyone, the covering index on recent interactions (the
        // planner would walk every interaction in contact order); for one
        // contact, its own index.
        let sql = match contact {
            None => "SELECT contact_id, count(*), count(CASE WHEN direction = 'in' THEN 1 END), count(CASE WHEN kind = 'meeting' THEN 1 END) \
                     FROM interactions INDEXED BY interactions_recent \
                     WHERE at >= ?1 AND kind <> 'note' AND ?2 IS NULL GROUP BY contact_id",
            Some(_) => "SELECT contact_id, count(*), count(CASE WHEN direction = 'in' THEN 1 END), count(CASE WHEN kind = 'meeting' THEN 1 END) \
                        FROM interactions WHERE at >= ?1 AND kind <> 'note' AND contact_id = ?2 GROUP BY contact_id",
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map(params![since, contact], |r| {
                Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Keeps a contact's days at risk and score bound, as computed on `checked`.
    pub fn set_risk(
        &self,
        contact: i64,
        spells: Option<&str>,
        checked: &str,
        score_bound: Option<f64>,
    ) -> Result<()> {
        let from = spells.and_then(|s| s.get(..10));
        self.conn
            .prepare_cached(
                "UPDATE contacts SET risk = ?1, risk_from = ?2, risk_checked = ?3, score_bound = ?5 WHERE id = ?4",
            )?
            .execute(params![spells, from, checked, contact, score_bound])?;
        Ok(())
    }

    /// A contact's score bound alone (added: days at risk known to be none).
    /// New contacts grouped by what their first score depends on: (stage
    /// position, referred by a promoter, their ids as a JSON array). Reads
    /// only them, and holds no more than their ids.
    pub fn new_contact_groups(&self, contacts: &[i64]) -> Result<Vec<(i64, bool, String)>> {
        let ids = serde_json::to_string(contacts).map_err(|e| crate::internal!("{e}"))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.position, coalesce((SELECT i.rating FROM interactions i \
                 WHERE i.contact_id = c.referred_by AND i.kind = 'feedback' AND i.rating IS NOT NULL \
                 ORDER BY i.at DESC, i.id DESC LIMIT 1) >= 9, 0) AS promoted, json_group_array(c.id) \
             FROM contacts c JOIN stages s ON s.id = c.stage_id \
             WHERE c.id IN (SELECT value FROM json_each(?1)) AND c.lost_at IS NULL \
             GROUP BY 1, 2",
        )?;
        let rows = stmt
            .query_map([ids], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// One bound for many contacts (a JSON array of ids), in one statement.
    pub fn set_score_bounds(&self, ids: &str, score_bound: Option<f64>) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE contacts SET score_bound = ?1 WHERE id IN (SELECT value FROM json_each(?2))",
            )?
            .execute(params![score_bound, ids])?;
        Ok(())
    }

    pub fn set_score_bound(&self, contact: i64, score_bound: Option<f64>) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE contacts SET score_bound = ?1 WHERE id = ?2")?
            .execute(params![score_bound, contact])?;
        Ok(())
    }

    /// Contacts at risk at some point from the start of what was computed
    /// to `day`, in the order their first spell began: (id, name, dnc,
    /// spells, computed on).
    #[allow(clippy::type_complexity)]
    pub fn risk_candidates(
        &self,
        day: &str,
    ) -> Result<Vec<(i64, String, bool, String, Option<String>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, do_not_contact, risk, risk_checked FROM contacts \
             WHERE risk_from <= ?1 ORDER BY risk_from, id",
        )?;
        let rows = stmt
            .query_map([day], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Contacts whose days at risk were never computed, or before `before`.
    pub fn risk_stale(&self, before: &str) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM contacts WHERE risk_checked IS NULL OR risk_checked < ?1",
        )?;
        let rows = stmt
            .query_map([before], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The contacts `ids` referred: a referrer's rating moves their lead
    /// score.
    pub fn referred_by_any(&self, ids: &[i64]) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM contacts WHERE referred_by = ?1")?;
        let mut out = Vec::new();
        for id in ids {
            for r in stmt.query_map([id], |r| r.get(0))? {
                out.push(r?);
            }
        }
        Ok(out)
    }

    /// Every contact with days at risk kept: for `check` to recompute.
    pub fn kept_risks(&self) -> Result<Vec<KeptRisk>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, risk, risk_checked, score_bound FROM contacts ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
