//! Reports: the funnel, sources, activity, revenue, feedback and advocates,
//! computed from journeys and interactions. Pure; the README states the
//! rules (a skipped stage counts as passed; a step back un-reaches nothing).

use super::interaction::Cents;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One contact's way through the pipeline.
#[derive(Debug, Clone)]
pub struct Journey {
    pub contact: i64,
    /// Their source, as an index into the caller's list of names.
    pub source: Option<usize>,
    /// The position of their stage now (None: not in the pipeline).
    pub stage: Option<usize>,
    /// When their journey began (their first stage), in days from any epoch.
    pub start: f64,
    /// For each stage position, when they first reached it or a later one.
    pub reached: Vec<Option<f64>>,
    /// Each stay that ended: (position, days spent in the stage).
    pub stays: Vec<(usize, f64)>,
    /// The positions they were lost from, once per loss.
    pub lost_from: Vec<usize>,
    /// Their first contact (an interaction), when there was one.
    pub first_contact: Option<f64>,
    /// Out of the pipeline now.
    pub lost: bool,
    /// What they have spent, in cents.
    pub revenue: i64,
}

/// Where a lost contact is in the stage history (`rapport lose`).
pub const LOST: &str = "lost";

/// A stage move as journeys read it: where to, and when (days).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// Into the stage at this position of the pipeline.
    Stage(usize, f64),
    /// Out of the pipeline (`lose`).
    Lost(f64),
    /// Into a stage no longer in the pipeline.
    Gone(f64),
}

impl Step {
    /// A move to a stage named `to` at `at`.
    pub fn of(to: &str, at: f64, pipeline: &[String]) -> Step {
        if to == LOST {
            return Step::Lost(at);
        }
        match pipeline.iter().position(|s| s.eq_ignore_ascii_case(to)) {
            Some(p) => Step::Stage(p, at),
            None => Step::Gone(at),
        }
    }

    fn at(self) -> f64 {
        match self {
            Step::Stage(_, at) | Step::Lost(at) | Step::Gone(at) => at,
        }
    }
}

/// Builds a journey from stage moves, oldest first. A move to `lost` ends
/// a stay and counts a loss from the stage before; a stage left by a later
/// move (back, forward, or out) is a stay ended.
pub fn journey(
    contact: i64,
    source: Option<usize>,
    stage: Option<usize>,
    start: f64,
    moves: &[Step],
    stages: usize,
) -> Journey {
    let mut reached = vec![None; stages];
    let mut furthest: Option<usize> = None;
    let mut stays = Vec::new();
    let mut lost_from = Vec::new();
    for pair in moves.windows(2) {
        if let Step::Stage(p, entered) = pair[0] {
            stays.push((p, (pair[1].at() - entered).max(0.0)));
            if let Step::Lost(_) = pair[1] {
                lost_from.push(p);
            }
        }
    }
    for step in moves {
        let Step::Stage(position, at) = *step else {
            continue;
        };
        let from = furthest.map_or(0, |f| f + 1);
        if furthest.is_none_or(|f| position > f) {
            for slot in reached.iter_mut().take(position + 1).skip(from) {
                *slot = Some(at);
            }
            furthest = Some(position);
        }
    }
    let start = moves.first().map_or(start, |s| s.at());
    Journey {
        contact,
        source,
        stage,
        start,
        reached,
        stays,
        lost_from,
        first_contact: None,
        lost: matches!(moves.last(), Some(Step::Lost(_))),
        revenue: 0,
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
    #[serde(rename = "conversion_pct")]
    pub conversion: Option<f64>,
    /// Days from the start of the journey to reaching it.
    pub median_days: Option<f64>,
    pub p90_days: Option<f64>,
    /// Days spent in the stage, over the stays that ended (left for any
    /// other stage, or lost).
    pub median_days_in_stage: Option<f64>,
    pub mean_days_in_stage: Option<f64>,
    /// Days from a contact's first contact to reaching the stage, for those
    /// whose first contact came first (on the paying stage: time to pay).
    pub median_days_from_first_contact: Option<f64>,
    /// How many times a contact was lost from this stage.
    pub lost: usize,
}

pub fn funnel(journeys: &[Journey], pipeline: &[String]) -> Vec<FunnelStage> {
    let mut f = Funnel::new(pipeline.len());
    for j in journeys {
        f.add(j);
    }
    f.finish(pipeline)
}

/// The funnel, gathered one journey at a time (a large book is walked, not
/// held).
pub struct Funnel {
    acc: Vec<StageAcc>,
}

/// What one stage gathers.
#[derive(Default)]
struct StageAcc {
    now: usize,
    days: Vec<f64>,
    stays: Vec<f64>,
    from_contact: Vec<f64>,
    lost: usize,
}

impl Funnel {
    pub fn new(stages: usize) -> Funnel {
        Funnel {
            acc: (0..stages).map(|_| StageAcc::default()).collect(),
        }
    }

    pub fn add(&mut self, j: &Journey) {
        if let (Some(p), false) = (j.stage, j.lost) {
            if let Some(a) = self.acc.get_mut(p) {
                a.now += 1;
            }
        }
        for (a, reached) in self.acc.iter_mut().zip(&j.reached) {
            if let Some(at) = reached {
                a.days.push(at - j.start);
                if let Some(first) = j.first_contact.filter(|f| at >= f) {
                    a.from_contact.push(at - first);
                }
            }
        }
        for (p, d) in &j.stays {
            if let Some(a) = self.acc.get_mut(*p) {
                a.stays.push(*d);
            }
        }
        for p in &j.lost_from {
            if let Some(a) = self.acc.get_mut(*p) {
                a.lost += 1;
            }
        }
    }

    pub fn finish(self, pipeline: &[String]) -> Vec<FunnelStage> {
        let mut rows = Vec::with_capacity(pipeline.len());
        let mut before: Option<usize> = None;
        for (stage, mut a) in pipeline.iter().zip(self.acc) {
            let reached = a.days.len();
            let (median_days, p90_days) = median_p90(&mut a.days);
            let mean_days_in_stage = (!a.stays.is_empty())
                .then(|| round1(a.stays.iter().sum::<f64>() / a.stays.len() as f64));
            let (median_days_in_stage, _) = median_p90(&mut a.stays);
            rows.push(FunnelStage {
                stage: stage.clone(),
                now: a.now,
                reached,
                conversion: before.and_then(|b| percent(reached, b)),
                median_days,
                p90_days,
                median_days_in_stage,
                mean_days_in_stage,
                median_days_from_first_contact: median_p90(&mut a.from_contact).0,
                lost: a.lost,
            });
            before = Some(reached);
        }
        rows
    }
}

/// Pairs as a JSON object whose keys keep their order.
fn in_order<S: serde::Serializer>(pairs: &[(String, usize)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceRow {
    pub source: String,
    pub contacts: usize,
    /// How many reached each stage, in pipeline order (an object keyed by
    /// stage name in JSON, its keys in that order).
    #[serde(serialize_with = "in_order")]
    pub reached: Vec<(String, usize)>,
    pub paying: usize,
    /// Paying, as a share of the source's contacts (%).
    #[serde(rename = "conversion_pct")]
    pub conversion: Option<f64>,
    pub revenue: f64,
    pub median_days_to_pay: Option<f64>,
}

/// Sources, gathered one journey at a time.
pub struct Sources {
    /// By source index (None: no source): contacts, reached per stage,
    /// days to pay, cents.
    groups: HashMap<Option<usize>, SourceAcc>,
    stages: usize,
    paying: Option<usize>,
}

struct SourceAcc {
    contacts: usize,
    reached: Vec<usize>,
    days_to_pay: Vec<f64>,
    cents: i64,
}

impl Sources {
    pub fn new(stages: usize, paying: Option<usize>) -> Sources {
        Sources {
            groups: HashMap::new(),
            stages,
            paying,
        }
    }

    pub fn add(&mut self, j: &Journey) {
        let stages = self.stages;
        let g = self.groups.entry(j.source).or_insert_with(|| SourceAcc {
            contacts: 0,
            reached: vec![0; stages],
            days_to_pay: Vec::new(),
            cents: 0,
        });
        g.contacts += 1;
        for (n, r) in g.reached.iter_mut().zip(&j.reached) {
            if r.is_some() {
                *n += 1;
            }
        }
        if let Some(at) = self
            .paying
            .and_then(|p| j.reached.get(p).copied().flatten())
        {
            g.days_to_pay.push(at - j.start);
        }
        g.cents = g.cents.saturating_add(j.revenue);
    }

    /// The rows: `names` are what the source indexes name.
    pub fn finish(self, names: &[String], pipeline: &[String]) -> Vec<SourceRow> {
        let mut rows: Vec<SourceRow> = self
            .groups
            .into_iter()
            .map(|(source, mut g)| {
                let paid = g.days_to_pay.len();
                SourceRow {
                    source: source
                        .and_then(|i| names.get(i))
                        .cloned()
                        .unwrap_or_else(|| "(none)".into()),
                    contacts: g.contacts,
                    reached: pipeline.iter().cloned().zip(g.reached).collect(),
                    paying: paid,
                    conversion: percent(paid, g.contacts),
                    revenue: g.cents as f64 / 100.0,
                    median_days_to_pay: median_p90(&mut g.days_to_pay).0,
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
}

pub fn sources(
    journeys: &[Journey],
    names: &[String],
    pipeline: &[String],
    paying: Option<usize>,
) -> Vec<SourceRow> {
    let mut s = Sources::new(pipeline.len(), paying);
    for j in journeys {
        s.add(j);
    }
    s.finish(names, pipeline)
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
    #[serde(rename = "repeat_purchase_rate_pct")]
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

/// The customers with the most revenue: (contact, cents, orders) → ids.
pub fn top_customers(per_customer: &HashMap<i64, (i64, i64)>, n: usize) -> Vec<i64> {
    let mut all: Vec<(&i64, &(i64, i64))> = per_customer.iter().collect();
    all.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    all.into_iter().take(n).map(|(id, _)| *id).collect()
}

/// Revenue from per-customer and per-day sums (cents, orders), what is
/// invoiced and unpaid (and late), and the names of the top customers.
pub fn revenue(
    per_customer: &HashMap<i64, (i64, i64)>,
    per_day: &[(NaiveDate, i64, i64)],
    (outstanding, late): (i64, i64),
    names: &HashMap<i64, String>,
    by: Period,
) -> Revenue {
    let money = |cents: i64| cents as f64 / 100.0;
    let total: i64 = per_customer.values().map(|(c, _)| c).sum();
    let orders: i64 = per_customer.values().map(|(_, n)| n).sum();
    let customers = per_customer.len();
    let repeat = per_customer.values().filter(|(_, n)| *n >= 2).count();
    let mut per_period: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for (day, cents, n) in per_day {
        let p = per_period.entry(period_of(*day, by)).or_default();
        p.0 = p.0.saturating_add(*cents);
        p.1 += n;
    }
    Revenue {
        total: money(total),
        orders: orders as usize,
        average_order: (orders > 0).then(|| round2(money(total) / orders as f64)),
        customers,
        repeat_purchase_rate: percent(repeat, customers),
        lifetime_value: (customers > 0).then(|| round2(money(total) / customers as f64)),
        outstanding: money(outstanding),
        late: money(late),
        by_period: per_period
            .into_iter()
            .map(|(period, (cents, n))| PeriodRevenue {
                period,
                revenue: money(cents),
                orders: n as usize,
            })
            .collect(),
        top_customers: top_customers(per_customer, 10)
            .into_iter()
            .map(|id| {
                let (cents, n) = per_customer[&id];
                CustomerRevenue {
                    contact_id: id,
                    contact: names.get(&id).cloned().unwrap_or_default(),
                    revenue: money(cents),
                    orders: n as usize,
                }
            })
            .collect(),
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

/// Feedback from counts per (month, rating) and the latest comments.
pub fn feedback(months: &[(String, Option<i64>, i64)], latest: Vec<Comment>) -> Feedback {
    let count = |f: &dyn Fn(i64) -> bool| {
        months
            .iter()
            .filter(|(_, r, _)| r.is_some_and(f))
            .map(|(_, _, n)| *n as usize)
            .sum::<usize>()
    };
    let promoters = count(&|r| r >= 9);
    let passives = count(&|r| (7..=8).contains(&r));
    let detractors = count(&|r| r <= 6);
    let rated = promoters + passives + detractors;
    let score = |p: usize, d: usize, n: usize| {
        (n > 0).then(|| round1(100.0 * (p as f64 - d as f64) / n as f64))
    };
    let mut by_month: BTreeMap<&String, (usize, usize, usize)> = BTreeMap::new();
    for (month, rating, n) in months {
        if let Some(r) = rating {
            let m = by_month.entry(month).or_default();
            m.0 += *n as usize;
            if *r >= 9 {
                m.1 += *n as usize;
            } else if *r <= 6 {
                m.2 += *n as usize;
            }
        }
    }
    Feedback {
        count: months.iter().map(|(_, _, n)| *n as usize).sum(),
        rated,
        promoters,
        passives,
        detractors,
        nps: score(promoters, detractors, rated),
        by_month: by_month
            .into_iter()
            .map(|(period, (n, p, d))| NpsPeriod {
                period: period.clone(),
                responses: n,
                nps: score(p, d, n),
            })
            .collect(),
        latest,
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

/// Advocates from (referrer, name, referred, name) pairs, which referred
/// contacts became paying, and revenue per contact (cents, orders).
pub fn advocates(
    referrals: &[(i64, String, i64, String)],
    paying: &std::collections::HashSet<i64>,
    revenue: &HashMap<i64, (i64, i64)>,
) -> Vec<Advocate> {
    let mut by_referrer: BTreeMap<i64, (String, Vec<(i64, String)>)> = BTreeMap::new();
    for (referrer, name, referred, referred_name) in referrals {
        by_referrer
            .entry(*referrer)
            .or_insert_with(|| (name.clone(), Vec::new()))
            .1
            .push((*referred, referred_name.clone()));
    }
    let mut rows: Vec<Advocate> = by_referrer
        .into_iter()
        .map(|(referrer, (name, referred))| Advocate {
            contact_id: referrer,
            contact: name,
            referrals: referred.len(),
            paying: referred
                .iter()
                .filter(|(id, _)| paying.contains(id))
                .count(),
            revenue: Cents::sum(
                referred
                    .iter()
                    .map(|(id, _)| revenue.get(id).map_or(0, |r| r.0)),
            ) as f64
                / 100.0,
            referred: referred.into_iter().map(|(_, n)| n).collect(),
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
        let p = pipeline();
        let steps: Vec<Step> = [("reach", 0.0), ("conversion", 10.0), ("acquisition", 20.0)]
            .iter()
            .map(|(to, at)| Step::of(to, *at, &p))
            .collect();
        let j = journey(1, None, Some(1), 0.0, &steps, p.len());
        assert_eq!(j.reached, [Some(0.0), Some(10.0), Some(10.0), None]);
        assert_eq!(j.stays, [(0, 10.0), (2, 10.0)]);
    }

    #[test]
    fn a_loss_ends_a_stay_and_counts_against_its_stage() {
        let p = pipeline();
        let steps: Vec<Step> = [
            ("reach", 0.0),
            ("acquisition", 5.0),
            ("lost", 12.0),
            ("acquisition", 40.0),
        ]
        .iter()
        .map(|(to, at)| Step::of(to, *at, &p))
        .collect();
        let j = journey(1, None, Some(1), 0.0, &steps, p.len());
        assert_eq!(j.stays, [(0, 5.0), (1, 7.0)]);
        assert_eq!(j.lost_from, [1]);
        assert!(!j.lost, "won back");
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
    fn feedback_from_counts() {
        let f = feedback(
            &[
                ("2026-03".into(), Some(10), 1),
                ("2026-03".into(), Some(6), 1),
                ("2026-04".into(), None, 2),
            ],
            vec![],
        );
        assert_eq!((f.count, f.rated, f.nps), (4, 2, Some(0.0)));
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

/// One loss, as `report lost` counts it.
#[derive(Debug, Clone)]
pub struct Loss {
    pub from: String,
    pub day: NaiveDate,
    pub reason: Option<String>,
    /// Moved back into the pipeline since.
    pub won_back: bool,
}

/// A count under a name: a stage, a reason, a month.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Count {
    pub key: String,
    pub lost: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LostReport {
    /// Losses (a contact lost twice counts twice).
    pub lost: usize,
    pub won_back: usize,
    /// By the stage lost from, in pipeline order.
    pub by_stage: Vec<Count>,
    /// By reason, most frequent first.
    pub by_reason: Vec<Count>,
    pub by_month: Vec<Count>,
}

/// A row of `report lost --format csv`: which grouping, which key, how many.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LostGroup {
    pub by: &'static str,
    pub key: String,
    pub lost: usize,
}

impl LostReport {
    pub fn groups(&self) -> Vec<LostGroup> {
        let rows = |by: &'static str, counts: &[Count]| -> Vec<LostGroup> {
            counts
                .iter()
                .map(|c| LostGroup {
                    by,
                    key: c.key.clone(),
                    lost: c.lost,
                })
                .collect()
        };
        let mut all = rows("stage", &self.by_stage);
        all.extend(rows("reason", &self.by_reason));
        all.extend(rows("month", &self.by_month));
        all
    }
}

pub fn lost(losses: &[Loss], pipeline: &[String]) -> LostReport {
    let mut by_stage: Vec<Count> = pipeline
        .iter()
        .map(|s| Count {
            key: s.clone(),
            lost: losses
                .iter()
                .filter(|l| l.from.eq_ignore_ascii_case(s))
                .count(),
        })
        .collect();
    // A stage since dropped still counts, after the pipeline's.
    for l in losses {
        if !by_stage.iter().any(|c| c.key.eq_ignore_ascii_case(&l.from)) {
            by_stage.push(Count {
                key: l.from.clone(),
                lost: losses.iter().filter(|x| x.from == l.from).count(),
            });
        }
    }
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut months: BTreeMap<String, usize> = BTreeMap::new();
    for l in losses {
        let reason = l
            .reason
            .clone()
            .unwrap_or_else(|| "(no reason)".into())
            .to_lowercase();
        *reasons.entry(reason).or_default() += 1;
        *months.entry(period_of(l.day, Period::Month)).or_default() += 1;
    }
    let mut by_reason: Vec<Count> = reasons
        .into_iter()
        .map(|(key, lost)| Count { key, lost })
        .collect();
    by_reason.sort_by(|a, b| b.lost.cmp(&a.lost).then(a.key.cmp(&b.key)));
    LostReport {
        lost: losses.len(),
        won_back: losses.iter().filter(|l| l.won_back).count(),
        by_stage,
        by_reason,
        by_month: months
            .into_iter()
            .map(|(key, lost)| Count { key, lost })
            .collect(),
    }
}
