//! The WHEN and DURATION grammar of the contract, resolved against a given
//! "now" so that it stays free of I/O and exactly testable.
//!
//! One closed grammar, read here in full: what it does not list is an error
//! naming the value, never a guess (`12` is not the year 12, `25pm` not
//! tomorrow at one).

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

/// The years a date may fall in: four digits, so that every date prints,
/// sorts and round-trips as YYYY-MM-DD (an `.ics`, a CSV, a JSON export).
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// A date within `YEARS`, or None.
pub fn in_years(date: NaiveDate) -> Option<NaiveDate> {
    YEARS.contains(&date.year()).then_some(date)
}

/// A stored timestamp: `YYYY-MM-DDTHH:MM:SSZ` exactly, as rapport writes
/// them, in `YEARS`; what an edited export or a foreign write must match.
pub fn check_timestamp(text: &str) -> Result<(), Invalid> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%SZ")
        .ok()
        .filter(|t| text.len() == 20 && YEARS.contains(&t.year()))
        .map(|_| ())
        .ok_or_else(|| Invalid::Timestamp(text.to_string()))
}

/// A stored day: `YYYY-MM-DD` in `YEARS`.
pub fn check_day(text: &str) -> Result<NaiveDate, Invalid> {
    iso_date(text)
        .and_then(in_years)
        .ok_or_else(|| Invalid::Day(text.to_string()))
}

/// Resolves WHEN relative to the local `now`. The grammar is closed: a
/// day (`YYYY-MM-DD`, `today`, `tomorrow`, `yesterday`, `now`, `+3d`, `3d`,
/// `-2w`, `in 3 days`, `3 days ago`, a weekday, `next monday`, `last
/// friday`, `april 1`, `1 april 2027`), optionally followed by a time of day
/// (`14:30`, `8pm`, `8:30am`, `noon`, `midnight`, with or without `at`), or
/// `YYYY-MM-DD HH:MM[:SS]` (`T` between them too). Anything else is refused,
/// never guessed.
pub fn parse_when(text: &str, now: NaiveDateTime) -> Result<When, Invalid> {
    let t = text.trim().to_ascii_lowercase();
    let words: Vec<&str> = t.split_whitespace().collect();
    let err = || Invalid::When(text.to_string());
    if words.is_empty() {
        return Err(err());
    }
    let joined = words.join(" ");
    for format in ["%Y-%m-%dt%H:%M", "%Y-%m-%dt%H:%M:%S"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(&joined, format) {
            return in_years(dt.date())
                .map(|_| When::DateTime(dt))
                .ok_or_else(err);
        }
    }
    // The longest leading run of words that is a day; what follows, a time.
    for split in (1..=words.len()).rev() {
        let Some(day) = day_of(&words[..split], now.date()) else {
            continue;
        };
        let day = day.and_then(in_years).ok_or_else(err)?;
        let rest = &words[split..];
        let rest = match rest.first() {
            Some(&"at") => &rest[1..],
            _ => rest,
        };
        return match rest {
            [] => Ok(When::Date(day)),
            [time] => time_of_day(time)
                .map(|t| When::DateTime(day.and_time(t)))
                .ok_or_else(err),
            _ => Err(err()),
        };
    }
    Err(err())
}

/// The day some words name: None when they are not a day at all, Some(None)
/// when they are of a day's shape but no such day exists (2026-02-30).
fn day_of(words: &[&str], today: NaiveDate) -> Option<Option<NaiveDate>> {
    match words {
        [w] => match *w {
            "today" | "now" => Some(Some(today)),
            "tomorrow" => Some(today.succ_opt()),
            "yesterday" => Some(today.pred_opt()),
            w if looks_like_iso_date(w) => Some(iso_date(w)),
            w => {
                if let Some(day) = weekday(w) {
                    return Some(Some(next_weekday(today, day)));
                }
                relative(w, today)
            }
        },
        ["next", w] => weekday(w).map(|d| Some(next_weekday(today, d))),
        ["last", w] => weekday(w).map(|d| Some(last_weekday(today, d))),
        ["in", n, unit] => offset(n, unit, today, false),
        [n, unit, "ago"] => offset(n, unit, today, true),
        [a, b] => month_day(a, b, None, today),
        [a, b, year] => month_day(a, b, Some(year), today),
        _ => None,
    }
}

/// `YYYY-MM-DD`, four digits of year: None when no such day.
fn iso_date(t: &str) -> Option<NaiveDate> {
    if t.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

fn looks_like_iso_date(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 8
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
}

/// `+3d`, `3d`, `-2w` as one word.
fn relative(t: &str, today: NaiveDate) -> Option<Option<NaiveDate>> {
    let (body, past) = match t.strip_prefix('-') {
        Some(rest) => (rest, true),
        None => (t.strip_prefix('+').unwrap_or(t), false),
    };
    if !body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    if digits == body.len() {
        // A bare number is no day: `12` is not the year 12.
        return None;
    }
    let duration = Duration::parse(body).ok()?;
    Some(shift(duration, today, past))
}

/// `in 3 days`, `3 days ago`.
fn offset(n: &str, unit: &str, today: NaiveDate, past: bool) -> Option<Option<NaiveDate>> {
    if !n.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let duration = Duration::parse(&format!("{n}{unit}")).ok()?;
    Some(shift(duration, today, past))
}

fn shift(duration: Duration, today: NaiveDate, past: bool) -> Option<NaiveDate> {
    if past {
        duration.subtract_from(today)
    } else {
        duration.add_to(today)
    }
}

/// `april 1`, `1 april`, with a four-digit year or this one.
fn month_day(a: &str, b: &str, year: Option<&&str>, today: NaiveDate) -> Option<Option<NaiveDate>> {
    let (month, day) = match (month(a), month(b)) {
        (Some(m), None) => (m, b),
        (None, Some(m)) => (m, a),
        _ => return None,
    };
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| day.strip_suffix(suffix))
        .unwrap_or(day);
    if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let day: u32 = digits.parse().ok()?;
    let year = match year {
        Some(y) if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => y.parse().ok()?,
        Some(_) => return None,
        None => today.year(),
    };
    Some(NaiveDate::from_ymd_opt(year, month, day))
}

fn month(t: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .position(|m| *m == t || (t.len() == 3 && m.starts_with(t)))
        .or_else(|| (t == "sept").then_some(8))
        .map(|i| i as u32 + 1)
}

/// `14:30`, `9:05`, `8pm`, `8:30am`, `noon`, `midnight`.
fn time_of_day(t: &str) -> Option<NaiveTime> {
    match t {
        "noon" => return NaiveTime::from_hms_opt(12, 0, 0),
        "midnight" => return NaiveTime::from_hms_opt(0, 0, 0),
        _ => {}
    }
    let (clock, half) = if let Some(c) = t.strip_suffix("am") {
        (c, Some(false))
    } else if let Some(c) = t.strip_suffix("pm") {
        (c, Some(true))
    } else {
        (t, None)
    };
    let (clock, seconds) = match (half, clock.matches(':').count()) {
        (None, 2) => clock.rsplit_once(':')?,
        (_, 0 | 1) => (clock, "00"),
        _ => return None,
    };
    if seconds.len() != 2 || !seconds.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match clock.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None if half.is_some() => (clock, "00"),
        None => return None,
    };
    if h.is_empty() || h.len() > 2 || !h.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if !m.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    let h = match half {
        None => h,
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(false) => h % 12,
        Some(true) => h % 12 + 12,
    };
    NaiveTime::from_hms_opt(h, m, seconds.parse().ok()?)
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

/// The last such weekday strictly before `today`.
fn last_weekday(today: NaiveDate, day: Weekday) -> NaiveDate {
    let back = (7 + today.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
    let back = if back == 0 { 7 } else { back };
    today - Days::new(u64::from(back))
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
    let date = iso_date(t).and_then(in_years).ok_or_else(err)?;
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
    fn days_with_a_time_and_month_names() {
        assert_eq!(date("april 1"), ymd(2026, 4, 1));
        assert_eq!(date("1 Apr 2027"), ymd(2027, 4, 1));
        assert_eq!(date("last friday"), ymd(2026, 11, 20));
        let at = |text: &str| parse_when(text, now()).unwrap();
        let w = at("next friday 8pm");
        assert_eq!(w.date(), ymd(2026, 11, 27));
        assert_eq!(w.time(), NaiveTime::from_hms_opt(20, 0, 0));
        assert_eq!(
            at("tomorrow at 9:30").time(),
            NaiveTime::from_hms_opt(9, 30, 0)
        );
        assert_eq!(at("today noon").time(), NaiveTime::from_hms_opt(12, 0, 0));
        assert_eq!(
            at("today midnight").time(),
            NaiveTime::from_hms_opt(0, 0, 0)
        );
        assert_eq!(
            at("2026-12-01 12am").time(),
            NaiveTime::from_hms_opt(0, 0, 0)
        );
        assert_eq!(
            at("2026-12-01 12pm").time(),
            NaiveTime::from_hms_opt(12, 0, 0)
        );
        assert_eq!(
            at("2026-12-01 08:15:30").time(),
            NaiveTime::from_hms_opt(8, 15, 30)
        );
        assert_eq!(date("june 3rd"), ymd(2026, 6, 3));
        assert_eq!(
            at("2026-12-01T08:15:30"),
            When::DateTime(ymd(2026, 12, 1).and_hms_opt(8, 15, 30).unwrap())
        );
    }

    #[test]
    fn garbage_is_refused_not_guessed() {
        for bad in [
            "d",
            "m",
            "y",
            "12",
            "2026",
            "midnight",
            "25pm",
            "13pm",
            "0am",
            "tomorrow 25:00",
            "today 9",
            "friday friday",
            "+10000-12-31",
            "0000-01-01",
            "0999-12-31",
            "10000-01-01",
            "3d ago",
            "in -3 days",
            "april 31",
            "32 may",
            "may 1 26",
            "9999y",
            "next",
            "at 8pm",
        ] {
            assert!(
                parse_when(bad, now()).is_err(),
                "{bad:?} was read as {:?}",
                parse_when(bad, now())
            );
        }
        assert_eq!(date("9999-12-31"), ymd(9999, 12, 31));
        assert_eq!(date("1000-01-01"), ymd(1000, 1, 1));
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
