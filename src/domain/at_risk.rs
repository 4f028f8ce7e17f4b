//! At risk: the one definition that `due` and `report at-risk` share. A
//! paying customer is at risk when their health is below the threshold
//! (`health-threshold`); the reasons are the health factors that cost
//! points. A customer with no history yet has no health, so is never at
//! risk for lack of data.

use super::score::{self, Facts, Weights};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AtRisk {
    pub contact_id: i64,
    pub contact: String,
    pub health: f64,
    pub reasons: Vec<String>,
    /// Which alert this is: a later silence, another ticket or another
    /// unpaid invoice makes a new one even after the last was done.
    #[serde(skip)]
    pub spell: String,
    /// `due` offers no outreach to them; the report still lists them.
    #[serde(skip)]
    pub do_not_contact: bool,
}

/// The customer's health and why, if it is below the threshold.
pub fn assess(
    contact_id: i64,
    contact: &str,
    facts: &Facts,
    weights: &Weights,
    threshold: f64,
    today: NaiveDate,
) -> Option<AtRisk> {
    if !facts.paying {
        return None;
    }
    let s = score::health(facts, weights, today);
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
        facts
            .last_contact
            .map(|d| d.to_string())
            .unwrap_or_default(),
        facts.oldest_ticket.map(|t| t.0).unwrap_or(0),
        facts.unpaid.first().map(|p| p.0).unwrap_or(0)
    );
    Some(AtRisk {
        contact_id,
        contact: contact.to_string(),
        health,
        reasons,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_late_invoice_puts_a_customer_at_risk_with_its_reason() {
        let today = ymd(2026, 11, 23);
        let facts = Facts {
            paying: true,
            first_contact: Some(ymd(2026, 6, 1)),
            last_contact: Some(ymd(2026, 11, 20)),
            contacts: 10,
            purchases_recent: 1,
            last_purchase: Some(ymd(2026, 10, 1)),
            unpaid: vec![(12, ymd(2026, 10, 20))],
            ..Facts::default()
        };
        let r = assess(4, "Cat", &facts, &Weights::default(), 50.0, today).unwrap();
        assert_eq!(r.health, 41.0);
        assert_eq!(
            r.reasons,
            ["purchase #12 unpaid, 34 days past due; 1 unpaid past due, 0 paid late this year (-58.6)"]
        );
        assert_eq!(r.spell, "2026-11-20/0/12");
        let lead = Facts {
            paying: false,
            ..facts.clone()
        };
        assert!(assess(4, "Cat", &lead, &Weights::default(), 50.0, today).is_none());
        let new_customer = Facts {
            paying: true,
            ..Facts::default()
        };
        assert!(assess(4, "Cat", &new_customer, &Weights::default(), 50.0, today).is_none());
    }
}
