//! iCalendar (RFC 5545): follow-ups, birthdays and anniversaries as events
//! any calendar app reads or subscribes to. An item keeps one UID for life
//! (a snoozed follow-up moves, it is not duplicated); recurring follow-ups,
//! birthdays and anniversaries repeat with an RRULE; a follow-up with a time
//! is a timed event, in the time zone `TZ` names or else in UTC.

use crate::clock::Clock;
use crate::domain::due::{DueItem, DueKind};
use crate::domain::when::Duration;
use chrono::{NaiveDate, NaiveTime};

/// How long a timed follow-up's event lasts.
const TIMED_MINUTES: i64 = 30;

/// The calendar of `items` that belong in one, and how many events it has.
pub fn calendar(items: &[DueItem], clock: Clock) -> (String, usize) {
    calendar_in(items, clock, iana_zone())
}

/// `TZ` when it names a zone (`Europe/Paris`), which calendar apps know by
/// that name; an offset or nothing means UTC.
fn iana_zone() -> Option<String> {
    std::env::var("TZ")
        .ok()
        .map(|z| z.trim_start_matches(':').to_string())
        .filter(|z| {
            z.contains('/')
                && !z.starts_with('/')
                && z.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c))
        })
}

fn calendar_in(items: &[DueItem], clock: Clock, zone: Option<String>) -> (String, usize) {
    let stamp = clock.now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    let mut line = |text: String| fold(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//rapport//rapport calendar//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("X-WR-CALNAME:rapport".into());
    let mut events = 0;
    for item in items {
        let yearly = matches!(item.kind, DueKind::Birthday | DueKind::Anniversary);
        if !yearly && item.follow_up.is_none() {
            continue;
        }
        let Ok(date) = NaiveDate::parse_from_str(&item.due, "%Y-%m-%d") else {
            continue;
        };
        line("BEGIN:VEVENT".into());
        let (uid, title, rrule, time) = match &item.follow_up {
            Some(f) => (
                format!("follow-up-{}@rapport", f.uid),
                f.note.clone(),
                f.every.as_deref().and_then(rrule),
                f.time
                    .as_deref()
                    .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok()),
            ),
            // The key names the contact and rule, never the year: next
            // year's occurrence is the same event.
            None => (
                format!("{}@rapport", item.id),
                item.what
                    .split(':')
                    .next()
                    .unwrap_or(&item.what)
                    .to_string(),
                Some("FREQ=YEARLY".to_string()),
                None,
            ),
        };
        line(format!("UID:{uid}"));
        line(format!("DTSTAMP:{stamp}"));
        match time {
            Some(t) => {
                let local = date.and_time(t);
                match &zone {
                    Some(z) => line(format!(
                        "DTSTART;TZID={z}:{}",
                        local.format("%Y%m%dT%H%M%S")
                    )),
                    None => line(format!(
                        "DTSTART:{}",
                        crate::clock::local_to_utc(local).format("%Y%m%dT%H%M%SZ")
                    )),
                }
                line(format!("DURATION:PT{TIMED_MINUTES}M"));
            }
            None => {
                let next = date.succ_opt().unwrap_or(date);
                line(format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d")));
                line(format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
            }
        }
        if let Some(r) = rrule {
            line(format!("RRULE:{r}"));
        }
        line(format!(
            "SUMMARY:{}",
            escape(&format!("{}: {}", item.contact, title))
        ));
        let description = match &item.follow_up {
            Some(_) => item.why.clone(),
            None => format!("{} ({})", item.what, item.why),
        };
        line(format!("DESCRIPTION:{}", escape(&description)));
        line(format!("CATEGORIES:{}", item.kind.as_str()));
        line(format!(
            "TRANSP:{}",
            if time.is_some() {
                "OPAQUE"
            } else {
                "TRANSPARENT"
            }
        ));
        line("END:VEVENT".into());
        events += 1;
    }
    line("END:VCALENDAR".into());
    (out, events)
}

/// `every 2w` as an RRULE.
fn rrule(every: &str) -> Option<String> {
    let (freq, n) = match Duration::parse(every).ok()? {
        Duration::Days(n) => ("DAILY", n),
        Duration::Weeks(n) => ("WEEKLY", n),
        Duration::Months(n) => ("MONTHLY", n),
        Duration::Years(n) => ("YEARLY", n),
    };
    Some(if n == 1 {
        format!("FREQ={freq}")
    } else {
        format!("FREQ={freq};INTERVAL={n}")
    })
}

/// RFC 5545 text: backslash, semicolon, comma and line breaks escaped (a
/// bare CR too, so no value can start a property of its own); other
/// control characters, which RFC 5545 does not allow, become spaces.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Content lines end in CRLF and fold at 75 octets, never inside a character.
pub(crate) fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_lines_on_character_boundaries() {
        let mut out = String::new();
        fold(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{}", l.len());
        }
        assert_eq!(
            out.replace("\r\n ", "").trim_end(),
            format!("SUMMARY:{}", "é".repeat(60))
        );
        assert_eq!(escape("a,b;c\nd"), "a\\,b\\;c\\nd");
        // A bare CR cannot start a property of its own.
        assert_eq!(escape("Call\rLOCATION:evil"), "Call\\nLOCATION:evil");
        assert_eq!(escape("a\r\nb\u{1b}c"), "a\\nb c");
    }
}
