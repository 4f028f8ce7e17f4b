//! Lead and health scores, explainable: every point comes from a named
//! factor, and the weights are settings (`rapport config`) with the
//! defaults below.

use chrono::NaiveDate;
use serde::Serialize;

/// What the scores are computed from, for one contact.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub paying: bool,
    /// Position of the stage before the paying one, as a share: 0 for the
    /// first stage, 1 for the last stage before paying.
    pub progress: f64,
    pub last_contact: Option<NaiveDate>,
    pub first_contact: Option<NaiveDate>,
    pub contacts: i64,
    pub interactions_90d: i64,
    pub inbound_90d: i64,
    pub meetings_90d: i64,
    pub open_tickets: i64,
    /// (ticket id, opened) of the oldest open ticket.
    pub oldest_ticket: Option<(i64, NaiveDate)>,
    pub purchases_recent: i64,
    pub purchases_before: i64,
    pub last_purchase: Option<NaiveDate>,
    /// Unpaid invoices past their due date: (purchase id, due), most overdue first.
    pub unpaid: Vec<(i64, NaiveDate)>,
    pub paid_late: i64,
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
            None => format!("{}: not enough history yet", self.kind),
        }
    }
}

fn factor(name: &str, detail: String, points: f64) -> Factor {
    Factor {
        factor: name.to_string(),
        detail,
        points: (points * 10.0).round() / 10.0,
    }
}

/// Lead score 0–100: recent and frequent engagement, inbound replies,
/// meetings, and how far along the pipeline they are.
pub fn lead(f: &Facts, w: &Weights, today: NaiveDate) -> Score {
    let mut factors = Vec::new();
    let recency = match f.last_contact.map(|d| (today - d).num_days()) {
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
    total("lead", factors, 0.0)
}

/// The shortest usual gap that counts: someone seen daily is not at risk
/// after three quiet days.
const MIN_USUAL_GAP: f64 = 7.0;

/// Health score 0–100 for a paying customer: starts at 100 and loses
/// points for silence beyond their own rhythm, open tickets and their age,
/// fewer purchases than before, and invoices paid late or not at all.
/// Weighted so that each warning sign alone crosses the default threshold
/// (50) when it becomes serious: silence past three usual gaps, a ticket
/// open three weeks, an invoice unpaid four weeks past due.
/// A customer never contacted has no health yet: nothing to judge by.
pub fn health(f: &Facts, w: &Weights, today: NaiveDate) -> Score {
    let (Some(first), Some(last)) = (f.first_contact, f.last_contact) else {
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
    let mut factors = Vec::new();
    let quiet = (today - last).num_days().max(0) as f64;
    let (usual, how) = if f.contacts >= 3 {
        let usual = (last - first).num_days() as f64 / (f.contacts - 1) as f64;
        (usual, format!("usually every {:.0}", usual.max(1.0)))
    } else {
        (
            30.0,
            "too few contacts for a rhythm, 30 assumed".to_string(),
        )
    };
    let usual = usual.max(MIN_USUAL_GAP);
    let over = ((quiet - usual) / usual).clamp(0.0, 3.0);
    factors.push(factor(
        "rhythm",
        format!("quiet {quiet:.0} days; {how}"),
        -over * w.health_rhythm,
    ));
    if f.open_tickets > 0 {
        factors.push(factor(
            "tickets",
            format!("{} open", f.open_tickets),
            -(f.open_tickets.min(3) as f64) * w.health_tickets,
        ));
        if let Some((id, opened)) = f.oldest_ticket {
            let days = (today - opened).num_days();
            let past = (days - 7).clamp(0, 20) as f64;
            factors.push(factor(
                "ticket age",
                format!("ticket #{id} open {days} days"),
                -past * w.health_ticket_age,
            ));
        }
    } else {
        factors.push(factor("tickets", "none open".into(), 0.0));
    }
    let purchases = if f.purchases_recent == 0
        && f.last_purchase.is_none_or(|d| (today - d).num_days() > 365)
    {
        (
            -(w.health_purchases * 4.0 / 3.0),
            "no purchase in a year".to_string(),
        )
    } else if f.purchases_recent < f.purchases_before {
        (
            -w.health_purchases,
            format!(
                "{} purchases in the last half-year, {} in the one before",
                f.purchases_recent, f.purchases_before
            ),
        )
    } else {
        (
            0.0,
            format!(
                "{} purchases in the last half-year, {} in the one before",
                f.purchases_recent, f.purchases_before
            ),
        )
    };
    factors.push(factor("purchases", purchases.1, purchases.0));
    // Each unpaid invoice costs more the longer it is late: the weight on
    // the due date, and as much again every week after, up to six times.
    let mut late = 0.0;
    let mut worst = None;
    for (id, due) in f.unpaid.iter().take(3) {
        let days = (today - *due).num_days().max(0);
        late += w.health_late_payments * (1.0 + days as f64 / 7.0).min(6.0);
        worst = worst.or(Some((*id, days)));
    }
    late += f.paid_late.min(3) as f64 * w.health_late_payments / 2.0;
    let detail = match worst {
        Some((id, days)) => format!(
            "purchase #{id} unpaid, {days} days past due; {} unpaid past due, {} paid late this year",
            f.unpaid.len(),
            f.paid_late
        ),
        None => format!("none unpaid past due, {} paid late this year", f.paid_late),
    };
    factors.push(factor("payments", detail, -late));
    total("health", factors, 100.0)
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
    if f.paying {
        health(f, w, today)
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
            last_contact: Some(ymd(2026, 11, 20)),
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
        let f = Facts {
            paying: true,
            first_contact: Some(ymd(2026, 1, 1)),
            last_contact: Some(ymd(2026, 9, 1)),
            contacts: 9, // about every 30 days
            open_tickets: 1,
            oldest_ticket: Some((7, ymd(2026, 11, 3))),
            purchases_recent: 1,
            purchases_before: 3,
            last_purchase: Some(ymd(2026, 8, 1)),
            unpaid: vec![(9, ymd(2026, 11, 9))],
            ..Facts::default()
        };
        let s = health(&f, &Weights::default(), ymd(2026, 11, 23));
        let points: Vec<f64> = s.factors.iter().map(|f| f.points).collect();
        // rhythm: quiet 83 days, usual 243/8 = 30.4 → 1.73 gaps over × 25 → -43.3;
        // a ticket -10, open 20 days → 13 past a week × 3 → -39; purchases fell -15;
        // one invoice 14 days late: 10 × (1 + 2) → -30
        assert_eq!(points, [-43.3, -10.0, -39.0, -15.0, -30.0]);
        assert_eq!(s.score, Some(0.0));
    }

    #[test]
    fn each_warning_sign_alone_crosses_the_threshold_when_serious() {
        let today = ymd(2026, 11, 23);
        let base = Facts {
            paying: true,
            first_contact: Some(ymd(2026, 1, 1)),
            last_contact: Some(ymd(2026, 11, 20)),
            contacts: 12,
            purchases_recent: 2,
            purchases_before: 1,
            last_purchase: Some(ymd(2026, 11, 1)),
            ..Facts::default()
        };
        let w = Weights::default();
        let score = |f: &Facts| health(f, &w, today).score.unwrap();
        assert_eq!(score(&base), 100.0);
        let late = |days: u64| Facts {
            unpaid: vec![(3, today - chrono::Days::new(days))],
            ..base.clone()
        };
        assert!(score(&late(28)) >= 50.0, "four weeks late: not yet");
        assert!(score(&late(34)) < 50.0, "34 days late: at risk");
        let ticket = |days: u64| Facts {
            open_tickets: 1,
            oldest_ticket: Some((4, today - chrono::Days::new(days))),
            ..base.clone()
        };
        assert!(score(&ticket(20)) >= 50.0);
        assert!(score(&ticket(21)) < 50.0, "a ticket open three weeks");
        // Usual gap 29 days: quiet past three gaps (87 days) is at risk.
        let quiet = |days: u64| Facts {
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
        let f = Facts {
            paying: true,
            ..Facts::default()
        };
        let s = health(&f, &Weights::default(), ymd(2026, 11, 23));
        assert_eq!(s.score, None);
        assert_eq!(s.label(), "health: not enough history yet");
    }

    #[test]
    fn a_happy_customer_scores_100() {
        let f = Facts {
            paying: true,
            first_contact: Some(ymd(2026, 10, 1)),
            last_contact: Some(ymd(2026, 11, 20)),
            contacts: 6,
            purchases_recent: 2,
            purchases_before: 1,
            last_purchase: Some(ymd(2026, 11, 1)),
            ..Facts::default()
        };
        assert_eq!(
            health(&f, &Weights::default(), ymd(2026, 11, 23)).score,
            Some(100.0)
        );
    }
}
