//! Turns what the store reads into the reports and scores of
//! `domain::insight` and `domain::score`.

use crate::clock::{parse_timestamp, timestamp_date, Clock};
use crate::domain::config;
use crate::domain::insight::{
    self, ActivityRow, Advocate, Feedback, FunnelStage, Journey, Period, Revenue, SourceRow,
};
use crate::domain::score::{self, Score, Weights};
use crate::store::Db;
use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// Days since the Unix epoch, as a real number, for durations.
fn days(ts: &str) -> Option<f64> {
    parse_timestamp(ts).map(|t| t.timestamp() as f64 / 86_400.0)
}

fn journeys(
    db: &Db<'_>,
    since: Option<&str>,
) -> Result<(Vec<Journey>, Vec<crate::store::JourneyContact>, Vec<String>)> {
    let pipeline = db.pipeline()?;
    let (contacts, moves) = db.journeys(since)?;
    let mut by_contact: HashMap<i64, Vec<(String, f64)>> = HashMap::new();
    for (contact, to, at) in moves {
        if let Some(d) = days(&at) {
            by_contact.entry(contact).or_default().push((to, d));
        }
    }
    let journeys = contacts
        .iter()
        .map(|c| {
            let moves = by_contact.remove(&c.id).unwrap_or_default();
            insight::journey(
                c.id,
                c.source.clone(),
                c.stage.clone(),
                days(&c.created_at).unwrap_or(0.0),
                &moves,
                &pipeline,
            )
        })
        .collect();
    Ok((journeys, contacts, pipeline))
}

fn paying_position(db: &Db<'_>, pipeline: &[String]) -> Result<Option<usize>> {
    Ok(db
        .paying_stage()?
        .and_then(|p| pipeline.iter().position(|s| s.eq_ignore_ascii_case(&p))))
}

fn revenue_by_contact(db: &Db<'_>) -> Result<HashMap<i64, i64>> {
    let mut revenue = HashMap::new();
    for p in db.purchases(None)? {
        *revenue.entry(p.contact_id).or_default() += p.cents;
    }
    Ok(revenue)
}

pub fn funnel(db: &Db<'_>, since: Option<&str>) -> Result<Vec<FunnelStage>> {
    let (journeys, _, pipeline) = journeys(db, since)?;
    Ok(insight::funnel(&journeys, &pipeline))
}

pub fn sources(db: &Db<'_>, since: Option<&str>) -> Result<Vec<SourceRow>> {
    let (journeys, _, pipeline) = journeys(db, since)?;
    let paying = paying_position(db, &pipeline)?;
    Ok(insight::sources(
        &journeys,
        &pipeline,
        paying,
        &revenue_by_contact(db)?,
    ))
}

pub fn activity(db: &Db<'_>, since: Option<&str>, by: Period) -> Result<Vec<ActivityRow>> {
    let rows: Vec<_> = db
        .activity_days(since)?
        .into_iter()
        .filter_map(|(day, kind, channel, direction, n)| {
            NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                .ok()
                .map(|d| (d, kind, channel, direction, n))
        })
        .collect();
    Ok(insight::activity(&rows, by))
}

pub fn revenue(db: &Db<'_>, since: Option<&str>, by: Period, today: NaiveDate) -> Result<Revenue> {
    let (_, contacts, _) = journeys(db, None)?;
    let names: HashMap<i64, String> = contacts.into_iter().map(|c| (c.id, c.name)).collect();
    let purchases: Vec<_> = db
        .purchases(since)?
        .into_iter()
        .filter_map(|p| {
            let day = timestamp_date(&p.at)?;
            let unpaid = p.payment_due.is_some() && p.paid_at.is_none();
            let overdue = unpaid
                && p.payment_due
                    .as_deref()
                    .is_some_and(|d| d < today.to_string().as_str());
            Some((p.contact_id, p.cents, day, unpaid, overdue))
        })
        .collect();
    Ok(insight::revenue(&purchases, &names, by))
}

pub fn feedback(db: &Db<'_>, since: Option<&str>) -> Result<Feedback> {
    let rows: Vec<_> = db
        .feedback(since)?
        .into_iter()
        .filter_map(|(id, name, rating, comment, at)| {
            timestamp_date(&at).map(|d| (id, name, rating, comment, at, d))
        })
        .collect();
    Ok(insight::feedback(&rows))
}

pub fn advocates(db: &Db<'_>, since: Option<&str>) -> Result<Vec<Advocate>> {
    let (journeys, contacts, pipeline) = journeys(db, None)?;
    let paying_at = paying_position(db, &pipeline)?;
    let paying: HashMap<i64, bool> = journeys
        .iter()
        .map(|j| (j.contact, paying_at.is_some_and(|p| j.reached[p].is_some())))
        .collect();
    let since = since.unwrap_or("");
    let list: Vec<(i64, String, Option<i64>)> = contacts
        .into_iter()
        .map(|c| {
            // --since: referrals made (contacts added) since then.
            let referrer = c.referred_by.filter(|_| c.created_at.as_str() >= since);
            (c.id, c.name, referrer)
        })
        .collect();
    Ok(insight::advocates(&list, &paying, &revenue_by_contact(db)?))
}

/// The weights from `rapport config`, or their defaults.
pub fn weights(db: &Db<'_>) -> Result<Weights> {
    let get = |name: &str, default: f64| -> Result<f64> {
        let key = config::key(name).map_err(anyhow::Error::msg)?;
        Ok(db.setting_or_default(key)?.parse().unwrap_or(default))
    };
    let d = Weights::default();
    Ok(Weights {
        lead_recency: get("lead-recency", d.lead_recency)?,
        lead_engagement: get("lead-engagement", d.lead_engagement)?,
        lead_inbound: get("lead-inbound", d.lead_inbound)?,
        lead_meetings: get("lead-meetings", d.lead_meetings)?,
        lead_stage: get("lead-stage", d.lead_stage)?,
        health_rhythm: get("health-rhythm", d.health_rhythm)?,
        health_tickets: get("health-tickets", d.health_tickets)?,
        health_ticket_age: get("health-ticket-age", d.health_ticket_age)?,
        health_purchases: get("health-purchases", d.health_purchases)?,
        health_late_payments: get("health-late-payments", d.health_late_payments)?,
    })
}

/// One contact's score with its factors.
pub fn score_of(db: &Db<'_>, contact: i64, clock: Clock) -> Result<Option<Score>> {
    let facts = db.score_facts(Some(contact), clock.today(), true)?;
    let w = weights(db)?;
    Ok(facts
        .get(&contact)
        .map(|f| score::score(f, &w, clock.today())))
}

/// Every contact's score (for `list --sort score`).
pub fn all_scores(db: &Db<'_>, clock: Clock) -> Result<HashMap<i64, Score>> {
    let w = weights(db)?;
    let today = clock.today();
    Ok(db
        .score_facts(None, today, true)?
        .into_iter()
        .map(|(id, f)| (id, score::score(&f, &w, today)))
        .collect())
}

#[derive(Debug, Clone, Serialize)]
pub struct AtRisk {
    pub contact_id: i64,
    pub contact: String,
    pub health: f64,
    pub reasons: Vec<String>,
}

/// Paying customers whose health is below the threshold, worst first.
pub fn at_risk(db: &Db<'_>, clock: Clock) -> Result<Vec<AtRisk>> {
    let today = clock.today();
    let w = weights(db)?;
    let threshold: f64 = db
        .setting_or_default(config::key("health-threshold").map_err(anyhow::Error::msg)?)?
        .parse()
        .unwrap_or(50.0);
    let facts = db.score_facts(None, today, false)?;
    let mut rows = Vec::new();
    for (id, f) in facts.into_iter().filter(|(_, f)| f.paying) {
        let s = score::health(&f, &w, today);
        if s.score < threshold {
            rows.push((id, s));
        }
    }
    let mut out = Vec::new();
    for (id, s) in rows {
        let name = db.contact(id)?.map(|c| c.name).unwrap_or_default();
        let reasons = s
            .factors
            .iter()
            .filter(|f| f.points < 0.0)
            .map(|f| format!("{} ({:+})", f.detail, f.points))
            .collect();
        out.push(AtRisk {
            contact_id: id,
            contact: name,
            health: s.score,
            reasons,
        });
    }
    out.sort_by(|a, b| {
        a.health
            .total_cmp(&b.health)
            .then(a.contact_id.cmp(&b.contact_id))
    });
    Ok(out)
}
