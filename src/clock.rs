//! The one source of "now". `RAPPORT_NOW` fixes it so that due dates,
//! dormancy and reports are reproducible in tests and scripts.

use crate::domain::Invalid;
use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

#[derive(Debug, Clone, Copy)]
pub struct Clock {
    now: DateTime<Utc>,
}

impl Clock {
    /// Reads `RAPPORT_NOW` (RFC 3339 or `YYYY-MM-DD`), else the system clock.
    pub fn from_env() -> Result<Clock, Invalid> {
        match std::env::var("RAPPORT_NOW") {
            Ok(text) if !text.trim().is_empty() => Clock::parse(text.trim()),
            _ => Ok(Clock { now: Utc::now() }),
        }
    }

    pub fn parse(text: &str) -> Result<Clock, Invalid> {
        if let Ok(at) = DateTime::parse_from_rfc3339(text) {
            return Ok(Clock::fixed(at.with_timezone(&Utc)));
        }
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(Clock::fixed(local_to_utc(date.and_time(NaiveTime::MIN))));
        }
        Err(Invalid::Now(text.to_string()))
    }

    pub fn fixed(now: DateTime<Utc>) -> Clock {
        Clock { now }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Now on the wall clock of this machine: dates people talk about are local.
    pub fn local_now(&self) -> NaiveDateTime {
        self.now.with_timezone(&Local).naive_local()
    }

    pub fn today(&self) -> NaiveDate {
        self.local_now().date()
    }
}

/// A local wall-clock time as UTC; on a DST gap the earliest valid reading wins.
pub fn local_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    match Local.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        chrono::LocalResult::None => Utc.from_utc_datetime(&local),
    }
}

/// How timestamps are stored and printed in JSON: RFC 3339 in UTC, to the second.
/// Fixed-width, so text order is time order in SQL.
pub fn format_timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A stored timestamp as a local `YYYY-MM-DD HH:MM` for tables.
pub fn display_timestamp(text: &str) -> String {
    match parse_timestamp(text) {
        Some(t) => t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string(),
        None => text.to_string(),
    }
}

/// The local date of a stored timestamp.
pub fn timestamp_date(text: &str) -> Option<NaiveDate> {
    parse_timestamp(text).map(|t| t.with_timezone(&Local).date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rfc3339_and_date() {
        let c = Clock::parse("2026-11-23T09:00:00Z").unwrap();
        assert_eq!(format_timestamp(c.now()), "2026-11-23T09:00:00Z");
        assert!(Clock::parse("2026-11-23").is_ok());
    }

    #[test]
    fn rejects_garbage() {
        let err = Clock::parse("soon").unwrap_err().to_string();
        assert!(err.contains("'soon'"), "{err}");
    }
}
