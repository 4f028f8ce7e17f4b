//! Reports and scores: what the store reads, turned into the reports of
//! `domain::report`, the scores of `domain::score`, and the one list of
//! customers at risk (`domain::at_risk`) that `due` shows too.

use crate::clock::{parse_timestamp, Clock};
use crate::domain::report::{
    self as insight, ActivityRow, Advocate, Feedback, FunnelStage, Journey, Period, Revenue,
    SourceRow, Step,
};
use crate::domain::score::{self, Score, Weights};
use crate::domain::settings;
use crate::error::Result;
use crate::store::Db;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Days since the Unix epoch, as a real number, for durations. The stored
/// form (`2026-11-23T09:00:00Z`) is read directly (a report reads a
/// hundred thousand of them); anything else by chrono.
fn days(ts: &str) -> Option<f64> {
    let b = ts.as_bytes();
    if b.len() == 20 && b[4] == b'-' && b[7] == b'-' && b[10] == b'T' && b[19] == b'Z' {
        let n = |r: std::ops::Range<usize>| -> Option<i64> {
            b[r].iter().try_fold(0i64, |acc, c| {
                c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
            })
        };
        let (y, m, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        let seconds = n(11..13)? * 3600 + n(14..16)? * 60 + n(17..19)?;
        return Some(days_from_civil(y, m, d) as f64 + seconds as f64 / 86_400.0);
    }
    parse_timestamp(ts).map(|t| t.timestamp() as f64 / 86_400.0)
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Each journey (of the contacts added since `since`) handed to `visit`
/// in turn, none kept; returns the source names journeys index, and the
/// pipeline.
fn journeys(
    db: &Db<'_>,
    since: Option<&str>,
    visit: &mut dyn FnMut(&Journey),
) -> Result<(Vec<String>, Vec<String>)> {
    /// A contact as read, before their moves.
    struct Base {
        id: i64,
        source: Option<usize>,
        stage: Option<usize>,
        start: f64,
        first_contact: Option<f64>,
        revenue: i64,
    }
    let pipeline = db.pipeline()?;
    let positions: HashMap<i64, usize> = db
        .stage_ids_in_order()?
        .into_iter()
        .enumerate()
        .map(|(p, id)| (id, p))
        .collect();
    let mut names: Vec<String> = Vec::new();
    let mut bases: Vec<Base> = Vec::new();
    // Moves as two columns, so that a contact's are one slice of `steps`.
    let (mut owners, mut steps): (Vec<i64>, Vec<Step>) = (Vec::new(), Vec::new());
    db.journeys(
        since,
        &mut |id, source, created, stage_id, first_contact, revenue| {
            let source = source.map(|s| match names.iter().position(|n| n == s) {
                Some(i) => i,
                None => {
                    names.push(s.to_string());
                    names.len() - 1
                }
            });
            bases.push(Base {
                id,
                source,
                stage: positions.get(&stage_id).copied(),
                start: days(created).unwrap_or(0.0),
                first_contact: first_contact.and_then(days),
                revenue,
            });
            Ok(())
        },
        &mut |contact, to, when| {
            if let Some(d) = days(when) {
                owners.push(contact);
                steps.push(Step::of(to, d, &pipeline));
            }
            Ok(())
        },
    )?;
    // Both by contact: each contact's moves are the run with their id.
    let mut m = 0;
    for b in bases {
        while m < owners.len() && owners[m] < b.id {
            m += 1;
        }
        let from = m;
        while m < owners.len() && owners[m] == b.id {
            m += 1;
        }
        let mut j = insight::journey(
            b.id,
            b.source,
            b.stage,
            b.start,
            &steps[from..m],
            pipeline.len(),
        );
        j.first_contact = b.first_contact;
        j.revenue = b.revenue;
        visit(&j);
    }
    Ok((names, pipeline))
}

fn paying_position(db: &Db<'_>, pipeline: &[String]) -> Result<Option<usize>> {
    Ok(db
        .paying_stage()?
        .and_then(|p| pipeline.iter().position(|s| s.eq_ignore_ascii_case(&p))))
}

pub fn funnel(db: &Db<'_>, since: Option<&str>) -> Result<Vec<FunnelStage>> {
    let stages = db.pipeline()?.len();
    let mut f = insight::Funnel::new(stages);
    let (_, pipeline) = journeys(db, since, &mut |j| f.add(j))?;
    Ok(f.finish(&pipeline))
}

pub fn sources(db: &Db<'_>, since: Option<&str>) -> Result<Vec<SourceRow>> {
    let pipeline = db.pipeline()?;
    let paying = paying_position(db, &pipeline)?;
    let mut s = insight::Sources::new(pipeline.len(), paying);
    let (names, pipeline) = journeys(db, since, &mut |j| s.add(j))?;
    Ok(s.finish(&names, &pipeline))
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
pub(crate) fn facts(
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
            let (n, inbound, meetings) = counts.get(&id).copied().unwrap_or_default();
            let f = score::Facts {
                events: events.remove(&id).unwrap_or_default(),
                interactions_90d: n,
                inbound_90d: inbound,
                meetings_90d: meetings,
                referred_by_promoter: promoters.remove(&id),
                ..journey_facts(paying, position)
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

/// A new contact's first score in `stage` (None: the first stage), with
/// nothing happened to them and no referrer: once per stage per write.
pub(crate) fn first_score_in(db: &Db<'_>, stage: Option<&str>) -> Result<Option<f64>> {
    let key = stage.unwrap_or_default().to_lowercase();
    if let Some(bound) = db.known_bound(&key) {
        return Ok(bound);
    }
    let pipeline = db.pipeline()?;
    let position = match stage {
        Some(s) => pipeline
            .iter()
            .position(|p| p.eq_ignore_ascii_case(s))
            .unwrap_or(0),
        None => 0,
    };
    let f = journey_facts(paying_position(db, &pipeline)?, position as i64);
    let bound = score::score(&f, &weights(db)?, db.clock().today()).score;
    db.know_bound(&key, bound);
    Ok(bound)
}

/// How far along to paying a contact at `position` is.
fn journey_facts(paying: Option<usize>, position: i64) -> score::Facts {
    let (paying, progress) = match paying {
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
    score::Facts {
        paying,
        progress: progress.min(1.0),
        ..score::Facts::default()
    }
}

/// The facts behind the scores of contacts just added, by group: where
/// they stand and whether a promoter referred them (nothing has happened
/// to them yet), with the group's ids as a JSON array.
pub(crate) fn new_contact_groups(db: &Db<'_>, ids: &[i64]) -> Result<Vec<(score::Facts, String)>> {
    let pipeline = db.pipeline()?;
    let paying = paying_position(db, &pipeline)?;
    let mut groups = Vec::new();
    for chunk in ids.chunks(50_000) {
        for (position, promoted, members) in db.new_contact_groups(chunk)? {
            let f = score::Facts {
                referred_by_promoter: promoted.then(|| "a promoter".to_string()),
                ..journey_facts(paying, position)
            };
            groups.push((f, members));
        }
    }
    Ok(groups)
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

#[cfg(test)]
mod days_tests {
    use super::*;

    #[test]
    fn stored_timestamps_read_as_chrono_reads_them() {
        for ts in [
            "1970-01-01T00:00:00Z",
            "2026-11-23T09:00:00Z",
            "2000-02-29T23:59:59Z",
            "1815-12-10T12:00:00Z",
            "9999-12-31T00:00:00Z",
        ] {
            let chrono = parse_timestamp(ts).map(|t| t.timestamp() as f64 / 86_400.0);
            assert_eq!(days(ts), chrono, "{ts}");
        }
    }
}
