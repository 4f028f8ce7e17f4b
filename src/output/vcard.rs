//! vCard (RFC 6350, and RFC 2426 for phones that want 3.0): contacts as
//! address books, phones and CardDAV servers hold them. A card's UID is the
//! contact's, so exporting again updates a card rather than adding one.

use crate::domain::contact::Contact;

/// Which vCard to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Version {
    /// vCard 3.0 (RFC 2426), for older phones
    #[value(name = "3.0")]
    V3,
    /// vCard 4.0 (RFC 6350)
    #[default]
    #[value(name = "4.0")]
    V4,
}

/// What marks a card as written by rapport: a folder export removes only
/// such cards when their contact is gone.
pub const PRODID: &str = "PRODID:-//rapport//rapport contacts//EN";

/// One contact as one card, lines ending in CRLF and folded at 75 octets.
pub fn card(c: &Contact, version: Version) -> String {
    let mut out = String::new();
    let mut line = |text: String| super::ics::fold(&mut out, &text);
    line("BEGIN:VCARD".into());
    line(match version {
        Version::V3 => "VERSION:3.0".into(),
        Version::V4 => "VERSION:4.0".into(),
    });
    line(PRODID.into());
    line(format!("UID:{}", escape(&c.uid)));
    line(format!("FN:{}", escape(&c.name)));
    let (given, family) = match c.name.rsplit_once(' ') {
        Some((given, family)) => (given, family),
        None => (c.name.as_str(), ""),
    };
    line(format!("N:{};{};;;", escape(family), escape(given)));
    if let Some(email) = &c.email {
        line(match version {
            Version::V3 => format!("EMAIL;TYPE=INTERNET,PREF:{}", escape(email)),
            Version::V4 => format!("EMAIL;PREF=1:{}", escape(email)),
        });
    }
    if let Some(phone) = &c.phone {
        line(match version {
            Version::V3 => format!("TEL;TYPE=VOICE:{}", escape(phone)),
            Version::V4 => format!("TEL;VALUE=text:{}", escape(phone)),
        });
    }
    if let Some(company) = &c.company {
        line(format!("ORG:{}", escape(company)));
    }
    if let Some(title) = &c.title {
        line(format!("TITLE:{}", escape(title)));
    }
    if let Some(location) = &c.location {
        // Free text: the locality, which every reader shows.
        line(format!("ADR:;;;{};;;", escape(location)));
    }
    if let Some(birthday) = &c.birthday {
        if let Some(month_day) = birthday.strip_prefix("--") {
            line(match version {
                // 3.0 has no yearless date: Apple's way, a year it omits.
                Version::V3 => format!("BDAY;X-APPLE-OMIT-YEAR=1604:1604-{month_day}"),
                Version::V4 => format!("BDAY:--{}", month_day.replace('-', "")),
            });
        } else {
            line(match version {
                Version::V3 => format!("BDAY:{birthday}"),
                Version::V4 => format!("BDAY:{}", birthday.replace('-', "")),
            });
        }
    }
    if !c.tags.is_empty() {
        let tags: Vec<String> = c.tags.iter().map(|t| escape(t)).collect();
        line(format!("CATEGORIES:{}", tags.join(",")));
    }
    if let Some(note) = &c.note {
        line(format!("NOTE:{}", escape(note)));
    }
    if let Some(source) = &c.source {
        line(format!("X-RAPPORT-SOURCE:{}", escape(source)));
    }
    line(format!("X-RAPPORT-STAGE:{}", escape(&c.stage)));
    for (key, value) in &c.fields {
        line(format!("X-RAPPORT-FIELD;X-KEY={key}:{}", escape(value)));
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(&c.updated_at) {
        line(format!("REV:{}", t.format("%Y%m%dT%H%M%SZ")));
    }
    line("END:VCARD".into());
    out
}

/// A card's file name in a folder export: its UID (vdirsyncer's layout),
/// kept to characters every file system takes.
pub fn file_name(c: &Contact) -> String {
    let safe: String = c
        .uid
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || ch == '-' || ch == '_' {
                ch
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}.vcf")
}

/// RFC 6350 text escapes as RFC 5545's do: backslash, comma, semicolon and
/// line breaks; other control characters become spaces.
fn escape(text: &str) -> String {
    super::ics::escape(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_cannot_start_a_property() {
        assert_eq!(escape("a,b;c\\d\r\nEMAIL:x"), "a\\,b\\;c\\\\d\\nEMAIL:x");
        assert_eq!(escape("bell\u{7}"), "bell ");
    }
}
