//! Lead and health scores, explainable: every point comes from a named
//! factor, and the weights are settings (`rapport config`) with the
//! defaults below.

use chrono::NaiveDate;
use serde::Serialize;

/// What a contact's health is computed from: their rhythm of contact and
/// what is recorded of their purchases, invoices and tickets, as dates, so
/// that health can be computed for any day (today for a score, every day
/// ahead for the days they will be at risk).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HealthEvents {
    pub first_contact: Option<NaiveDate>,
    pub last_contact: Option<NaiveDate>,
    /// Days with contact (several interactions on one day are one).
    pub contacts: i64,
    /// Days of purchases, oldest first.
    pub purchases: Vec<NaiveDate>,
    /// Unpaid invoices: (purchase id, due), earliest due first.
    pub unpaid: Vec<(i64, NaiveDate)>,
    /// Days invoices were paid after their due date.
    pub paid_late: Vec<NaiveDate>,
    /// Open tickets: (ticket id, opened), oldest first.
    pub open_tickets: Vec<(i64, NaiveDate)>,
    /// Feedback ratings: (day, 0–10), oldest first.
    pub ratings: Vec<(NaiveDate, i64)>,
}

impl HealthEvents {
    /// Unpaid invoices past due on `day`, most overdue first.
    pub fn unpaid_on(&self, day: NaiveDate) -> impl Iterator<Item = &(i64, NaiveDate)> {
        self.unpaid.iter().filter(move |(_, due)| *due < day)
    }
}

/// What the scores are computed from, for one contact.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub paying: bool,
    /// Position of the stage before the paying one, as a share: 0 for the
    /// first stage, 1 for the last stage before paying.
    pub progress: f64,
    pub events: HealthEvents,
    pub interactions_90d: i64,
    pub inbound_90d: i64,
    pub meetings_90d: i64,
    /// Referred by someone whose latest rating makes them a promoter.
    pub referred_by_promoter: Option<String>,
    /// Out of the pipeline: when and why, in words. No score then.
    pub lost: Option<String>,
}

/// The weights, as `rapport config` names them.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    pub lead_recency: f64,
    pub lead_engagement: f64,
    pub lead_inbound: f64,
    pub lead_meetings: f64,
    pub lead_stage: f64,
    pub health_rhythm: f64,
    pub health_tickets: f64,
    pub health_ticket_age: f64,
    pub health_purchases: f64,
    pub health_late_payments: f64,
    pub health_detractor: f64,
    pub lead_promoter_referral: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            lead_recency: 25.0,
            lead_engagement: 5.0,
            lead_inbound: 5.0,
            lead_meetings: 10.0,
            lead_stage: 20.0,
            health_rhythm: 25.0,
            health_tickets: 10.0,
            health_ticket_age: 3.0,
            health_purchases: 15.0,
            health_late_payments: 10.0,
            health_detractor: 20.0,
            lead_promoter_referral: 10.0,
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Factor {
    pub factor: String,
    pub detail: String,
    pub points: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Score {
    /// `lead` for contacts not yet paying, `health` for paying customers.
    pub kind: &'static str,
    /// None: not enough history yet to say (a customer never contacted).
    pub score: Option<f64>,
    pub factors: Vec<Factor>,
}

impl Score {
    /// The score in words: `health 72`, or why there is none.
    pub fn label(&self) -> String {
        match self.score {
            Some(s) => format!("{} {s}", self.kind),
            None if self.kind == "lost" => {
                format!(
                    "no score while lost ({})",
                    self.factors.first().map_or("", |f| f.detail.as_str())
                )
            }
            None => format!("{}: not enough history yet", self.kind),
        }
    }
}

fn factor(name: &str, detail: String, points: f64) -> Factor {
    let points = (points * 10.0).round() / 10.0;
    Factor {
        factor: name.to_string(),
        detail,
        // Never "-0": no points is no points.
        points: if points == 0.0 { 0.0 } else { points },
    }
}

/// Lead score 0–100: recent and frequent engagement, inbound replies,
/// meetings, and how far along the pipeline they are.
pub fn lead(f: &Facts, w: &Weights, today: NaiveDate) -> Score {
    let mut factors = Vec::new();
    let recency = match f.events.last_contact.map(|d| (today - d).num_days()) {
        Some(d) if d <= 7 => (
            w.lead_recency,
            format!("last contact {d} days ago (within a week)"),
        ),
        Some(d) if d <= 30 => (
            w.lead_recency / 2.0,
            format!("last contact {d} days ago (within a month)"),
        ),
        Some(d) if d <= 90 => (
            w.lead_recency / 5.0,
            format!("last contact {d} days ago (within a quarter)"),
        ),
        Some(d) => (0.0, format!("last contact {d} days ago")),
        None => (0.0, "never contacted".to_string()),
    };
    factors.push(factor("recency", recency.1, recency.0));
    let engaged = f.interactions_90d.min(5) as f64 * w.lead_engagement;
    factors.push(factor(
        "engagement",
        format!(
            "{} interactions in 90 days (counted up to 5)",
            f.interactions_90d
        ),
        engaged,
    ));
    let inbound = f.inbound_90d.min(4) as f64 * w.lead_inbound;
    factors.push(factor(
        "inbound",
        format!("{} came to you in 90 days (up to 4)", f.inbound_90d),
        inbound,
    ));
    let meetings = f.meetings_90d.min(2) as f64 * w.lead_meetings;
    factors.push(factor(
        "meetings",
        format!("{} meetings in 90 days (up to 2)", f.meetings_90d),
        meetings,
    ));
    let stage = f.progress.clamp(0.0, 1.0) * w.lead_stage;
    factors.push(factor(
        "stage",
        format!(
            "{:.0}% of the way to paying",
            f.progress.clamp(0.0, 1.0) * 100.0
        ),
        stage,
    ));
    if let Some(who) = &f.referred_by_promoter {
        factors.push(factor(
            "referral",
            format!("referred by {who}, a promoter"),
            w.lead_promoter_referral,
        ));
    }
    total("lead", factors, 0.0)
}

/// The shortest usual gap that counts: someone seen daily is not at risk
/// after three quiet days.
const MIN_USUAL_GAP: f64 = 7.0;

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The numbers behind a health score on one day, before any text.
struct Parts {
    quiet: f64,
    /// The usual gap, or None when too few contacts give one (30 assumed).
    usual: Option<f64>,
    rhythm: f64,
    open_tickets: usize,
    tickets: f64,
    /// (ticket id, days open, points) of the oldest open ticket.
    ticket_age: Option<(i64, i64, f64)>,
    recent: usize,
    before: usize,
    no_purchase_in_a_year: bool,
    purchases: f64,
    /// (purchase id, days late) of the most overdue unpaid invoice.
    worst_unpaid: Option<(i64, i64)>,
    unpaid: usize,
    paid_late: usize,
    payments: f64,
    /// The latest rating in 90 days, when a detractor's: (day, rating).
    detractor: Option<(NaiveDate, i64)>,
    detractor_points: f64,
}

impl Parts {
    fn total(&self) -> f64 {
        let sum = [
            self.rhythm,
            self.tickets,
            self.ticket_age.map_or(0.0, |t| t.2),
            self.purchases,
            self.payments,
            self.detractor_points,
        ]
        .into_iter()
        .map(round1)
        .sum::<f64>();
        (100.0 + sum).clamp(0.0, 100.0).round()
    }
}

/// Each factor's points on `day`, computed once for the score and for the
/// days at risk. None: never contacted, so no health to speak of.
fn parts(e: &HealthEvents, w: &Weights, day: NaiveDate) -> Option<Parts> {
    let (Some(first), Some(last)) = (e.first_contact, e.last_contact) else {
        return None;
    };
    let quiet = (day - last).num_days().max(0) as f64;
    let usual =
        (e.contacts >= 3).then(|| (last - first).num_days() as f64 / (e.contacts - 1) as f64);
    let gap = usual.unwrap_or(30.0).max(MIN_USUAL_GAP);
    let rhythm = -((quiet - gap) / gap).clamp(0.0, 3.0) * w.health_rhythm;
    let open: Vec<&(i64, NaiveDate)> = e
        .open_tickets
        .iter()
        .filter(|(_, opened)| *opened <= day)
        .collect();
    let tickets = -(open.len().min(3) as f64) * w.health_tickets;
    let ticket_age = open.first().map(|(id, opened)| {
        let days = (day - *opened).num_days();
        (
            *id,
            days,
            -((days - 7).clamp(0, 20) as f64) * w.health_ticket_age,
        )
    });
    let since = |n: u64| day.checked_sub_days(chrono::Days::new(n)).unwrap_or(day);
    let (half, year) = (since(182), since(365));
    let bought: Vec<&NaiveDate> = e.purchases.iter().filter(|d| **d <= day).collect();
    let recent = bought.iter().filter(|d| ***d >= half).count();
    let before = bought
        .iter()
        .filter(|d| ***d >= year && ***d < half)
        .count();
    let no_purchase_in_a_year = recent == 0 && bought.last().is_none_or(|d| **d < year);
    let purchases = if no_purchase_in_a_year {
        -(w.health_purchases * 4.0 / 3.0)
    } else if recent < before {
        -w.health_purchases
    } else {
        0.0
    };
    // Each unpaid invoice costs more the longer it is late: the weight on
    // the due date, and as much again every week after, up to six times.
    let mut payments = 0.0;
    let mut worst_unpaid = None;
    let mut unpaid = 0;
    for (id, due) in e.unpaid_on(day) {
        let days = (day - *due).num_days().max(0);
        if unpaid < 3 {
            payments -= w.health_late_payments * (1.0 + days as f64 / 7.0).min(6.0);
        }
        worst_unpaid = worst_unpaid.or(Some((*id, days)));
        unpaid += 1;
    }
    let paid_late = e
        .paid_late
        .iter()
        .filter(|d| **d <= day && **d >= year)
        .count();
    payments -= paid_late.min(3) as f64 * w.health_late_payments / 2.0;
    // What they said last, if they said it in the last 90 days.
    let detractor = e
        .ratings
        .iter()
        .rev()
        .find(|(d, _)| *d <= day)
        .filter(|(d, r)| *d >= since(90) && *r <= 6)
        .copied();
    let detractor_points = if detractor.is_some() {
        -w.health_detractor
    } else {
        0.0
    };
    Some(Parts {
        quiet,
        usual,
        rhythm,
        open_tickets: open.len(),
        tickets,
        ticket_age,
        recent,
        before,
        no_purchase_in_a_year,
        purchases,
        worst_unpaid,
        unpaid,
        paid_late,
        payments,
        detractor,
        detractor_points,
    })
}

/// Health on `day` as a number (what `health` scores), None with no history.
pub fn health_value(e: &HealthEvents, w: &Weights, day: NaiveDate) -> Option<f64> {
    parts(e, w, day).map(|p| p.total())
}

/// Health score 0–100 for a paying customer: starts at 100 and loses
/// points for silence beyond their own rhythm, open tickets and their age,
/// fewer purchases than before, and invoices paid late or not at all.
/// Weighted so that each warning sign alone crosses the default threshold
/// (50) when it becomes serious: silence past three usual gaps, a ticket
/// open three weeks, an invoice unpaid four weeks past due.
/// A customer never contacted has no health yet: nothing to judge by.
pub fn health(e: &HealthEvents, w: &Weights, day: NaiveDate) -> Score {
    let Some(p) = parts(e, w, day) else {
        return Score {
            kind: "health",
            score: None,
            factors: vec![factor(
                "rhythm",
                "never contacted: not enough history yet".into(),
                0.0,
            )],
        };
    };
    let how = match p.usual {
        Some(u) => format!("usually every {:.0}", u.max(1.0)),
        None => "contact on too few days for a rhythm, 30 assumed".to_string(),
    };
    let mut factors = vec![factor(
        "rhythm",
        format!(
            "quiet {:.0} day{}; {how}",
            p.quiet,
            if p.quiet == 1.0 { "" } else { "s" }
        ),
        p.rhythm,
    )];
    if p.open_tickets > 0 {
        factors.push(factor(
            "tickets",
            format!(
                "{} ticket{} open",
                p.open_tickets,
                if p.open_tickets == 1 { "" } else { "s" }
            ),
            p.tickets,
        ));
        if let Some((id, days, points)) = p.ticket_age {
            factors.push(factor(
                "ticket age",
                format!("ticket #{id} open {days} days"),
                points,
            ));
        }
    } else {
        factors.push(factor("tickets", "no ticket open".into(), 0.0));
    }
    let purchases = if p.no_purchase_in_a_year {
        "no purchase in a year".to_string()
    } else {
        format!(
            "{} purchases in the last half-year, {} in the one before",
            p.recent, p.before
        )
    };
    factors.push(factor("purchases", purchases, p.purchases));
    let detail = match p.worst_unpaid {
        Some((id, days)) => format!(
            "purchase #{id} unpaid, {days} days past due; {} unpaid past due, {} paid late this year",
            p.unpaid, p.paid_late
        ),
        None => format!("none unpaid past due, {} paid late this year", p.paid_late),
    };
    factors.push(factor("payments", detail, p.payments));
    let feedback = match p.detractor {
        Some((d, r)) => format!("rated {r}/10 on {d}: a detractor, in the last 90 days"),
        None => "no detractor rating in 90 days".to_string(),
    };
    factors.push(factor("feedback", feedback, p.detractor_points));
    let score = total("health", factors, 100.0);
    debug_assert_eq!(score.score, Some(p.total()));
    score
}

fn total(kind: &'static str, factors: Vec<Factor>, base: f64) -> Score {
    let sum: f64 = factors.iter().map(|f| f.points).sum();
    Score {
        kind,
        score: Some((base + sum).clamp(0.0, 100.0).round()),
        factors,
    }
}

pub fn score(f: &Facts, w: &Weights, today: NaiveDate) -> Score {
    if let Some(lost) = &f.lost {
        return Score {
            kind: "lost",
            score: None,
            factors: vec![factor("lost", lost.clone(), 0.0)],
        };
    }
    if f.paying {
        health(&f.events, w, today)
    } else {
        lead(f, w, today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_warm_lead() {
        let f = Facts {
            events: HealthEvents {
                last_contact: Some(ymd(2026, 11, 20)),
                ..HealthEvents::default()
            },
            interactions_90d: 3,
            inbound_90d: 1,
            meetings_90d: 1,
            progress: 0.5,
            ..Facts::default()
        };
        let s = lead(&f, &Weights::default(), ymd(2026, 11, 23));
        // 25 recency + 15 engagement + 5 inbound + 10 meetings + 10 stage
        assert_eq!(s.score, Some(65.0));
        assert_eq!(s.factors.len(), 5);
        assert_eq!(
            s.factors[0].detail,
            "last contact 3 days ago (within a week)"
        );
    }

    #[test]
    fn a_customer_drifting_away() {
        let e = HealthEvents {
            first_contact: Some(ymd(2026, 1, 1)),
            last_contact: Some(ymd(2026, 9, 1)),
            contacts: 9, // about every 30 days
            open_tickets: vec![(7, ymd(2026, 11, 3))],
            purchases: vec![
                ymd(2026, 2, 1),
                ymd(2026, 3, 1),
                ymd(2026, 4, 1),
                ymd(2026, 8, 1),
            ],
            unpaid: vec![(9, ymd(2026, 11, 9))],
            ..HealthEvents::default()
        };
        let s = health(&e, &Weights::default(), ymd(2026, 11, 23));
        let points: Vec<f64> = s.factors.iter().map(|f| f.points).collect();
        // rhythm: quiet 83 days, usual 243/8 = 30.4 → 1.73 gaps over × 25 → -43.3;
        // a ticket -10, open 20 days → 13 past a week × 3 → -39; purchases
        // fell (1 against 3) -15; one invoice 14 days late: 10 × (1 + 2) → -30;
        // no rating, so feedback 0
        assert_eq!(points, [-43.3, -10.0, -39.0, -15.0, -30.0, 0.0]);
        assert_eq!(s.score, Some(0.0));
        assert_eq!(
            health_value(&e, &Weights::default(), ymd(2026, 11, 23)),
            Some(0.0)
        );
    }

    #[test]
    fn each_warning_sign_alone_crosses_the_threshold_when_serious() {
        let today = ymd(2026, 11, 23);
        let base = HealthEvents {
            first_contact: Some(ymd(2026, 1, 1)),
            last_contact: Some(ymd(2026, 11, 20)),
            contacts: 12,
            purchases: vec![ymd(2026, 5, 1), ymd(2026, 6, 1), ymd(2026, 11, 1)],
            ..HealthEvents::default()
        };
        let w = Weights::default();
        let score = |e: &HealthEvents| health(e, &w, today).score.unwrap();
        assert_eq!(score(&base), 100.0);
        let late = |days: u64| HealthEvents {
            unpaid: vec![(3, today - chrono::Days::new(days))],
            ..base.clone()
        };
        assert!(score(&late(28)) >= 50.0, "four weeks late: not yet");
        assert!(score(&late(34)) < 50.0, "34 days late: at risk");
        let ticket = |days: u64| HealthEvents {
            open_tickets: vec![(4, today - chrono::Days::new(days))],
            ..base.clone()
        };
        assert!(score(&ticket(20)) >= 50.0);
        assert!(score(&ticket(21)) < 50.0, "a ticket open three weeks");
        // Eleven gaps over 338 days (about 31): quiet past three of them
        // beyond the usual (some 123 days) is at risk.
        let quiet = |days: u64| HealthEvents {
            first_contact: Some(ymd(2025, 10, 1)),
            last_contact: Some(today - chrono::Days::new(days)),
            contacts: 12,
            ..base.clone()
        };
        assert!(score(&quiet(80)) >= 50.0);
        assert!(score(&quiet(110)) < 50.0);
    }

    #[test]
    fn a_customer_never_contacted_has_no_health_yet() {
        let s = health(
            &HealthEvents::default(),
            &Weights::default(),
            ymd(2026, 11, 23),
        );
        assert_eq!(s.score, None);
        assert_eq!(s.label(), "health: not enough history yet");
    }

    #[test]
    fn a_happy_customer_scores_100() {
        let e = HealthEvents {
            first_contact: Some(ymd(2026, 10, 1)),
            last_contact: Some(ymd(2026, 11, 20)),
            contacts: 6,
            purchases: vec![ymd(2026, 5, 1), ymd(2026, 7, 1), ymd(2026, 11, 1)],
            ..HealthEvents::default()
        };
        assert_eq!(
            health(&e, &Weights::default(), ymd(2026, 11, 23)).score,
            Some(100.0)
        );
    }

    #[test]
    fn an_invoice_paid_on_its_due_date_is_not_late() {
        let e = HealthEvents {
            first_contact: Some(ymd(2026, 10, 1)),
            last_contact: Some(ymd(2026, 11, 20)),
            contacts: 6,
            purchases: vec![ymd(2026, 11, 1)],
            paid_late: vec![],
            ..HealthEvents::default()
        };
        assert_eq!(
            health_value(&e, &Weights::default(), ymd(2026, 11, 23)),
            Some(100.0)
        );
    }
}
