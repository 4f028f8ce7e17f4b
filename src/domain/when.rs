//! The WHEN and DURATION grammar of the contract, resolved against a given
//! "now" so that it stays free of I/O and exactly testable.
//!
//! The compact forms (`3d`, `-2w`, `1m` meaning a month) and the exact ones are
//! read here; natural phrases that remain (`next friday 8pm`, `april 1`) go to
//! the `interim` crate.

use super::Invalid;
use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use std::fmt;

/// A span of calendar time. Months and years are calendar months, so that
/// "every 1m" from 31 January lands on the last day of February.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duration {
    Days(u32),
    Weeks(u32),
    Months(u32),
    Years(u32),
}

impl Duration {
    pub fn parse(text: &str) -> Result<Duration, Invalid> {
        let t = text.trim().to_ascii_lowercase();
        let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
        let unit = t[digits.len()..].trim();
        let n: u32 = digits.parse().map_err(|_| duration_error(text))?;
        if n == 0 || n > 100_000 {
            return Err(duration_error(text));
        }
        let d = match unit {
            "d" | "day" | "days" => Duration::Days(n),
            "w" | "week" | "weeks" => Duration::Weeks(n),
            "m" | "mo" | "month" | "months" => Duration::Months(n),
            "y" | "year" | "years" => Duration::Years(n),
            _ => return Err(duration_error(text)),
        };
        Ok(d)
    }

    pub fn add_to(self, date: NaiveDate) -> Option<NaiveDate> {
        self.times(1).and_then(|d| d.shift(date, 1))
    }

    pub fn subtract_from(self, date: NaiveDate) -> Option<NaiveDate> {
        self.shift(date, -1)
    }

    /// The duration `k` times over (`k` ≥ 1), for anchored recurrences.
    pub fn times(self, k: u32) -> Option<Duration> {
        Some(match self {
            Duration::Days(n) => Duration::Days(n.checked_mul(k)?),
            Duration::Weeks(n) => Duration::Weeks(n.checked_mul(k)?),
            Duration::Months(n) => Duration::Months(n.checked_mul(k)?),
            Duration::Years(n) => Duration::Years(n.checked_mul(k)?),
        })
    }

    fn shift(self, date: NaiveDate, sign: i32) -> Option<NaiveDate> {
        let (days, months) = match self {
            Duration::Days(n) => (u64::from(n), 0),
            Duration::Weeks(n) => (u64::from(n) * 7, 0),
            Duration::Months(n) => (0, n),
            Duration::Years(n) => (0, n.checked_mul(12)?),
        };
        if sign >= 0 {
            date.checked_add_days(Days::new(days))?
                .checked_add_months(Months::new(months))
        } else {
            date.checked_sub_days(Days::new(days))?
                .checked_sub_months(Months::new(months))
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Duration::Days(n) => write!(f, "{n}d"),
            Duration::Weeks(n) => write!(f, "{n}w"),
            Duration::Months(n) => write!(f, "{n}m"),
            Duration::Years(n) => write!(f, "{n}y"),
        }
    }
}

fn duration_error(text: &str) -> Invalid {
    Invalid::Duration(text.to_string())
}

/// A resolved WHEN: a day, or a day with a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Date(NaiveDate),
    DateTime(NaiveDateTime),
}

impl When {
    pub fn date(self) -> NaiveDate {
        match self {
            When::Date(d) => d,
            When::DateTime(t) => t.date(),
        }
    }

    pub fn time(self) -> Option<NaiveTime> {
        match self {
            When::Date(_) => None,
            When::DateTime(t) => Some(t.time()),
        }
    }

    /// The instant this WHEN names, for things that happened (an interaction,
    /// a stage move): a bare day keeps the time of day of `now`, so that
    /// `--at yesterday` is 24 hours ago and today's entries keep their order.
    pub fn instant(self, now: NaiveDateTime) -> NaiveDateTime {
        match self {
            When::Date(d) => d.and_time(now.time()),
            When::DateTime(t) => t,
        }
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Date(d) => write!(f, "{}", d.format("%a %Y-%m-%d")),
            When::DateTime(t) => write!(f, "{}", t.format("%a %Y-%m-%d %H:%M")),
        }
    }
}

/// Resolves WHEN relative to the local `now`.
pub fn parse_when(text: &str, now: NaiveDateTime) -> Result<When, Invalid> {
    let t = text.trim().to_ascii_lowercase();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let today = now.date();
    let err = || Invalid::When(text.to_string());
    if t.is_empty() {
        return Err(err());
    }
    if let Ok(d) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
        return Ok(When::Date(d));
    }
    for format in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dt%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dt%H:%M:%S",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(&t, format) {
            return Ok(When::DateTime(dt));
        }
    }
    if looks_like_iso_date(&t) {
        // 2026-02-30 and friends: an impossible date, not a phrase for interim.
        return Err(err());
    }
    match t.as_str() {
        "today" | "now" => return Ok(When::Date(today)),
        "tomorrow" => return today.succ_opt().map(When::Date).ok_or_else(err),
        "yesterday" => return today.pred_opt().map(When::Date).ok_or_else(err),
        _ => {}
    }
    if let Some(when) = relative(&t, today) {
        return when.map(When::Date).ok_or_else(err);
    }
    let weekday_text = t.strip_prefix("next ").unwrap_or(&t);
    if let Some(day) = weekday(weekday_text) {
        return Ok(When::Date(next_weekday(today, day)));
    }
    // Natural phrases (`next friday 8pm`, `april 1`): interim, US dialect so
    // that "next friday" is the coming Friday, as for a bare weekday.
    let now_utc = chrono::DateTime::<chrono::Utc>::from_naive_utc_and_offset(now, chrono::Utc);
    match interim::parse_date_string(&t, now_utc, interim::Dialect::Us) {
        Ok(at) => {
            let at = at.naive_utc();
            if at.time() == NaiveTime::MIN {
                Ok(When::Date(at.date()))
            } else {
                Ok(When::DateTime(at))
            }
        }
        Err(_) => Err(err()),
    }
}

fn looks_like_iso_date(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
}

/// `+3d`, `3d`, `-2w`, `in 3 days`, `3 days ago`: Some(None) when it is of
/// this shape but out of range.
fn relative(t: &str, today: NaiveDate) -> Option<Option<NaiveDate>> {
    let (body, past) = if let Some(rest) = t.strip_prefix("in ") {
        (rest, false)
    } else if let Some(rest) = t.strip_suffix(" ago") {
        (rest, true)
    } else if let Some(rest) = t.strip_prefix('-') {
        (rest, true)
    } else {
        (t.strip_prefix('+').unwrap_or(t), false)
    };
    if !body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let duration = Duration::parse(body).ok()?;
    Some(if past {
        duration.subtract_from(today)
    } else {
        duration.add_to(today)
    })
}

fn weekday(t: &str) -> Option<Weekday> {
    let day = match t {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    };
    Some(day)
}

/// The next such weekday strictly after `today`: on a Monday, "monday" is a week away.
fn next_weekday(today: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead == 0 { 7 } else { ahead };
    today + Days::new(u64::from(ahead))
}

/// A WHEN for something that already happened, as a stored timestamp.
pub fn past_instant(text: &str, clock: crate::clock::Clock) -> Result<String, Invalid> {
    let now = clock.local_now();
    let at = crate::clock::local_to_utc(parse_when(text, now)?.instant(now));
    if at > clock.now() {
        return Err(Invalid::Future(text.to_string()));
    }
    Ok(crate::clock::format_timestamp(at))
}

/// The last day a window reaches: today, or today plus `--within`.
pub fn until(today: NaiveDate, within: Option<&str>) -> Result<NaiveDate, Invalid> {
    match within {
        Some(text) => Duration::parse(text)
            .map_err(|e| e.of_flag("--within"))?
            .add_to(today)
            .ok_or_else(|| Invalid::TooFar(format!("--within '{text}'"))),
        None => Ok(today),
    }
}

/// A birthday as the contract takes it: `YYYY-MM-DD`, or `--MM-DD` with no year.
pub fn parse_birthday(text: &str, today: NaiveDate) -> Result<String, Invalid> {
    let t = text.trim();
    let err = || Invalid::Birthday(text.to_string());
    if let Some(month_day) = t.strip_prefix("--") {
        // Validate against a leap year so that --02-29 is a real birthday.
        NaiveDate::parse_from_str(&format!("2000-{month_day}"), "%Y-%m-%d").map_err(|_| err())?;
        if month_day.len() != 5 {
            return Err(err());
        }
        return Ok(t.to_string());
    }
    let date = NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| err())?;
    if date > today {
        return Err(Invalid::BirthdayFuture(text.to_string()));
    }
    Ok(date.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        // A Monday.
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        parse_when(text, now()).unwrap().date()
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_form_of_the_contract() {
        assert_eq!(date("2026-12-01"), ymd(2026, 12, 1));
        assert_eq!(
            parse_when("2026-12-01 14:30", now()).unwrap(),
            When::DateTime(ymd(2026, 12, 1).and_hms_opt(14, 30, 0).unwrap())
        );
        assert_eq!(date("today"), ymd(2026, 11, 23));
        assert_eq!(date("tomorrow"), ymd(2026, 11, 24));
        assert_eq!(date("yesterday"), ymd(2026, 11, 22));
        assert_eq!(date("+3d"), ymd(2026, 11, 26));
        assert_eq!(date("3d"), ymd(2026, 11, 26));
        assert_eq!(date("2w"), ymd(2026, 12, 7));
        assert_eq!(date("1m"), ymd(2026, 12, 23));
        assert_eq!(date("1y"), ymd(2027, 11, 23));
        assert_eq!(date("-2d"), ymd(2026, 11, 21));
        assert_eq!(date("in 3 days"), ymd(2026, 11, 26));
        assert_eq!(date("In 2 Weeks"), ymd(2026, 12, 7));
        assert_eq!(date("3 days ago"), ymd(2026, 11, 20));
        assert_eq!(date("next monday"), ymd(2026, 11, 30));
        assert_eq!(date("monday"), ymd(2026, 11, 30));
        assert_eq!(date("friday"), ymd(2026, 11, 27));
        assert_eq!(date("Next Friday"), ymd(2026, 11, 27));
        assert_eq!(date("wed"), ymd(2026, 11, 25));
    }

    #[test]
    fn natural_phrases_fall_through_to_interim() {
        assert_eq!(date("april 1"), ymd(2026, 4, 1));
        let w = parse_when("next friday 8pm", now()).unwrap();
        assert_eq!(w.date(), ymd(2026, 11, 27));
        assert_eq!(w.time(), NaiveTime::from_hms_opt(20, 0, 0));
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        let jan31 = ymd(2027, 1, 31);
        assert_eq!(Duration::Months(1).add_to(jan31), Some(ymd(2027, 2, 28)));
        assert_eq!(
            Duration::Months(1).times(2).unwrap().add_to(jan31),
            Some(ymd(2027, 3, 31))
        );
    }

    #[test]
    fn bad_dates_name_the_value() {
        for bad in [
            "notadate",
            "2026-02-30",
            "",
            "3x",
            "+d",
            "next blursday",
            "2026-13-01 10:00",
        ] {
            let err = parse_when(bad, now()).unwrap_err().to_string();
            assert!(err.contains(&format!("'{bad}'")), "{bad}: {err}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(Duration::parse("10d"), Ok(Duration::Days(10)));
        assert_eq!(Duration::parse("3w"), Ok(Duration::Weeks(3)));
        assert_eq!(Duration::parse("6m"), Ok(Duration::Months(6)));
        assert_eq!(Duration::parse("1y"), Ok(Duration::Years(1)));
        assert_eq!(Duration::parse("2 weeks"), Ok(Duration::Weeks(2)));
        for bad in ["0d", "d", "10", "-3d", "3 fortnights", "99999999999d"] {
            assert!(Duration::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Duration::Months(6).to_string(), "6m");
    }

    #[test]
    fn birthdays() {
        let today = ymd(2026, 11, 23);
        assert_eq!(parse_birthday("1815-06-10", today).unwrap(), "1815-06-10");
        assert_eq!(parse_birthday("--02-29", today).unwrap(), "--02-29");
        assert!(parse_birthday("--02-30", today).is_err());
        assert!(parse_birthday("2030-01-01", today).is_err());
        assert!(parse_birthday("June 10", today).is_err());
    }
}
