//! At risk: the one definition that `due` and `report at-risk` share. A
//! paying customer is at risk when their health is below the threshold
//! (`health-threshold`); the reasons are the health factors that cost
//! points. A customer with no history yet has no health, so is never at
//! risk for lack of data.
//!
//! Health changes with time alone (silence grows, an invoice gets later),
//! so the days a customer will be at risk are computed ahead from what is
//! recorded, each time that changes, and kept: the list is then a look-up.

use super::score::{self, HealthEvents, Weights};
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// How far ahead the days at risk are computed. Past it, a read computes
/// the day itself.
pub const HORIZON_DAYS: u64 = 730;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AtRisk {
    pub contact_id: i64,
    pub contact: String,
    pub health: f64,
    pub reasons: Vec<String>,
    /// The day this spell at risk began.
    pub since: NaiveDate,
    /// Which alert this is: a later silence, another ticket or another
    /// unpaid invoice makes a new one even after the last was done.
    #[serde(skip)]
    pub spell: String,
    /// `due` offers no outreach to them; the report still lists them.
    #[serde(skip)]
    pub do_not_contact: bool,
}

/// The customer's health and why, if it is below the threshold on `today`.
pub fn assess(
    contact_id: i64,
    contact: &str,
    events: &HealthEvents,
    weights: &Weights,
    threshold: f64,
    today: NaiveDate,
    since: NaiveDate,
) -> Option<AtRisk> {
    let s = score::health(events, weights, today);
    let health = s.score?;
    if health >= threshold {
        return None;
    }
    let reasons = s
        .factors
        .iter()
        .filter(|f| f.points < 0.0)
        .map(|f| format!("{} ({:+})", f.detail, f.points))
        .collect();
    let spell = format!(
        "{}/{}/{}",
        events
            .last_contact
            .map(|d| d.to_string())
            .unwrap_or_default(),
        events
            .open_tickets
            .iter()
            .find(|(_, opened)| *opened <= today)
            .map(|t| t.0)
            .unwrap_or(0),
        events.unpaid_on(today).next().map(|p| p.0).unwrap_or(0)
    );
    Some(AtRisk {
        contact_id,
        contact: contact.to_string(),
        health,
        reasons,
        since,
        spell,
        do_not_contact: false,
    })
}

/// Worst health first, then by contact.
pub fn sort(list: &mut [AtRisk]) {
    list.sort_by(|a, b| {
        a.health
            .total_cmp(&b.health)
            .then(a.contact_id.cmp(&b.contact_id))
    });
}

/// A spell at risk: from a day, until a day (not included), or open.
pub type Spell = (NaiveDate, Option<NaiveDate>);

/// The days from `from` (for `HORIZON_DAYS`) on which health is below the
/// threshold, as spells; none for a customer with no history.
pub fn spells(
    events: &HealthEvents,
    weights: &Weights,
    threshold: f64,
    from: NaiveDate,
) -> Vec<Spell> {
    spells_with_max(events, weights, threshold, from, NaiveDate::MAX).0
}

/// `spells`, and the highest health on `today` or after, within the same
/// horizon: a bound on the score, for sorting by it without computing
/// everyone's (None: no history, no health).
pub fn spells_with_max(
    events: &HealthEvents,
    weights: &Weights,
    threshold: f64,
    from: NaiveDate,
    today: NaiveDate,
) -> (Vec<Spell>, Option<f64>) {
    let mut spells: Vec<Spell> = Vec::new();
    let mut open: Option<NaiveDate> = None;
    let mut max: Option<f64> = None;
    for n in 0..HORIZON_DAYS {
        let Some(day) = from.checked_add_days(Days::new(n)) else {
            break;
        };
        let health = score::health_value(events, weights, day);
        if day >= today {
            if let Some(h) = health {
                max = Some(max.map_or(h, |m: f64| m.max(h)));
            }
        }
        let below = health.is_some_and(|h| h < threshold);
        match (below, open) {
            (true, None) => open = Some(day),
            (false, Some(start)) => {
                spells.push((start, Some(day)));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        spells.push((start, None));
    }
    (spells, max)
}

/// The spell `day` falls in, if any.
pub fn spell_on(spells: &[Spell], day: NaiveDate) -> Option<Spell> {
    spells
        .iter()
        .copied()
        .find(|(from, until)| *from <= day && until.is_none_or(|u| day < u))
}

/// Spells as kept: `FROM..UNTIL;FROM..` (UNTIL left out when open).
pub fn encode(spells: &[Spell]) -> Option<String> {
    (!spells.is_empty()).then(|| {
        spells
            .iter()
            .map(|(from, until)| match until {
                Some(u) => format!("{from}..{u}"),
                None => format!("{from}.."),
            })
            .collect::<Vec<_>>()
            .join(";")
    })
}

pub fn decode(text: &str) -> Vec<Spell> {
    text.split(';')
        .filter_map(|part| {
            let (from, until) = part.split_once("..")?;
            let from = NaiveDate::parse_from_str(from, "%Y-%m-%d").ok()?;
            let until = NaiveDate::parse_from_str(until, "%Y-%m-%d").ok();
            Some((from, until))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn late_payer() -> HealthEvents {
        HealthEvents {
            first_contact: Some(ymd(2026, 6, 1)),
            last_contact: Some(ymd(2026, 11, 20)),
            contacts: 10,
            purchases: vec![ymd(2026, 10, 1)],
            unpaid: vec![(12, ymd(2026, 10, 20))],
            ..HealthEvents::default()
        }
    }

    #[test]
    fn a_late_invoice_puts_a_customer_at_risk_with_its_reason() {
        let today = ymd(2026, 11, 23);
        let r = assess(
            4,
            "Cat",
            &late_payer(),
            &Weights::default(),
            50.0,
            today,
            today,
        )
        .unwrap();
        assert_eq!(r.health, 41.0);
        assert_eq!(
            r.reasons,
            ["purchase #12 unpaid, 34 days past due; 1 unpaid past due, 0 paid late this year (-58.6)"]
        );
        assert_eq!(r.spell, "2026-11-20/0/12");
        assert!(assess(
            4,
            "Cat",
            &HealthEvents::default(),
            &Weights::default(),
            50.0,
            today,
            today
        )
        .is_none());
    }

    #[test]
    fn spells_start_on_the_day_health_falls_below_and_match_health_each_day() {
        let w = Weights::default();
        let from = ymd(2026, 10, 20);
        let spells = spells(&late_payer(), &w, 50.0, from);
        // 28 days late: 10 × (1 + 4) = 50 → 50, not below; 29 days: below.
        assert_eq!(spells[0].0, ymd(2026, 11, 18));
        for n in 0..HORIZON_DAYS {
            let day = from + Days::new(n);
            let below = score::health_value(&late_payer(), &w, day).is_some_and(|h| h < 50.0);
            assert_eq!(spell_on(&spells, day).is_some(), below, "{day}");
        }
        assert_eq!(decode(&encode(&spells).unwrap()), spells);
    }

    #[test]
    fn a_spell_ends_when_late_payments_age_out() {
        // Paid late three times last June: below 80 until those stop counting.
        let e = HealthEvents {
            first_contact: Some(ymd(2024, 1, 1)),
            last_contact: Some(ymd(2026, 2, 25)),
            contacts: 3,
            purchases: vec![ymd(2025, 6, 1), ymd(2025, 7, 1), ymd(2026, 2, 1)],
            paid_late: vec![ymd(2025, 6, 1); 3],
            ..HealthEvents::default()
        };
        let spells = spells(&e, &Weights::default(), 80.0, ymd(2026, 3, 1));
        assert_eq!(spells[0].0, ymd(2026, 3, 1));
        let end = spells[0].1.expect("the spell ends");
        assert!(end <= ymd(2026, 6, 2), "{spells:?}");
    }
}
