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
    // The stored form, read directly (reports read hundreds of thousands).
    let b = text.as_bytes();
    if b.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z'
    {
        let n = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |acc, c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        };
        let date = NaiveDate::from_ymd_opt(n(0..4)? as i32, n(5..7)?, n(8..10)?)?;
        let time = NaiveTime::from_hms_opt(n(11..13)?, n(14..16)?, n(17..19)?)?;
        return Some(Utc.from_utc_datetime(&date.and_time(time)));
    }
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The local date of an instant. The zone's offset is looked up once per
/// hour of UTC time (offsets change on the hour, or half-hour, at most;
/// a lookup costs far more than the rest).
pub fn local_date(t: DateTime<Utc>) -> NaiveDate {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static OFFSETS: RefCell<HashMap<i64, i32>> = RefCell::new(HashMap::new());
    }
    let slot = t.timestamp().div_euclid(1800);
    let offset = OFFSETS.with(|o| {
        *o.borrow_mut().entry(slot).or_insert_with(|| {
            use chrono::Offset;
            Local
                .offset_from_utc_datetime(&t.naive_utc())
                .fix()
                .local_minus_utc()
        })
    });
    (t.naive_utc() + chrono::Duration::seconds(i64::from(offset))).date()
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
    parse_timestamp(text).map(local_date)
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
