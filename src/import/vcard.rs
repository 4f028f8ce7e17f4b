//! vCard files (2.1, 3.0 and 4.0) as an import reads them: each card
//! becomes one row of a fixed set of columns, streamed to the same row
//! reading, duplicate matching, all-or-nothing batch and undo as a CSV
//! export, with the line of the card's BEGIN as its line number.
//!
//! Read: folded lines; quoted-printable (with its charset) and base64
//! (photos are skipped, noted in a `photo` field); `item1.` groups with
//! Apple's `X-ABLabel`; several EMAIL and TEL (the preferred first, the rest
//! kept as `other_emails`/`other_phones`); FN or N; ORG; TITLE; ADR as the
//! location; BDAY with or without a year (`--0415`, Apple's year 1604);
//! ANNIVERSARY, `X-ANNIVERSARY` and Apple's labelled dates; CATEGORIES as
//! tags; NOTE; URL; `X-SOCIALPROFILE`; NICKNAME; UID, kept as the contact's
//! own so that a card exported again and re-imported is the same contact;
//! and the `X-RAPPORT-*` properties rapport writes.

use super::input::CsvInput;
use crate::error::{Error, Result};
use std::io::{BufRead, Read};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// The columns each card becomes; the first is the card's line.
pub const HEADERS: &[&str] = &[
    "vCard line",
    "UID",
    "Name",
    "First Name",
    "Middle Name",
    "Last Name",
    "Email",
    "Phone",
    "Company",
    "Department",
    "Title",
    "Location",
    "Birthday",
    "Anniversary",
    "Tags",
    "Note",
    "Website",
    "Social",
    "Nickname",
    "Photo",
    "Stage",
    "Source",
    "Fields",
];

/// Several values in one cell: a character no vCard value holds.
pub const SEPARATOR: char = '\u{1f}';

/// Whether this first line of a file starts a vCard.
pub fn starts_card(line: &[u8]) -> bool {
    let text = String::from_utf8_lossy(line);
    text.trim().eq_ignore_ascii_case("BEGIN:VCARD")
}

/// The input of a vCard file whose first non-blank line (`first`, at line
/// `first_line`) is `BEGIN:VCARD`.
pub fn input(
    first: Vec<u8>,
    first_line: u64,
    rest: Box<dyn BufRead>,
    bytes_read: Arc<AtomicU64>,
    size: Option<u64>,
) -> Result<CsvInput> {
    let cards = Cards {
        src: rest,
        line: first_line,
        pending: Some((first_line, decode_line(&first))),
        out: Vec::new(),
        pos: 0,
        header: false,
        eof: false,
    };
    let mut records = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(Box::new(cards) as Box<dyn Read>);
    records
        .headers()
        .map_err(|e| Error::io("cannot read the vCard file", std::io::Error::other(e)))?;
    Ok(CsvInput {
        headers: HEADERS.iter().map(|h| h.to_string()).collect(),
        records,
        line_offset: 0,
        line_column: Some(0),
        encoding: None,
        delimiter: b',',
        date_evidence: Vec::new(),
        bytes_read,
        size,
    })
}

/// A physical line as text: UTF-8, or else Windows-1252 (what desktop
/// Outlook writes without saying so).
fn decode_line(bytes: &[u8]) -> String {
    let trimmed = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let trimmed = trimmed.strip_suffix(b"\r").unwrap_or(trimmed);
    match std::str::from_utf8(trimmed) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(trimmed).0.into_owned(),
    }
}

/// The file as CSV rows, one card at a time.
struct Cards {
    src: Box<dyn BufRead>,
    /// The number of the last physical line read.
    line: u64,
    /// A physical line read ahead (to see whether the next one continues it).
    pending: Option<(u64, String)>,
    out: Vec<u8>,
    pos: usize,
    header: bool,
    eof: bool,
}

impl Cards {
    fn physical(&mut self) -> std::io::Result<Option<(u64, String)>> {
        if let Some(p) = self.pending.take() {
            return Ok(Some(p));
        }
        let mut bytes = Vec::new();
        if self.src.read_until(b'\n', &mut bytes)? == 0 {
            return Ok(None);
        }
        self.line += 1;
        Ok(Some((self.line, decode_line(&bytes))))
    }

    /// One content line, unfolded (and quoted-printable soft breaks joined).
    fn logical(&mut self) -> std::io::Result<Option<(u64, String)>> {
        let Some((at, mut text)) = self.physical()? else {
            return Ok(None);
        };
        loop {
            match self.physical()? {
                Some((_, next)) if next.starts_with([' ', '\t']) => text.push_str(&next[1..]),
                Some((n, next)) => {
                    if is_quoted_printable(&text) && text.ends_with('=') {
                        text.pop();
                        text.push_str(next.trim_start());
                        continue;
                    }
                    self.pending = Some((n, next));
                    break;
                }
                None => break,
            }
        }
        Ok(Some((at, text)))
    }

    /// The next card as a CSV row, or None at the end.
    fn next_card(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        let mut start = None;
        let mut props = Vec::new();
        while let Some((at, text)) = self.logical()? {
            let upper = text.trim().to_ascii_uppercase();
            if upper == "BEGIN:VCARD" {
                if start.is_some() {
                    // A card without END: it ends where the next begins.
                    self.pending = Some((at, text));
                    break;
                }
                start = Some(at);
                continue;
            }
            if upper == "END:VCARD" {
                if start.is_some() {
                    break;
                }
                continue;
            }
            if start.is_some() && !text.trim().is_empty() {
                if let Some(p) = Property::parse(&text) {
                    props.push(p);
                }
            }
        }
        let Some(line) = start else {
            return Ok(None);
        };
        let row = Card::from(&props).row(line);
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&row).map_err(std::io::Error::other)?;
        w.into_inner()
            .map(Some)
            .map_err(|e| std::io::Error::other(e.to_string()))
    }
}

impl Read for Cards {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos >= self.out.len() {
            if !self.header {
                self.header = true;
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record(HEADERS).map_err(std::io::Error::other)?;
                self.out = w
                    .into_inner()
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
            } else if self.eof {
                return Ok(0);
            } else {
                match self.next_card()? {
                    Some(row) => self.out = row,
                    None => {
                        self.eof = true;
                        return Ok(0);
                    }
                }
            }
            self.pos = 0;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

fn is_quoted_printable(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or("").to_ascii_uppercase();
    head.contains("QUOTED-PRINTABLE")
}

/// One content line: `group.NAME;PARAM=VALUE:value`.
#[derive(Debug, Clone, PartialEq)]
struct Property {
    group: Option<String>,
    name: String,
    /// Upper-case keys; a bare 2.1 parameter (`PREF`, `CELL`) is a TYPE.
    params: Vec<(String, String)>,
    /// The value as written (escapes and encodings still in it).
    raw: String,
}

impl Property {
    fn parse(line: &str) -> Option<Property> {
        let mut in_quotes = false;
        let colon = line.char_indices().find_map(|(i, c)| match c {
            '"' => {
                in_quotes = !in_quotes;
                None
            }
            ':' if !in_quotes => Some(i),
            _ => None,
        })?;
        let (head, raw) = (&line[..colon], &line[colon + 1..]);
        let mut parts = split_unquoted(head, ';').into_iter();
        let full = parts.next()?.trim().to_ascii_uppercase();
        let (group, name) = match full.rsplit_once('.') {
            Some((g, n)) => (Some(g.to_string()), n.to_string()),
            None => (None, full),
        };
        let params = parts
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (
                    k.trim().to_ascii_uppercase(),
                    v.trim().trim_matches('"').to_string(),
                ),
                None => ("TYPE".to_string(), p.trim().to_string()),
            })
            .collect();
        Some(Property {
            group,
            name,
            params,
            raw: raw.to_string(),
        })
    }

    fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn has_type(&self, value: &str) -> bool {
        self.params
            .iter()
            .any(|(k, v)| k == "TYPE" && v.split(',').any(|t| t.trim().eq_ignore_ascii_case(value)))
    }

    /// How preferred: 4.0's PREF=1 first, then a `pref` type, then the rest.
    fn preference(&self) -> u32 {
        match self.param("PREF").and_then(|p| p.parse::<u32>().ok()) {
            Some(n) => n,
            None if self.has_type("PREF") => 1,
            None => 101,
        }
    }

    /// The value decoded (quoted-printable and charset), escapes still in.
    fn decoded(&self) -> String {
        let qp = self
            .param("ENCODING")
            .is_some_and(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
            || self.has_type("QUOTED-PRINTABLE");
        if !qp {
            return self.raw.clone();
        }
        let bytes = quoted_printable(&self.raw);
        let charset = self
            .param("CHARSET")
            .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()));
        match (std::str::from_utf8(&bytes), charset) {
            (Ok(s), None) => s.to_string(),
            (_, Some(enc)) => enc.decode(&bytes).0.into_owned(),
            (Err(_), None) => encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned(),
        }
    }

    /// One text value, unescaped.
    fn text(&self) -> String {
        unescape(&self.decoded())
    }

    /// A structured value's components (N, ADR, ORG), each unescaped.
    fn components(&self) -> Vec<String> {
        split_escaped(&self.decoded(), ';')
            .into_iter()
            .map(|c| unescape(&c))
            .collect()
    }

    /// A list value's items (CATEGORIES, NICKNAME), each unescaped.
    fn items(&self) -> Vec<String> {
        split_escaped(&self.decoded(), ',')
            .into_iter()
            .map(|c| unescape(&c).trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    }
}

fn split_unquoted(text: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut in_quotes, mut from) = (false, 0);
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            c if c == sep && !in_quotes => {
                out.push(&text[from..i]);
                from = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&text[from..]);
    out
}

/// Splits at `sep` not escaped by a backslash; escapes are kept.
fn split_escaped(text: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let last = out.last_mut().expect("one part");
                last.push('\\');
                if let Some(n) = chars.next() {
                    last.push(n);
                }
            }
            c if c == sep => out.push(String::new()),
            c => out.last_mut().expect("one part").push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn quoted_printable(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// A vCard date as rapport writes a birthday: `YYYY-MM-DD`, or `--MM-DD`
/// when the year is unknown (`--0415`, or Apple's year 1604 for "none").
fn date(p: &Property) -> String {
    let text = p.text();
    let value = text.trim();
    let value = value.split('T').next().unwrap_or(value);
    let omitted = p.param("X-APPLE-OMIT-YEAR");
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if let Some(md) = value.strip_prefix("--") {
        let md: String = md.chars().filter(char::is_ascii_digit).collect();
        if md.len() == 4 {
            return format!("--{}-{}", &md[..2], &md[2..]);
        }
        return value.to_string();
    }
    if digits.len() == 8 && (value.len() == 8 || value.len() == 10) {
        let (y, m, d) = (&digits[..4], &digits[4..6], &digits[6..]);
        if omitted == Some(y) || y == "1604" {
            return format!("--{m}-{d}");
        }
        return format!("{y}-{m}-{d}");
    }
    value.to_string()
}

/// What one card says, column by column.
#[derive(Default)]
struct Card {
    uid: String,
    name: String,
    first: String,
    middle: String,
    last: String,
    emails: Vec<(u32, String)>,
    phones: Vec<(u32, String)>,
    company: String,
    department: String,
    title: String,
    location: Option<(u32, String)>,
    birthday: String,
    anniversary: String,
    tags: Vec<String>,
    notes: Vec<String>,
    websites: Vec<String>,
    social: Vec<String>,
    nicknames: Vec<String>,
    photo: bool,
    stage: String,
    source: String,
    fields: Vec<String>,
}

impl Card {
    fn from(props: &[Property]) -> Card {
        let label = |group: &Option<String>| -> Option<String> {
            let g = group.as_ref()?;
            props
                .iter()
                .find(|p| p.group.as_ref() == Some(g) && p.name == "X-ABLABEL")
                .map(|p| p.text().to_ascii_lowercase())
        };
        let mut c = Card::default();
        for p in props {
            match p.name.as_str() {
                "UID" => c.uid = p.text().trim().to_string(),
                "FN" => c.name = p.text().trim().to_string(),
                "N" => {
                    let parts = p.components();
                    let part = |i: usize| {
                        parts
                            .get(i)
                            .map(|s| s.trim().to_string())
                            .unwrap_or_default()
                    };
                    c.last = part(0);
                    c.first = part(1);
                    c.middle = part(2);
                }
                "EMAIL" => {
                    let e = p.text().trim().trim_start_matches("mailto:").to_string();
                    if !e.is_empty() {
                        c.emails.push((p.preference(), e));
                    }
                }
                "TEL" => {
                    let t = p.text();
                    let t = t.trim().trim_start_matches("tel:");
                    let t = match t.split_once(";ext=") {
                        Some((n, ext)) => format!("{n} ext {ext}"),
                        None => t.to_string(),
                    };
                    if !t.is_empty() {
                        c.phones.push((p.preference(), t));
                    }
                }
                "ORG" => {
                    let parts = p.components();
                    c.company = parts
                        .first()
                        .map(|s| s.trim().to_string())
                        .unwrap_or_default();
                    c.department = parts
                        .get(1)
                        .map(|s| s.trim().to_string())
                        .unwrap_or_default();
                }
                "TITLE" => c.title = p.text().trim().to_string(),
                "ADR" => {
                    let parts = p.components();
                    let part = |i: usize| parts.get(i).map(|s| s.trim()).unwrap_or("");
                    let mut place: Vec<&str> = [part(3), part(4), part(6)]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect();
                    if place.is_empty() && !part(2).is_empty() {
                        place.push(part(2));
                    }
                    let text = place.join(", ").replace('\n', ", ");
                    let pref = p.preference();
                    if !text.is_empty() && c.location.as_ref().is_none_or(|(q, _)| pref < *q) {
                        c.location = Some((pref, text));
                    }
                }
                "BDAY" => c.birthday = date(p),
                "ANNIVERSARY" | "X-ANNIVERSARY" => c.anniversary = date(p),
                "X-ABDATE" if label(&p.group).is_some_and(|l| l.contains("anniversary")) => {
                    c.anniversary = date(p);
                }
                "CATEGORIES" => c.tags.extend(p.items()),
                "NOTE" => {
                    let n = p.text().replace("\r\n", "\n");
                    if !n.trim().is_empty() {
                        c.notes.push(n.trim().to_string());
                    }
                }
                "URL" => c.websites.push(p.text().trim().to_string()),
                "X-SOCIALPROFILE" => {
                    let v = p.text();
                    let v = v.trim();
                    let user = p.param("X-USER");
                    let text = if v.is_empty() {
                        user.unwrap_or("").to_string()
                    } else {
                        v.to_string()
                    };
                    if !text.is_empty() {
                        c.social.push(text);
                    }
                }
                "NICKNAME" => c.nicknames.extend(p.items()),
                "PHOTO" => c.photo = true,
                "X-RAPPORT-STAGE" => c.stage = p.text().trim().to_string(),
                "X-RAPPORT-SOURCE" => c.source = p.text().trim().to_string(),
                "X-RAPPORT-FIELD" => {
                    if let Some(key) = p.param("X-KEY") {
                        c.fields.push(format!("{key}={}", p.text()));
                    }
                }
                _ => {}
            }
        }
        c.emails.sort_by_key(|(pref, _)| *pref);
        c.phones.sort_by_key(|(pref, _)| *pref);
        c
    }

    fn row(self, line: u64) -> Vec<String> {
        let join = |v: Vec<String>| v.join(&SEPARATOR.to_string());
        let values = |v: Vec<(u32, String)>| join(v.into_iter().map(|(_, s)| s).collect());
        let name = if self.name.is_empty() {
            [&self.first, &self.middle, &self.last]
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            self.name
        };
        vec![
            line.to_string(),
            self.uid,
            name,
            self.first,
            self.middle,
            self.last,
            values(self.emails),
            values(self.phones),
            self.company,
            self.department,
            self.title,
            self.location.map(|(_, l)| l).unwrap_or_default(),
            self.birthday,
            self.anniversary,
            join(self.tags),
            self.notes.join("\n"),
            join(self.websites),
            join(self.social),
            join(self.nicknames),
            if self.photo {
                "a photo, not imported".into()
            } else {
                String::new()
            },
            self.stage,
            self.source,
            join(self.fields),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        let bytes = text.as_bytes().to_vec();
        let mut cursor = std::io::Cursor::new(bytes);
        let mut first = Vec::new();
        cursor.read_until(b'\n', &mut first).unwrap();
        let mut input = input(first, 1, Box::new(cursor), Arc::default(), None).unwrap();
        input
            .records
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    }

    fn col(row: &[String], name: &str) -> String {
        row[HEADERS.iter().position(|h| *h == name).unwrap()].clone()
    }

    #[test]
    fn apple_cards_with_groups_folds_and_yearless_birthdays() {
        let vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lima;Ana;;;\r\nFN:Ana Lima\r\nORG:Padaria;Vendas\r\n\
item1.EMAIL;type=INTERNET;type=HOME:ana@home.example\r\nitem2.EMAIL;type=INTERNET;type=WORK;type=pref:ana@work.example\r\n\
TEL;type=CELL;type=VOICE;type=pref:+55 11 5555-0101\r\nitem3.ADR;type=HOME:;;Rua A 1;São Paulo;SP;01000;Brazil\r\n\
BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15\r\nitem4.X-ABDATE:2015-06-20\r\nitem4.X-ABLabel:_$!<Anniversary>!$_\r\n\
NOTE:First line\\nsecond\\, with comma\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n /2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHR\r\n\
CATEGORIES:Clients,Close friends\r\nUID:ABC-123\r\nEND:VCARD\r\n";
        let r = &rows(vcf)[0];
        assert_eq!(col(r, "vCard line"), "1");
        assert_eq!(col(r, "Name"), "Ana Lima");
        assert_eq!(
            col(r, "Email"),
            "ana@work.example\u{1f}ana@home.example",
            "the preferred first"
        );
        assert_eq!(col(r, "Company"), "Padaria");
        assert_eq!(col(r, "Department"), "Vendas");
        assert_eq!(col(r, "Location"), "São Paulo, SP, Brazil");
        assert_eq!(col(r, "Birthday"), "--04-15");
        assert_eq!(col(r, "Anniversary"), "2015-06-20");
        assert_eq!(col(r, "Note"), "First line\nsecond, with comma");
        assert_eq!(col(r, "Photo"), "a photo, not imported");
        assert_eq!(col(r, "Tags"), "Clients\u{1f}Close friends");
        assert_eq!(col(r, "UID"), "ABC-123");
    }

    #[test]
    fn outlook_2_1_quoted_printable_in_windows_1252() {
        let mut bytes = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=Windows-1252:Wei\xdf;J\xfcrgen\r\nFN:J\xfcrgen Wei\xdf\r\n\
NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:Kunde seit=0D=0A2019 =E4=\r\nhnlich\r\nTEL;WORK;VOICE:+49 30 1234567\r\n\
EMAIL;PREF;INTERNET:juergen@example.de\r\nBDAY:19800314\r\nEND:VCARD\r\n"
            .to_vec();
        let mut cursor = std::io::Cursor::new(std::mem::take(&mut bytes));
        let mut first = Vec::new();
        cursor.read_until(b'\n', &mut first).unwrap();
        let mut input = input(first, 1, Box::new(cursor), Arc::default(), None).unwrap();
        let r: Vec<String> = input
            .records
            .records()
            .next()
            .unwrap()
            .unwrap()
            .iter()
            .map(String::from)
            .collect();
        assert_eq!(col(&r, "Name"), "Jürgen Weiß");
        assert_eq!(col(&r, "Last Name"), "Weiß");
        assert_eq!(col(&r, "Note"), "Kunde seit\n2019 ähnlich");
        assert_eq!(col(&r, "Phone"), "+49 30 1234567");
        assert_eq!(col(&r, "Email"), "juergen@example.de");
        assert_eq!(col(&r, "Birthday"), "1980-03-14");
    }

    #[test]
    fn version_4_values_and_lines_of_each_card() {
        let vcf = "BEGIN:VCARD\nVERSION:4.0\nFN:Zoë\nTEL;VALUE=uri;PREF=1:tel:+1-555-555-5555;ext=5555\n\
EMAIL;PREF=2:b@x.com\nEMAIL;PREF=1:a@x.com\nBDAY:--0229\nANNIVERSARY:20090808T1430-0500\nEND:VCARD\n\n\
BEGIN:VCARD\nVERSION:4.0\nFN:Second\nEND:VCARD\n";
        let all = rows(vcf);
        assert_eq!(all.len(), 2);
        assert_eq!(col(&all[0], "Phone"), "+1-555-555-5555 ext 5555");
        assert_eq!(col(&all[0], "Email"), "a@x.com\u{1f}b@x.com");
        assert_eq!(col(&all[0], "Birthday"), "--02-29");
        assert_eq!(col(&all[0], "Anniversary"), "2009-08-08");
        assert_eq!(col(&all[1], "vCard line"), "11");
        assert_eq!(col(&all[1], "Name"), "Second");
    }
}
