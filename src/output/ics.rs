//! iCalendar (RFC 5545): follow-ups, birthdays and anniversaries as
//! all-day events that any calendar app reads.

use crate::clock::Clock;
use crate::domain::due::{DueItem, DueKind};

/// The calendar of `items` that belong in one, and how many events it has.
pub fn calendar(items: &[DueItem], clock: Clock) -> (String, usize) {
    let stamp = clock.now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    let mut line = |text: String| fold(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//rapport//rapport calendar//EN".into());
    line("CALSCALE:GREGORIAN".into());
    let mut events = 0;
    for item in items.iter().filter(|i| {
        matches!(
            i.kind,
            DueKind::FollowUp | DueKind::Birthday | DueKind::Anniversary
        )
    }) {
        let Ok(date) = chrono::NaiveDate::parse_from_str(&item.due, "%Y-%m-%d") else {
            continue;
        };
        let next = date.succ_opt().unwrap_or(date);
        line("BEGIN:VEVENT".into());
        line(format!(
            "UID:{}-{}@rapport",
            item.id,
            item.spell.as_deref().unwrap_or(&item.due)
        ));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d")));
        line(format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
        line(format!(
            "SUMMARY:{}",
            escape(&format!("{}: {}", item.contact, item.what))
        ));
        line(format!("DESCRIPTION:{}", escape(&item.why)));
        line(format!("CATEGORIES:{}", item.kind.as_str()));
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
        events += 1;
    }
    line("END:VCALENDAR".into());
    (out, events)
}

/// RFC 5545 text: backslash, semicolon, comma and line breaks escaped (a
/// bare CR too, so no value can start a property of its own); other
/// control characters, which RFC 5545 does not allow, become spaces.
fn escape(text: &str) -> String {
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
fn fold(out: &mut String, line: &str) {
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
