//! The date shapes that exports use, read with chrono's parsers.

use chrono::NaiveDate;

/// The order of a numeric date's parts, when its numbers do not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DateOrder {
    /// 25/12/1980: day, month, year (the UK, Europe, most of the world)
    Dmy,
    /// 12/25/1980: month, day, year (the US, Outlook, Mailchimp)
    Mdy,
    /// 1980/12/25: year, month, day
    Ymd,
}

/// A numeric date's three parts and its separator: `03/07/1982`,
/// `14.03.1985`, `1/8/18, 6:14 PM` (a time after it is dropped).
fn numeric_parts(text: &str) -> Option<([u32; 3], [usize; 3], char)> {
    let date = text.split([',', ' ', 'T']).next()?;
    let sep = date.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = date.split(sep).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |i: usize| parts[i].parse::<u32>().ok();
    Some((
        [n(0)?, n(1)?, n(2)?],
        [parts[0].len(), parts[1].len(), parts[2].len()],
        sep,
    ))
}

/// What a value says of its column's order: `25/12/1980` says day first,
/// `12/25/1980` month first; `03/07/1982` says nothing.
pub fn evidence(text: &str) -> Option<DateOrder> {
    let (n, len, _) = numeric_parts(text.trim())?;
    if len[0] == 4 {
        return Some(DateOrder::Ymd);
    }
    match (n[0] > 12 && n[0] <= 31, n[1] > 12 && n[1] <= 31) {
        (true, false) => Some(DateOrder::Dmy),
        (false, true) => Some(DateOrder::Mdy),
        _ => None,
    }
}

fn year(y: u32, len: usize) -> Option<i32> {
    match len {
        4 => i32::try_from(y).ok(),
        // Two digits as strptime's %y reads them: 69-99 the 1900s, else the 2000s.
        1 | 2 => Some(if y >= 69 {
            1900 + y as i32
        } else {
            2000 + y as i32
        }),
        _ => None,
    }
}

/// A numeric date read in `order`, or, when its numbers decide, in theirs;
/// an ambiguous one with no order is refused, never guessed.
fn numeric(text: &str, order: Option<DateOrder>) -> Option<Result<NaiveDate, String>> {
    let (n, len, sep) = numeric_parts(text)?;
    let decided = evidence(text);
    // Dots are day-first wherever they are written (14.03.1985).
    let order = decided.or(order).or((sep == '.').then_some(DateOrder::Dmy));
    let Some(order) = order else {
        return Some(Err(format!(
            "'{text}' could be day/month or month/day: give --date-order dmy or mdy"
        )));
    };
    let (y, m, d) = match order {
        DateOrder::Dmy => (year(n[2], len[2]), n[1], n[0]),
        DateOrder::Mdy => (year(n[2], len[2]), n[0], n[1]),
        DateOrder::Ymd => (year(n[0], len[0]), n[1], n[2]),
    };
    Some(
        y.and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
            .ok_or_else(|| format!("'{text}' is not a date read as {order:?}").to_lowercase()),
    )
}

/// A calendar date from an export: ISO; numeric dates in the column's
/// order (`order`: its own evidence, `--date-order` or the preset's), and
/// refused when ambiguous without one; month names in English (`15 Nov
/// 2023`, `29-Mar-21`); an RFC 3339 / `YYYY-MM-DD HH:MM` timestamp's day.
/// Empty and Outlook's `0/0/00` mean no date.
pub fn parse_date_in(text: &str, order: Option<DateOrder>) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() || t == "0/0/00" || t == "0/0/0000" {
        return Ok(None);
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(Some(d));
    }
    if let Some(d) = numeric(t, order) {
        return d.map(Some);
    }
    for format in [
        "%d %b %Y",
        "%d %B %Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%d-%b-%y",
        "%d-%b-%Y",
        "%d %b %y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(t, format) {
            return Ok(Some(d));
        }
    }
    for format in ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(t, format) {
            return Ok(Some(dt.date()));
        }
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(Some(dt.date_naive()));
    }
    Err(format!(
        "'{text}' is not a date: expected YYYY-MM-DD, D/M/YYYY or M/D/YYYY (with --date-order), or 15 Nov 2023"
    ))
}

/// A moment from an export (HubSpot's `2023-01-10 09:00`): its local
/// date and time, or noon of a plain date; RFC 3339 keeps its offset.
pub fn parse_moment_in(
    text: &str,
    order: Option<DateOrder>,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, String> {
    let t = text.trim();
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(Some(dt.with_timezone(&chrono::Utc)));
    }
    for format in ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(t, format) {
            return Ok(Some(crate::clock::local_to_utc(dt)));
        }
    }
    let noon = chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default();
    Ok(parse_date_in(t, order)?.map(|d| crate::clock::local_to_utc(d.and_time(noon))))
}

/// `parse_date_in` month first, as US exports write (Outlook, LinkedIn).
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    parse_date_in(text, Some(DateOrder::Mdy))
}

/// A birthday in any export's shape (Google's `--05-17`, Mailchimp's
/// `05/17`, Outlook's `12/10/1815`), written as rapport's parser reads it:
/// `YYYY-MM-DD`, or `--MM-DD` without a year. None for no date.
pub fn birthday_text(text: &str) -> Result<Option<String>, String> {
    birthday_text_in(text, Some(DateOrder::Mdy))
}

/// `birthday_text` with the column's date order.
pub fn birthday_text_in(text: &str, order: Option<DateOrder>) -> Result<Option<String>, String> {
    let t = text.trim();
    if t.is_empty() || t == "0/0/00" || t.starts_with("--") {
        return Ok((!t.is_empty() && t != "0/0/00").then(|| t.to_string()));
    }
    // MM/DD with no year (DD/MM in a day-first column).
    if let Some((a, b)) = t.split_once('/') {
        if !b.contains('/') {
            let (a, b) = (a.trim(), b.trim());
            if (1..=2).contains(&a.len()) && (1..=2).contains(&b.len()) {
                let (m, d) = match order {
                    Some(DateOrder::Dmy) => (b, a),
                    _ => (a, b),
                };
                return Ok(Some(format!("--{m:0>2}-{d:0>2}")));
            }
        }
    }
    parse_date_in(t, order).map(|d| d.map(|d| d.format("%Y-%m-%d").to_string()))
}

/// A birthday from an import: any export's shape, checked as `add` checks it.
pub fn parse_birthday(text: &str, today: NaiveDate) -> Result<Option<String>, String> {
    parse_birthday_in(text, today, Some(DateOrder::Mdy))
}

/// `parse_birthday` with the column's date order.
pub fn parse_birthday_in(
    text: &str,
    today: NaiveDate,
    order: Option<DateOrder>,
) -> Result<Option<String>, String> {
    match birthday_text_in(text, order)? {
        Some(t) => Ok(Some(crate::domain::when::parse_birthday(&t, today)?)),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn export_date_shapes() {
        assert_eq!(parse_date("2023-11-15"), Ok(ymd(2023, 11, 15)));
        assert_eq!(parse_date("11/15/2023"), Ok(ymd(2023, 11, 15)));
        assert_eq!(parse_date("3/7/1990"), Ok(ymd(1990, 3, 7)));
        assert_eq!(parse_date("15 Nov 2023"), Ok(ymd(2023, 11, 15)));
        assert_eq!(parse_date("2023-11-15 14:02"), Ok(ymd(2023, 11, 15)));
        assert_eq!(parse_date("2023-11-15T14:02:00Z"), Ok(ymd(2023, 11, 15)));
        assert_eq!(parse_date("0/0/00"), Ok(None));
        assert_eq!(parse_date(""), Ok(None));
        assert!(parse_date("yesterday-ish")
            .unwrap_err()
            .contains("'yesterday-ish'"));
    }

    #[test]
    fn birthdays_with_and_without_years() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let b = |t: &str| parse_birthday(t, today);
        assert_eq!(b("1815-12-10").unwrap().unwrap(), "1815-12-10");
        assert_eq!(b("12/10/1815").unwrap().unwrap(), "1815-12-10");
        assert_eq!(b("--05-17").unwrap().unwrap(), "--05-17");
        assert_eq!(b("05/17").unwrap().unwrap(), "--05-17");
        assert_eq!(b("2/29").unwrap().unwrap(), "--02-29");
        assert_eq!(b("0/0/00").unwrap(), None);
        assert!(b("--13-01").is_err());
        assert!(b("13/45").is_err());
        assert!(b("2030-01-01").unwrap_err().contains("future"));
    }
}
