//! Reports and scores: what the store reads, turned into the reports of
//! `domain::report`, the scores of `domain::score`, and the one list of
//! customers at risk (`domain::at_risk`) that `due` shows too.

use crate::clock::{parse_timestamp, Clock};
use crate::domain::report::{
    self as insight, ActivityRow, Advocate, Feedback, FunnelStage, Journey, Period, Revenue,
    SourceRow,
};
use crate::domain::score::{self, Score, Weights};
use crate::domain::settings;
use crate::error::Result;
use crate::store::Db;
use chrono::NaiveDate;
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
    // Both come ordered by contact: walk them together.
    let mut moves = moves.into_iter().peekable();
    let mut journeys = Vec::with_capacity(contacts.len());
    let mut mine: Vec<(String, f64)> = Vec::new();
    for c in &contacts {
        mine.clear();
        while let Some((contact, _, _)) = moves.peek() {
            if *contact > c.id {
                break;
            }
            if let Some((contact, to, at)) = moves.next() {
                if contact == c.id {
                    if let Some(d) = days(&at) {
                        mine.push((to, d));
                    }
                }
            }
        }
        let mut journey = insight::journey(
            c.id,
            c.source.clone(),
            c.stage.clone(),
            days(&c.created_at).unwrap_or(0.0),
            &mine,
            &pipeline,
        );
        journey.first_contact = c.first_contact_at.as_deref().and_then(days);
        journeys.push(journey);
    }
    Ok((journeys, contacts, pipeline))
}

fn paying_position(db: &Db<'_>, pipeline: &[String]) -> Result<Option<usize>> {
    Ok(db
        .paying_stage()?
        .and_then(|p| pipeline.iter().position(|s| s.eq_ignore_ascii_case(&p))))
}

pub fn funnel(db: &Db<'_>, since: Option<&str>) -> Result<Vec<FunnelStage>> {
    let (journeys, _, pipeline) = journeys(db, since)?;
    Ok(insight::funnel(&journeys, &pipeline))
}

pub fn sources(db: &Db<'_>, since: Option<&str>) -> Result<Vec<SourceRow>> {
    let (journeys, _, pipeline) = journeys(db, since)?;
    let paying = paying_position(db, &pipeline)?;
    let revenue: HashMap<i64, i64> = db
        .revenue_by_contact(None)?
        .into_iter()
        .map(|(id, (cents, _))| (id, cents))
        .collect();
    Ok(insight::sources(&journeys, &pipeline, paying, &revenue))
}

/// `report lost`: every loss since `since`, and whether it was won back.
pub fn lost(db: &Db<'_>, since: Option<&str>) -> Result<insight::LostReport> {
    let losses: Vec<insight::Loss> = db
        .losses(since)?
        .into_iter()
        .filter_map(|(from, at, reason, won_back)| {
            Some(insight::Loss {
                from,
                day: crate::clock::timestamp_date(&at)?,
                reason,
                won_back,
            })
        })
        .collect();
    Ok(insight::lost(&losses, &db.pipeline()?))
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
    let per_customer = db.revenue_by_contact(since)?;
    let per_day: Vec<(NaiveDate, i64, i64)> = db
        .revenue_by_day(since)?
        .into_iter()
        .filter_map(|(day, cents, n)| {
            NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                .ok()
                .map(|d| (d, cents, n))
        })
        .collect();
    let unpaid = db.unpaid(since, &today.to_string())?;
    let names = db.names(&insight::top_customers(&per_customer, 10))?;
    Ok(insight::revenue(
        &per_customer,
        &per_day,
        unpaid,
        &names,
        by,
    ))
}

pub fn feedback(db: &Db<'_>, since: Option<&str>) -> Result<Feedback> {
    let latest = db
        .latest_feedback(since, 10)?
        .into_iter()
        .map(
            |(contact_id, contact, rating, comment, at)| insight::Comment {
                contact_id,
                contact,
                rating,
                comment,
                at,
            },
        )
        .collect();
    Ok(insight::feedback(&db.feedback_months(since)?, latest))
}

pub fn advocates(db: &Db<'_>, since: Option<&str>) -> Result<Vec<Advocate>> {
    let referrals = db.referrals(since)?;
    let pipeline = db.pipeline()?;
    let paying_stages: Vec<String> = match paying_position(db, &pipeline)? {
        Some(p) => pipeline[p..].to_vec(),
        None => Vec::new(),
    };
    let referred: Vec<i64> = referrals.iter().map(|r| r.2).collect();
    let paying = db.ever_reached(&referred, &paying_stages)?;
    Ok(insight::advocates(
        &referrals,
        &paying,
        &db.revenue_by_contact(None)?,
    ))
}

/// The weights from `rapport config`, or their defaults.
pub fn weights(db: &Db<'_>) -> Result<Weights> {
    let get = |name: &str, default: f64| -> Result<f64> {
        Ok(db
            .setting_or_default(settings::key(name)?)?
            .parse()
            .unwrap_or(default))
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
        health_detractor: get("health-detractor", d.health_detractor)?,
        lead_promoter_referral: get("lead-promoter-referral", d.lead_promoter_referral)?,
    })
}

/// The facts behind scores, for one contact or for everyone.
fn facts(
    db: &Db<'_>,
    contact: Option<i64>,
    today: NaiveDate,
) -> Result<HashMap<i64, score::Facts>> {
    let pipeline = db.pipeline()?;
    let paying = paying_position(db, &pipeline)?;
    let positions = db.stage_positions(contact)?;
    let mut events = match contact {
        Some(id) => HashMap::from([(id, db.health_events(id)?)]),
        None => db.all_health_events()?,
    };
    let since = crate::clock::format_timestamp(crate::clock::local_to_utc(
        today
            .checked_sub_days(chrono::Days::new(90))
            .unwrap_or(today)
            .and_time(chrono::NaiveTime::MIN),
    ));
    let counts = db.recent_counts(contact, &since)?;
    let mut promoters = db.referred_by_promoters(contact)?;
    let lost = db.lost_contacts(contact)?;
    let mut all: HashMap<i64, score::Facts> = positions
        .into_iter()
        .map(|(id, position)| {
            let (is_paying, progress) = match paying {
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
            let (n, inbound, meetings) = counts.get(&id).copied().unwrap_or_default();
            let f = score::Facts {
                paying: is_paying,
                progress: progress.min(1.0),
                events: events.remove(&id).unwrap_or_default(),
                interactions_90d: n,
                inbound_90d: inbound,
                meetings_90d: meetings,
                referred_by_promoter: promoters.remove(&id),
                lost: None,
            };
            (id, f)
        })
        .collect();
    for (id, at, from, reason) in lost {
        let when = at.get(..10).unwrap_or(&at).to_string();
        let why = reason.map(|r| format!(": {r}")).unwrap_or_default();
        all.insert(
            id,
            score::Facts {
                lost: Some(format!("lost on {when} from {from}{why}")),
                ..score::Facts::default()
            },
        );
    }
    Ok(all)
}

/// One contact's score with its factors.
pub fn score_of(db: &Db<'_>, contact: i64, clock: Clock) -> Result<Option<Score>> {
    let today = clock.today();
    let w = weights(db)?;
    Ok(facts(db, Some(contact), today)?
        .get(&contact)
        .map(|f| score::score(f, &w, today)))
}

/// Every contact's score (for `list --sort score`).
pub fn all_scores(db: &Db<'_>, clock: Clock) -> Result<HashMap<i64, Score>> {
    let w = weights(db)?;
    let today = clock.today();
    Ok(facts(db, None, today)?
        .into_iter()
        .map(|(id, f)| (id, score::score(&f, &w, today)))
        .collect())
}

/// The health below which a paying customer is at risk.
pub fn health_threshold(db: &Db<'_>) -> Result<f64> {
    Ok(db
        .setting_or_default(settings::key("health-threshold")?)?
        .parse()
        .unwrap_or(50.0))
}
