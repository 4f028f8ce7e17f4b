//! Settings kept in the database, with their defaults: one documented
//! place for every threshold that `rapport config` can change.

use super::Invalid;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub default: &'static str,
    pub help: &'static str,
    kind: ValueKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    Days,
    /// A weight: a number from 0 to 100.
    Weight,
    Stage,
    /// A whole number from 0 to 100,000.
    Count,
    /// A From: header: `Name <address>` or an address.
    Address,
}

pub const KEYS: &[Key] = &[
    Key { name: "quiet-days", default: "0", help: "hold back rule reminders for contacts touched in the last N days", kind: ValueKind::Days },
    Key { name: "paying-stage", default: "", help: "the stage where contacts become paying customers (default: conversion, else the middle stage)", kind: ValueKind::Stage },
    Key { name: "greeting-grace-days", default: "3", help: "a birthday or anniversary not marked done stays in due, overdue, this many days", kind: ValueKind::Days },
    Key { name: "ticket-days", default: "2", help: "an open ticket shows in `due` after this many days", kind: ValueKind::Days },
    Key { name: "from", default: "", help: "the From: of drafts written with --eml, like 'Sam <sam@example.com>'", kind: ValueKind::Address },
    Key { name: "lead-recency", default: "25", help: "lead score: points for a contact within a week (half within a month, a fifth within a quarter)", kind: ValueKind::Weight },
    Key { name: "lead-engagement", default: "5", help: "lead score: points per interaction in 90 days (up to 5)", kind: ValueKind::Weight },
    Key { name: "lead-inbound", default: "5", help: "lead score: points per inbound interaction in 90 days (up to 4)", kind: ValueKind::Weight },
    Key { name: "lead-meetings", default: "10", help: "lead score: points per meeting in 90 days (up to 2)", kind: ValueKind::Weight },
    Key { name: "lead-stage", default: "20", help: "lead score: points for being at the stage just before paying (less for earlier)", kind: ValueKind::Weight },
    Key { name: "health-rhythm", default: "25", help: "health: points lost per usual gap of silence beyond the usual (at least a week; up to 3 gaps)", kind: ValueKind::Weight },
    Key { name: "health-tickets", default: "10", help: "health: points lost per open ticket (up to 3)", kind: ValueKind::Weight },
    Key { name: "health-ticket-age", default: "3", help: "health: points lost per day the oldest ticket is open past a week (up to 20 days)", kind: ValueKind::Weight },
    Key { name: "health-purchases", default: "15", help: "health: points lost when purchases fell against the half-year before (a third more with none in a year)", kind: ValueKind::Weight },
    Key { name: "health-late-payments", default: "10", help: "health: points lost per unpaid invoice on its due date, and as much again each week late (up to 6 times; 3 invoices); half per one paid late this year", kind: ValueKind::Weight },
    Key { name: "health-detractor", default: "20", help: "health: points lost when the latest rating in 90 days is a detractor's (0-6)", kind: ValueKind::Weight },
    Key { name: "lead-promoter-referral", default: "10", help: "lead score: points for being referred by a promoter (latest rating 9-10)", kind: ValueKind::Weight },
    Key { name: "points-per-purchase-unit", default: "0", help: "loyalty points earned per unit of currency spent (0: none); a purchase undone takes its points back", kind: ValueKind::Count },
    Key { name: "points-per-referral", default: "0", help: "loyalty points a referrer earns when someone they referred first pays (0: none)", kind: ValueKind::Count },
    Key { name: "health-threshold", default: "50", help: "a paying customer whose health is below this is at risk (in due and in report at-risk)", kind: ValueKind::Weight },
];

/// Settings earlier versions had, which a restored export may still carry:
/// dropped, not refused. (At risk is now health below `health-threshold`.)
pub const RETIRED: &[&str] = &[
    "at-risk-factor",
    "at-risk-quiet-days",
    "at-risk-ticket-days",
];

pub fn key(name: &str) -> Result<&'static Key, Invalid> {
    KEYS.iter()
        .find(|k| k.name == name.trim())
        .ok_or_else(|| Invalid::SettingKey(name.to_string()))
}

/// Every setting's name, for messages.
pub fn names() -> String {
    KEYS.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
}

impl Key {
    /// Checks a value; `stages` is the pipeline, for stage settings.
    pub fn validate(&self, value: &str, stages: &[String]) -> Result<String, Invalid> {
        let v = value.trim();
        let bad = |expected: &'static str| Invalid::SettingValue {
            key: self.name,
            value: value.to_string(),
            expected,
        };
        match self.kind {
            ValueKind::Days => v
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= 3650)
                .map(|n| n.to_string())
                .ok_or_else(|| bad("a number of days: expected 0 to 3650")),
            ValueKind::Weight => v
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite() && *f >= 0.0 && *f <= 100.0)
                .map(|f| f.to_string())
                .ok_or_else(|| bad("a weight: expected a number from 0 to 100")),
            ValueKind::Count => v
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= 100_000)
                .map(|n| n.to_string())
                .ok_or_else(|| bad("a whole number from 0 to 100000")),
            ValueKind::Stage => stages
                .iter()
                .find(|s| s.eq_ignore_ascii_case(v))
                .cloned()
                .ok_or_else(|| Invalid::UnknownStage {
                    stage: value.to_string(),
                    known: stages.to_vec(),
                }),
            ValueKind::Address => address(v).ok_or_else(|| {
                bad("an address: expected 'Name <name@example.com>' or name@example.com, on one line")
            }),
        }
    }
}

/// A From: value that can only ever be one header line.
fn address(v: &str) -> Option<String> {
    if v.is_empty() {
        return Some(String::new());
    }
    let line = super::text::single_line(v).ok().flatten()?;
    if line != v {
        return None;
    }
    let email = match (line.rfind('<'), line.strip_suffix('>')) {
        (Some(open), Some(inner)) => {
            let name = &line[..open];
            if name.contains(['<', '>', '"', ',', ';']) {
                return None;
            }
            &inner[open + 1..]
        }
        _ => line.as_str(),
    };
    super::contact::validate_email(email).ok()?;
    Some(line)
}

#[derive(Debug, Clone, Serialize)]
pub struct Setting {
    pub key: String,
    pub value: String,
    pub default: bool,
    pub help: String,
}

/// The paying stage when none is set: `conversion`, else the middle of the
/// pipeline (`enhancement` in the phases preset).
pub fn default_paying_stage(stages: &[String]) -> Option<String> {
    stages
        .iter()
        .find(|s| s.eq_ignore_ascii_case("conversion"))
        .or_else(|| stages.get(stages.len() / 2))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked() {
        let stages = vec!["reach".to_string(), "conversion".to_string()];
        assert_eq!(
            key("quiet-days").unwrap().validate("7", &stages).unwrap(),
            "7"
        );
        assert!(key("quiet-days")
            .unwrap()
            .validate("-1", &stages)
            .unwrap_err()
            .to_string()
            .contains("'-1'"));
        assert_eq!(
            key("paying-stage")
                .unwrap()
                .validate("Conversion", &stages)
                .unwrap(),
            "conversion"
        );
        assert!(key("paying-stage")
            .unwrap()
            .validate("gold", &stages)
            .is_err());
        assert!(key("health-threshold")
            .unwrap()
            .validate("101", &stages)
            .is_err());
        assert!(key("colour").unwrap_err().to_string().contains("'colour'"));
    }

    #[test]
    fn paying_stage_defaults() {
        let lifecycle: Vec<String> = super::super::stage::LIFECYCLE
            .iter()
            .map(|s| s.to_string())
            .collect();
        let phases: Vec<String> = super::super::stage::PHASES
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(default_paying_stage(&lifecycle).unwrap(), "conversion");
        assert_eq!(default_paying_stage(&phases).unwrap(), "enhancement");
    }
}
