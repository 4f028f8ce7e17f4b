use super::Ctx;
use crate::agenda;
use crate::domain::due::DueKind;
use crate::store::Access;
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How far ahead [default: 90d]
    #[arg(long, value_name = "DURATION")]
    pub within: Option<String>,
    /// Write the .ics here instead of stdout
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let today = ctx.clock.today();
    let until = agenda::until(today, Some(args.within.as_deref().unwrap_or("90d")))?;
    let store = ctx.open(Access::Read)?;
    let items = agenda::items(&store.read(), ctx.clock, until)?;
    let stamp = ctx.clock.now().format("%Y%m%dT%H%M%SZ").to_string();
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
    match &args.output {
        Some(path) => {
            if path.is_dir() {
                bail!(
                    "'{}' is a directory: expected a file name like rapport.ics",
                    path.display()
                );
            }
            std::fs::write(path, out.as_bytes())
                .with_context(|| format!("cannot write '{}'", path.display()))?;
            eprintln!("Wrote {events} events to {}", path.display());
            Ok(())
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(out.as_bytes())?;
            Ok(())
        }
    }
}

/// RFC 5545 text: backslash, semicolon, comma and newline escaped.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
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
    }
}
