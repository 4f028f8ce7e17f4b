//! Reports: the funnel, sources, activity, revenue, feedback and advocates,
//! computed from journeys and interactions. Pure; the README states the
//! rules (a skipped stage counts as passed; a step back un-reaches nothing).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One contact's way through the pipeline.
#[derive(Debug, Clone)]
pub struct Journey {
    pub contact: i64,
    pub source: Option<String>,
    pub stage: String,
    /// When their journey began (their first stage), in days from any epoch.
    pub start: f64,
    /// For each stage position, when they first reached it or a later one.
    pub reached: Vec<Option<f64>>,
}

/// Builds journeys from stage moves (`to`, time in days), oldest first.
pub fn journey(
    contact: i64,
    source: Option<String>,
    stage: String,
    start: f64,
    moves: &[(String, f64)],
    pipeline: &[String],
) -> Journey {
    let mut reached = vec![None; pipeline.len()];
    let mut furthest: Option<usize> = None;
    for (to, at) in moves {
        let Some(position) = pipeline.iter().position(|s| s.eq_ignore_ascii_case(to)) else {
            continue;
        };
        let from = furthest.map_or(0, |f| f + 1);
        if furthest.is_none_or(|f| position > f) {
            for slot in reached.iter_mut().take(position + 1).skip(from) {
                *slot = Some(*at);
            }
            furthest = Some(position);
        }
    }
    let start = moves.first().map_or(start, |(_, at)| *at);
    Journey {
        contact,
        source,
        stage,
        start,
        reached,
    }
}

/// The median (mean of the middle two) and the 90th percentile (nearest rank).
pub fn median_p90(values: &mut [f64]) -> (Option<f64>, Option<f64>) {
    if values.is_empty() {
        return (None, None);
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    let median = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    let rank = ((0.9 * n as f64).ceil() as usize).clamp(1, n);
    (Some(round1(median)), Some(round1(values[rank - 1])))
}

pub fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| round1(100.0 * part as f64 / whole as f64))
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FunnelStage {
    pub stage: String,
    /// Contacts in the stage now.
    pub now: usize,
    /// Contacts that ever reached it (or a later stage).
    pub reached: usize,
    /// Reached this stage, as a share of those that reached the one before (%).
    pub conversion: Option<f64>,
    /// Days from the start of the journey to reaching it.
    pub median_days: Option<f64>,
    pub p90_days: Option<f64>,
}

pub fn funnel(journeys: &[Journey], pipeline: &[String]) -> Vec<FunnelStage> {
    let mut rows = Vec::new();
    for (i, stage) in pipeline.iter().enumerate() {
        let now = journeys
            .iter()
            .filter(|j| j.stage.eq_ignore_ascii_case(stage))
            .count();
        let mut days: Vec<f64> = journeys
            .iter()
            .filter_map(|j| j.reached[i].map(|at| at - j.start))
            .collect();
        let reached = days.len();
        let before = if i == 0 {
            None
        } else {
            Some(
                journeys
                    .iter()
                    .filter(|j| j.reached[i - 1].is_some())
                    .count(),
            )
        };
        let (median_days, p90_days) = median_p90(&mut days);
        rows.push(FunnelStage {
            stage: stage.clone(),
            now,
            reached,
            conversion: before.and_then(|b| percent(reached, b)),
            median_days,
            p90_days,
        });
    }
    rows
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceRow {
    pub source: String,
    pub contacts: usize,
    /// How many reached each stage, in pipeline order.
    pub reached: BTreeMap<String, usize>,
    pub paying: usize,
    /// Paying, as a share of the source's contacts (%).
    pub conversion: Option<f64>,
    pub revenue: f64,
    pub median_days_to_pay: Option<f64>,
}

pub fn sources(
    journeys: &[Journey],
    pipeline: &[String],
    paying: Option<usize>,
    revenue: &HashMap<i64, i64>,
) -> Vec<SourceRow> {
    let mut groups: BTreeMap<String, Vec<&Journey>> = BTreeMap::new();
    for j in journeys {
        groups
            .entry(j.source.clone().unwrap_or_else(|| "(none)".into()))
            .or_default()
            .push(j);
    }
    let mut rows: Vec<SourceRow> = groups
        .into_iter()
        .map(|(source, js)| {
            let reached = pipeline
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    (
                        s.clone(),
                        js.iter().filter(|j| j.reached[i].is_some()).count(),
                    )
                })
                .collect();
            let mut days: Vec<f64> = match paying {
                Some(p) => js
                    .iter()
                    .filter_map(|j| j.reached[p].map(|at| at - j.start))
                    .collect(),
                None => Vec::new(),
            };
            let paid = days.len();
            let cents: i64 = js
                .iter()
                .map(|j| revenue.get(&j.contact).copied().unwrap_or(0))
                .sum();
            SourceRow {
                contacts: js.len(),
                reached,
                paying: paid,
                conversion: percent(paid, js.len()),
                revenue: cents as f64 / 100.0,
                median_days_to_pay: median_p90(&mut days).0,
                source,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.revenue
            .total_cmp(&a.revenue)
            .then(b.contacts.cmp(&a.contacts))
            .then(a.source.cmp(&b.source))
    });
    rows
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Period {
    Week,
    Month,
}

pub fn period_of(day: NaiveDate, by: Period) -> String {
    match by {
        Period::Month => format!("{:04}-{:02}", day.year(), day.month()),
        Period::Week => {
            let w = day.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct ActivityRow {
    pub period: String,
    pub total: i64,
    pub by_kind: BTreeMap<String, i64>,
    pub by_channel: BTreeMap<String, i64>,
    pub inbound: i64,
    pub outbound: i64,
    /// Interactions whose direction was not recorded.
    pub unknown_direction: i64,
}

/// Interactions counted per day: (day, kind, channel, direction, count).
pub type DayCount = (NaiveDate, String, Option<String>, Option<String>, i64);

pub fn activity(days: &[DayCount], by: Period) -> Vec<ActivityRow> {
    let mut rows: BTreeMap<String, ActivityRow> = BTreeMap::new();
    for (day, kind, channel, direction, n) in days {
        let period = period_of(*day, by);
        let row = rows.entry(period.clone()).or_insert_with(|| ActivityRow {
            period,
            ..ActivityRow::default()
        });
        row.total += n;
        *row.by_kind.entry(kind.clone()).or_default() += n;
        *row.by_channel
            .entry(channel.clone().unwrap_or_else(|| "(none)".into()))
            .or_default() += n;
        match direction.as_deref() {
            Some("in") => row.inbound += n,
            Some("out") => row.outbound += n,
            _ => row.unknown_direction += n,
        }
    }
    rows.into_values().collect()
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PeriodRevenue {
    pub period: String,
    pub revenue: f64,
    pub orders: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CustomerRevenue {
    pub contact_id: i64,
    pub contact: String,
    pub revenue: f64,
    pub orders: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Revenue {
    pub total: f64,
    pub orders: usize,
    pub average_order: Option<f64>,
    pub customers: usize,
    /// Customers with two purchases or more, as a share of customers (%).
    pub repeat_purchase_rate: Option<f64>,
    /// Revenue per customer.
    pub lifetime_value: Option<f64>,
    /// Invoiced and not paid yet.
    pub outstanding: f64,
    /// Unpaid past the due date.
    pub late: f64,
    pub by_period: Vec<PeriodRevenue>,
    pub top_customers: Vec<CustomerRevenue>,
}

/// (contact, cents, day, unpaid, overdue) per purchase.
pub fn revenue(
    purchases: &[(i64, i64, NaiveDate, bool, bool)],
    names: &HashMap<i64, String>,
    by: Period,
) -> Revenue {
    let total: i64 = purchases.iter().map(|p| p.1).sum();
    let mut per_customer: HashMap<i64, (i64, usize)> = HashMap::new();
    let mut per_period: BTreeMap<String, (i64, usize)> = BTreeMap::new();
    for (contact, cents, day, _, _) in purchases {
        let c = per_customer.entry(*contact).or_default();
        c.0 += cents;
        c.1 += 1;
        let p = per_period.entry(period_of(*day, by)).or_default();
        p.0 += cents;
        p.1 += 1;
    }
    let customers = per_customer.len();
    let repeat = per_customer.values().filter(|(_, n)| *n >= 2).count();
    let mut top: Vec<CustomerRevenue> = per_customer
        .iter()
        .map(|(id, (cents, n))| CustomerRevenue {
            contact_id: *id,
            contact: names.get(id).cloned().unwrap_or_default(),
            revenue: *cents as f64 / 100.0,
            orders: *n,
        })
        .collect();
    top.sort_by(|a, b| {
        b.revenue
            .total_cmp(&a.revenue)
            .then(a.contact_id.cmp(&b.contact_id))
    });
    top.truncate(10);
    let money = |cents: i64| cents as f64 / 100.0;
    Revenue {
        total: money(total),
        orders: purchases.len(),
        average_order: (!purchases.is_empty())
            .then(|| round2(money(total) / purchases.len() as f64)),
        customers,
        repeat_purchase_rate: percent(repeat, customers),
        lifetime_value: (customers > 0).then(|| round2(money(total) / customers as f64)),
        outstanding: money(purchases.iter().filter(|p| p.3).map(|p| p.1).sum()),
        late: money(purchases.iter().filter(|p| p.4).map(|p| p.1).sum()),
        by_period: per_period
            .into_iter()
            .map(|(period, (cents, orders))| PeriodRevenue {
                period,
                revenue: money(cents),
                orders,
            })
            .collect(),
        top_customers: top,
    }
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NpsPeriod {
    pub period: String,
    pub responses: usize,
    pub nps: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Comment {
    pub contact_id: i64,
    pub contact: String,
    pub rating: Option<i64>,
    pub comment: String,
    pub at: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Feedback {
    pub count: usize,
    pub rated: usize,
    pub promoters: usize,
    pub passives: usize,
    pub detractors: usize,
    /// Promoters (9–10) minus detractors (0–6), in % of rated feedback.
    pub nps: Option<f64>,
    pub by_month: Vec<NpsPeriod>,
    pub latest: Vec<Comment>,
}

pub fn nps(ratings: &[i64]) -> Option<f64> {
    let promoters = ratings.iter().filter(|r| **r >= 9).count() as f64;
    let detractors = ratings.iter().filter(|r| **r <= 6).count() as f64;
    (!ratings.is_empty()).then(|| round1(100.0 * (promoters - detractors) / ratings.len() as f64))
}

/// One piece of feedback: (contact, name, rating, comment, at, day).
pub type FeedbackRow = (i64, String, Option<i64>, String, String, NaiveDate);

/// Feedback newest first.
pub fn feedback(rows: &[FeedbackRow]) -> Feedback {
    let ratings: Vec<i64> = rows.iter().filter_map(|r| r.2).collect();
    let mut months: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for r in rows {
        if let Some(rating) = r.2 {
            months
                .entry(period_of(r.5, Period::Month))
                .or_default()
                .push(rating);
        }
    }
    Feedback {
        count: rows.len(),
        rated: ratings.len(),
        promoters: ratings.iter().filter(|r| **r >= 9).count(),
        passives: ratings.iter().filter(|r| (7..=8).contains(*r)).count(),
        detractors: ratings.iter().filter(|r| **r <= 6).count(),
        nps: nps(&ratings),
        by_month: months
            .into_iter()
            .map(|(period, rs)| NpsPeriod {
                period,
                responses: rs.len(),
                nps: nps(&rs),
            })
            .collect(),
        latest: rows
            .iter()
            .take(10)
            .map(|r| Comment {
                contact_id: r.0,
                contact: r.1.clone(),
                rating: r.2,
                comment: r.3.clone(),
                at: r.4.clone(),
            })
            .collect(),
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Advocate {
    pub contact_id: i64,
    pub contact: String,
    pub referrals: usize,
    /// Referrals that became paying customers.
    pub paying: usize,
    /// What the people they referred spent.
    pub revenue: f64,
    pub referred: Vec<String>,
}

/// Referrers from journeys (who is paying) and revenue per contact.
pub fn advocates(
    contacts: &[(i64, String, Option<i64>)],
    paying: &HashMap<i64, bool>,
    revenue: &HashMap<i64, i64>,
) -> Vec<Advocate> {
    let names: HashMap<i64, &String> = contacts.iter().map(|(id, name, _)| (*id, name)).collect();
    let mut by_referrer: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (id, _, referrer) in contacts {
        if let Some(r) = referrer {
            by_referrer.entry(*r).or_default().push(*id);
        }
    }
    let mut rows: Vec<Advocate> = by_referrer
        .into_iter()
        .map(|(referrer, referred)| Advocate {
            contact_id: referrer,
            contact: names
                .get(&referrer)
                .map(|n| n.to_string())
                .unwrap_or_default(),
            referrals: referred.len(),
            paying: referred
                .iter()
                .filter(|id| paying.get(id).copied().unwrap_or(false))
                .count(),
            revenue: referred
                .iter()
                .map(|id| revenue.get(id).copied().unwrap_or(0))
                .sum::<i64>() as f64
                / 100.0,
            referred: referred
                .iter()
                .filter_map(|id| names.get(id).map(|n| n.to_string()))
                .collect(),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.revenue
            .total_cmp(&a.revenue)
            .then(b.referrals.cmp(&a.referrals))
            .then(a.contact_id.cmp(&b.contact_id))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipeline() -> Vec<String> {
        ["reach", "acquisition", "conversion", "retention"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn a_skip_counts_as_passing_and_a_step_back_unreaches_nothing() {
        let j = journey(
            1,
            None,
            "acquisition".into(),
            0.0,
            &[
                ("reach".into(), 0.0),
                ("conversion".into(), 10.0),
                ("acquisition".into(), 20.0),
            ],
            &pipeline(),
        );
        assert_eq!(j.reached, [Some(0.0), Some(10.0), Some(10.0), None]);
    }

    #[test]
    fn median_and_p90() {
        assert_eq!(median_p90(&mut [5.0, 1.0, 3.0]), (Some(3.0), Some(5.0)));
        assert_eq!(
            median_p90(&mut [1.0, 2.0, 3.0, 4.0]),
            (Some(2.5), Some(4.0))
        );
        assert_eq!(median_p90(&mut []), (None, None));
    }

    #[test]
    fn nps_is_promoters_minus_detractors() {
        assert_eq!(nps(&[10, 9, 8, 6, 0]), Some(0.0));
        assert_eq!(nps(&[10, 9, 9, 7]), Some(75.0));
        assert_eq!(nps(&[]), None);
    }

    #[test]
    fn weeks_are_iso_weeks() {
        let d = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(period_of(d, Period::Week), "2026-W53");
        assert_eq!(period_of(d, Period::Month), "2027-01");
    }
}
