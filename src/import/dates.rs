//! The date shapes that exports use, read with chrono's parsers.

use chrono::NaiveDate;

/// A calendar date from an export: ISO, US M/D/YYYY (Outlook), `15 Nov 2023`
/// (LinkedIn), or an RFC 3339 / `YYYY-MM-DD HH:MM` timestamp's day.
/// Empty and Outlook's `0/0/00` mean no date.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() || t == "0/0/00" || t == "0/0/0000" {
        return Ok(None);
    }
    for format in [
        "%Y-%m-%d",
        "%m/%d/%Y",
        "%m/%d/%y",
        "%d %b %Y",
        "%d %B %Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%Y/%m/%d",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(t, format) {
            return Ok(Some(d));
        }
    }
    for format in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%m/%d/%Y %H:%M",
        "%m/%d/%Y %I:%M %p",
    ] {
        if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(t, format) {
            return Ok(Some(dt.date()));
        }
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(Some(dt.date_naive()));
    }
    Err(format!(
        "'{text}' is not a date: expected YYYY-MM-DD, M/D/YYYY or 15 Nov 2023"
    ))
}

/// A birthday in any export's shape (Google's `--05-17`, Mailchimp's
/// `05/17`, Outlook's `12/10/1815`), written as rapport's parser reads it:
/// `YYYY-MM-DD`, or `--MM-DD` without a year. None for no date.
pub fn birthday_text(text: &str) -> Result<Option<String>, String> {
    let t = text.trim();
    if t.is_empty() || t == "0/0/00" || t.starts_with("--") {
        return Ok((!t.is_empty() && t != "0/0/00").then(|| t.to_string()));
    }
    // MM/DD with no year.
    if let Some((m, d)) = t.split_once('/') {
        if !d.contains('/') {
            let (m, d) = (m.trim(), d.trim());
            if (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) {
                return Ok(Some(format!("--{m:0>2}-{d:0>2}")));
            }
        }
    }
    parse_date(t).map(|d| d.map(|d| d.format("%Y-%m-%d").to_string()))
}

/// A birthday from an import: any export's shape, checked as `add` checks it.
pub fn parse_birthday(text: &str, today: NaiveDate) -> Result<Option<String>, String> {
    match birthday_text(text)? {
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
