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
    Factor,
    /// A weight: a number from 0 to 100.
    Factor0,
    Stage,
    Text,
}

pub const KEYS: &[Key] = &[
    Key { name: "quiet-days", default: "0", help: "hold back rule reminders for contacts touched in the last N days", kind: ValueKind::Days },
    Key { name: "paying-stage", default: "", help: "the stage where contacts become paying customers (default: conversion, else the middle stage)", kind: ValueKind::Stage },
    Key { name: "ticket-days", default: "2", help: "an open ticket shows in `due` after this many days", kind: ValueKind::Days },
    Key { name: "at-risk-factor", default: "3", help: "at risk when quiet for this many times a customer's usual gap between contacts", kind: ValueKind::Factor },
    Key { name: "at-risk-quiet-days", default: "21", help: "...and quiet for at least this many days", kind: ValueKind::Days },
    Key { name: "at-risk-ticket-days", default: "14", help: "at risk when a ticket has been open this many days", kind: ValueKind::Days },
    Key { name: "from", default: "", help: "the From: of drafts written with --eml, like 'Sam <sam@example.com>'", kind: ValueKind::Text },
    Key { name: "lead-recency", default: "25", help: "lead score: points for a contact within a week (half within a month, a fifth within a quarter)", kind: ValueKind::Factor0 },
    Key { name: "lead-engagement", default: "5", help: "lead score: points per interaction in 90 days (up to 5)", kind: ValueKind::Factor0 },
    Key { name: "lead-inbound", default: "5", help: "lead score: points per inbound interaction in 90 days (up to 4)", kind: ValueKind::Factor0 },
    Key { name: "lead-meetings", default: "10", help: "lead score: points per meeting in 90 days (up to 2)", kind: ValueKind::Factor0 },
    Key { name: "lead-stage", default: "20", help: "lead score: points for being at the stage just before paying (less for earlier)", kind: ValueKind::Factor0 },
    Key { name: "health-rhythm", default: "20", help: "health: points lost per usual gap of silence beyond the usual (up to 2 gaps)", kind: ValueKind::Factor0 },
    Key { name: "health-tickets", default: "10", help: "health: points lost per open ticket (up to 3)", kind: ValueKind::Factor0 },
    Key { name: "health-ticket-age", default: "1", help: "health: points lost per day the oldest ticket is open past a week (up to 20 days)", kind: ValueKind::Factor0 },
    Key { name: "health-purchases", default: "15", help: "health: points lost when purchases fell against the half-year before (a third more with none in a year)", kind: ValueKind::Factor0 },
    Key { name: "health-late-payments", default: "10", help: "health: points lost per unpaid overdue invoice (half per one paid late this year; up to 3 each)", kind: ValueKind::Factor0 },
    Key { name: "health-threshold", default: "50", help: "report at-risk lists paying customers whose health is below this", kind: ValueKind::Factor0 },
];

pub fn key(name: &str) -> Result<&'static Key, Invalid> {
    KEYS.iter().find(|k| k.name == name.trim()).ok_or_else(|| {
        format!(
            "'{name}' is not a setting: expected one of {}",
            KEYS.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
        )
    })
}

impl Key {
    /// Checks a value; `stages` is the pipeline, for stage settings.
    pub fn validate(&self, value: &str, stages: &[String]) -> Result<String, Invalid> {
        let v = value.trim();
        match self.kind {
            ValueKind::Days => v
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= 3650)
                .map(|n| n.to_string())
                .ok_or_else(|| {
                    format!(
                        "{} '{value}' is not a number of days: expected 0 to 3650",
                        self.name
                    )
                }),
            ValueKind::Factor => v
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite() && *f >= 1.0 && *f <= 100.0)
                .map(|f| f.to_string())
                .ok_or_else(|| {
                    format!(
                        "{} '{value}' is not a factor: expected a number from 1 to 100",
                        self.name
                    )
                }),
            ValueKind::Factor0 => v
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite() && *f >= 0.0 && *f <= 100.0)
                .map(|f| f.to_string())
                .ok_or_else(|| {
                    format!(
                        "{} '{value}' is not a weight: expected a number from 0 to 100",
                        self.name
                    )
                }),
            ValueKind::Stage => stages
                .iter()
                .find(|s| s.eq_ignore_ascii_case(v))
                .cloned()
                .ok_or_else(|| {
                    format!(
                        "unknown stage '{value}': expected one of {}",
                        stages.join(", ")
                    )
                }),
            ValueKind::Text => Ok(v.to_string()),
        }
    }
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
        assert!(key("at-risk-factor")
            .unwrap()
            .validate("0.5", &stages)
            .is_err());
        assert!(key("colour").unwrap_err().contains("'colour'"));
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
