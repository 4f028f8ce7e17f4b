//! What reports and scores read: journeys through the stages, purchases,
//! activity, feedback, referrals and the facts behind scores.

use super::Db;
use crate::clock::timestamp_date;
use crate::domain::score::Facts;
use crate::error::Result;
use chrono::{Days, NaiveDate};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct JourneyContact {
    pub id: i64,
    pub source: Option<String>,
    pub created_at: String,
    pub stage: String,
    pub referred_by: Option<i64>,
}

impl Db<'_> {
    /// Contacts added since `since` (all without it), and every stage move
    /// of theirs, oldest first.
    #[allow(clippy::type_complexity)]
    pub fn journeys(
        &self,
        since: Option<&str>,
    ) -> Result<(Vec<JourneyContact>, Vec<(i64, String, String)>)> {
        let since = since.unwrap_or("");
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.source, c.created_at, s.name, c.referred_by FROM contacts c \
             CROSS JOIN stages s ON s.id = c.stage_id WHERE c.created_at >= ?1 ORDER BY c.id",
        )?;
        let contacts = stmt
            .query_map([since], |r| {
                Ok(JourneyContact {
                    id: r.get(0)?,
                    source: r.get(1)?,
                    created_at: r.get(2)?,
                    stage: r.get(3)?,
                    referred_by: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT h.contact_id, h.to_stage, h.at FROM stage_history h \
             WHERE h.contact_id IN (SELECT id FROM contacts WHERE created_at >= ?1) ORDER BY h.contact_id, h.at, h.id",
        )?;
        let moves = stmt
            .query_map([since], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok((contacts, moves))
    }

    /// Revenue per customer since `since`: contact → (cents, orders).
    pub fn revenue_by_contact(&self, since: Option<&str>) -> Result<HashMap<i64, (i64, i64)>> {
        let mut stmt = self.conn.prepare(
            // The covering purchases index, walked in contact order: the
            // planner otherwise picks (kind, at) and reads every row.
            "SELECT contact_id, sum(amount_cents), count(*) FROM interactions INDEXED BY interactions_purchases \
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
            "SELECT day, sum(amount_cents), count(*) FROM interactions \
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
            "SELECT coalesce(sum(amount_cents), 0), coalesce(sum(CASE WHEN payment_due < ?2 THEN amount_cents END), 0) \
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

    /// The facts behind scores, for one contact or for everyone; the lead
    /// factors (recent interactions) only when asked, as they cost a scan.
    pub fn score_facts(
        &self,
        contact: Option<i64>,
        today: NaiveDate,
        with_lead: bool,
    ) -> Result<HashMap<i64, Facts>> {
        self.score_facts_where(contact, today, with_lead, false)
    }

    /// The facts of paying customers only (for `report at-risk`).
    pub fn paying_score_facts(&self, today: NaiveDate) -> Result<HashMap<i64, Facts>> {
        self.score_facts_where(None, today, false, true)
    }

    fn score_facts_where(
        &self,
        contact: Option<i64>,
        today: NaiveDate,
        with_lead: bool,
        only_paying: bool,
    ) -> Result<HashMap<i64, Facts>> {
        let day = |n: u64| {
            crate::clock::format_timestamp(crate::clock::local_to_utc(
                today
                    .checked_sub_days(Days::new(n))
                    .unwrap_or(today)
                    .and_time(chrono::NaiveTime::MIN),
            ))
        };
        // Every statement names ?9 (the contact, or a no-op), so each takes
        // the same nine parameters with or without one.
        let filter = |column: &str| match contact {
            Some(_) => format!(" AND {column} = ?9"),
            None => " AND ?9 = ?9".to_string(),
        };
        let id = contact.unwrap_or(0);
        let pipeline = self.pipeline()?;
        let paying = self.paying_stage()?;
        let paying_at = paying
            .as_ref()
            .and_then(|p| pipeline.iter().position(|s| s.eq_ignore_ascii_case(p)));
        let mut facts: HashMap<i64, Facts> = HashMap::new();
        let paying_filter = match (only_paying, paying_at) {
            (true, Some(p)) => format!(" AND s.position >= {p}"),
            (true, None) => " AND 0".to_string(),
            (false, _) => String::new(),
        };
        let sql = format!(
            "SELECT c.id, s.position, c.first_contact_at, c.last_contact_at, c.contact_count FROM contacts c \
             CROSS JOIN stages s ON s.id = c.stage_id WHERE 1{}{paying_filter}",
            filter("c.id")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params![id, id, id, id, id, id, id, id, id])?;
        while let Some(r) = rows.next()? {
            let position: i64 = r.get(1)?;
            let first: Option<String> = r.get(2)?;
            let last: Option<String> = r.get(3)?;
            let (paying, progress) = match paying_at {
                Some(p) => (
                    position as usize >= p,
                    if p == 0 {
                        1.0
                    } else {
                        position as f64 / p as f64
                    },
                ),
                None => (false, 0.0),
            };
            facts.insert(
                r.get(0)?,
                Facts {
                    paying,
                    progress: progress.min(1.0),
                    first_contact: first.as_deref().and_then(timestamp_date),
                    last_contact: last.as_deref().and_then(timestamp_date),
                    contacts: r.get(4)?,
                    ..Facts::default()
                },
            );
        }
        let today_text = today.to_string();
        let sql = format!(
            "SELECT contact_id, count(CASE WHEN at >= ?1 THEN 1 END), count(CASE WHEN at >= ?2 AND at < ?1 THEN 1 END), max(at), \
               count(CASE WHEN paid_at > payment_due AND paid_at >= ?4 THEN 1 END) \
             FROM interactions WHERE kind = 'purchase'{} GROUP BY contact_id",
            filter("contact_id")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params![
            day(182),
            day(365),
            today_text,
            day(365),
            id,
            id,
            id,
            id,
            id
        ])?;
        while let Some(r) = rows.next()? {
            if let Some(f) = facts.get_mut(&r.get(0)?) {
                f.purchases_recent = r.get(1)?;
                f.purchases_before = r.get(2)?;
                f.last_purchase = r
                    .get::<_, Option<String>>(3)?
                    .as_deref()
                    .and_then(timestamp_date);
                f.paid_late = r.get(4)?;
            }
        }
        // Unpaid invoices past their due date, the most overdue first.
        let sql = format!(
            "SELECT contact_id, id, payment_due FROM interactions \
             WHERE payment_due < ?1 AND paid_at IS NULL AND kind = 'purchase'{} ORDER BY payment_due, id",
            filter("contact_id")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params![today_text, id, id, id, id, id, id, id, id])?;
        while let Some(r) = rows.next()? {
            if let Some(f) = facts.get_mut(&r.get(0)?) {
                let due: String = r.get(2)?;
                if let Ok(due) = NaiveDate::parse_from_str(&due, "%Y-%m-%d") {
                    f.unpaid.push((r.get(1)?, due));
                }
            }
        }
        let sql = format!(
            "SELECT contact_id, count(*), min(at), id FROM interactions WHERE kind = 'ticket' AND resolved_at IS NULL{} \
             GROUP BY contact_id",
            filter("contact_id")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params![id, id, id, id, id, id, id, id, id])?;
        while let Some(r) = rows.next()? {
            if let Some(f) = facts.get_mut(&r.get(0)?) {
                f.open_tickets = r.get(1)?;
                let opened: Option<String> = r.get(2)?;
                f.oldest_ticket = opened
                    .as_deref()
                    .and_then(timestamp_date)
                    .map(|d| (r.get(3).unwrap_or(0), d));
            }
        }
        if with_lead {
            // For everyone, the covering index on recent interactions (the
            // planner would walk every interaction in contact order); for one
            // contact, its own index.
            let index = if contact.is_none() {
                "INDEXED BY interactions_recent"
            } else {
                ""
            };
            let sql = format!(
                "SELECT contact_id, count(*), count(CASE WHEN direction = 'in' THEN 1 END), count(CASE WHEN kind = 'meeting' THEN 1 END) \
                 FROM interactions {index} \
                 WHERE at >= ?1 AND kind <> 'note'{} GROUP BY contact_id",
                filter("contact_id")
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query(params![day(90), id, id, id, id, id, id, id, id])?;
            while let Some(r) = rows.next()? {
                if let Some(f) = facts.get_mut(&r.get(0)?) {
                    f.interactions_90d = r.get(1)?;
                    f.inbound_90d = r.get(2)?;
                    f.meetings_90d = r.get(3)?;
                }
            }
        }
        Ok(facts)
    }
}
