//! Reading a CSV file as exports really are: UTF-8 with or without a BOM,
//! UTF-16 with a BOM, a preamble before the header row, `-` for stdin.

use crate::error::{Error, Result};
use crate::refused;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// How many lines may come before the header row (LinkedIn's notes).
const MAX_PREAMBLE_LINES: usize = 30;

pub struct CsvInput {
    pub headers: Vec<String>,
    pub records: csv::Reader<Box<dyn Read>>,
    /// Lines before the header row, added to csv's own line numbers so that
    /// errors name the line an editor shows.
    pub line_offset: u64,
    /// A column that holds each record's line instead (a vCard's BEGIN).
    pub line_column: Option<usize>,
    /// The encoding the file was read in, when it was not UTF-8.
    pub encoding: Option<&'static str>,
    /// The delimiter the file was read with.
    pub delimiter: u8,
    /// What each column's dates say of their order, from the file's first
    /// megabyte (`25/12/1980` is day first): None where nothing decides.
    pub date_evidence: Vec<Option<super::dates::DateOrder>>,
    /// Bytes read so far from the file, for a progress bar.
    pub bytes_read: Arc<AtomicU64>,
    /// The file's size, when it is a file.
    pub size: Option<u64>,
}

/// A reader that counts what passes through it.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Windows line endings as plain `\n`: the csv crate counts the `\n` of a
/// `\r\n` towards the next record, which would put every line number of
/// an Outlook or HubSpot export one too low.
struct CrlfToLf<R> {
    inner: R,
    /// A `\r` that ended the last buffer, not yet known to precede `\n`.
    pending_cr: bool,
}

impl<R: BufRead> CrlfToLf<R> {
    fn new(inner: R) -> Self {
        CrlfToLf {
            inner,
            pending_cr: false,
        }
    }
}

impl<R: BufRead> Read for CrlfToLf<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        let available = self.inner.fill_buf()?;
        if available.is_empty() {
            if self.pending_cr {
                self.pending_cr = false;
                out[0] = b'\r';
                return Ok(1);
            }
            return Ok(0);
        }
        let mut written = 0;
        let mut consumed = 0;
        if self.pending_cr {
            self.pending_cr = false;
            if available[0] != b'\n' {
                out[0] = b'\r';
                written = 1;
            }
        }
        while consumed < available.len() && written < out.len() {
            let b = available[consumed];
            if b == b'\r' {
                match available.get(consumed + 1) {
                    Some(b'\n') => {
                        consumed += 1;
                        continue;
                    }
                    None => {
                        consumed += 1;
                        self.pending_cr = true;
                        break;
                    }
                    Some(_) => {}
                }
            }
            out[written] = b;
            written += 1;
            consumed += 1;
        }
        self.inner.consume(consumed);
        if written == 0 && self.pending_cr {
            return self.read(out);
        }
        Ok(written)
    }
}

/// How to read a file when its bytes do not say: `--encoding` and
/// `--delimiter`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub delimiter: Option<u8>,
}

/// The delimiters a header row is tried with, the first preferred on a tie.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How much of a file the encoding is guessed from.
const SAMPLE: usize = 1 << 20;

/// Opens FILE, or stdin for `-`.
pub fn open(path: &str, options: &ReadOptions) -> Result<CsvInput> {
    let (raw, size): (Box<dyn Read>, Option<u64>) = if path == "-" {
        (Box::new(io::stdin()), None)
    } else {
        let p = Path::new(path);
        if p.is_dir() {
            return Err(refused!("'{path}' is a directory: expected a CSV file"));
        }
        let file = File::open(p).map_err(|e| Error::io(format!("cannot read '{path}'"), e))?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    from_reader_with(raw, size, options)
}

pub fn from_reader(raw: Box<dyn Read>, size: Option<u64>) -> Result<CsvInput> {
    from_reader_with(raw, size, &ReadOptions::default())
}

/// The encoding of a file that has no BOM, from its first bytes: UTF-16
/// by its zero bytes, UTF-8 when they are valid UTF-8, else what chardetng
/// finds most likely (Windows-1252 for desktop Outlook and Latin-1 files).
fn guess_encoding(sample: &[u8], complete: bool) -> &'static encoding_rs::Encoding {
    let pairs = sample.len() / 2;
    if pairs >= 4 {
        let zero_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
        let zero_odd = sample
            .iter()
            .skip(1)
            .step_by(2)
            .filter(|b| **b == 0)
            .count();
        if zero_odd * 10 >= pairs * 3 && zero_even * 10 < pairs {
            return encoding_rs::UTF_16LE;
        }
        if zero_even * 10 >= pairs * 3 && zero_odd * 10 < pairs {
            return encoding_rs::UTF_16BE;
        }
    }
    match std::str::from_utf8(sample) {
        Ok(_) => return encoding_rs::UTF_8,
        // A character cut at the end of the sample is still UTF-8.
        Err(e) if e.error_len().is_none() && !complete => return encoding_rs::UTF_8,
        Err(_) => {}
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(sample, complete);
    let guess = detector.guess(None, true);
    // On a few accented letters chardetng may pick a Latin cousin
    // (Turkish, Baltic, Vietnamese); Western Windows is what such files are.
    if [
        encoding_rs::WINDOWS_1254,
        encoding_rs::WINDOWS_1257,
        encoding_rs::WINDOWS_1258,
    ]
    .contains(&guess)
    {
        return encoding_rs::WINDOWS_1252;
    }
    guess
}

pub fn from_reader_with(
    raw: Box<dyn Read>,
    size: Option<u64>,
    options: &ReadOptions,
) -> Result<CsvInput> {
    let bytes_read = Arc::new(AtomicU64::new(0));
    let mut counted = Counting {
        inner: raw,
        count: bytes_read.clone(),
    };
    let mut sample = Vec::new();
    (&mut counted)
        .take(SAMPLE as u64)
        .read_to_end(&mut sample)
        .map_err(|e| Error::io("cannot read the file", e))?;
    let complete = sample.len() < SAMPLE;
    let has_bom = sample.starts_with(b"\xEF\xBB\xBF")
        || sample.starts_with(b"\xFF\xFE")
        || sample.starts_with(b"\xFE\xFF");
    // A BOM decides; else --encoding; else the guess. UTF-8 passes through,
    // and a bad byte in it is reported per row.
    let encoding = match options.encoding {
        _ if has_bom => None,
        Some(e) => Some(e),
        None => Some(guess_encoding(&sample, complete)),
    };
    // UTF-8 passes through as bytes (only without an encoding named), so
    // that a bad byte later in the file is named by its row, not replaced.
    let encoding = encoding.filter(|e| *e != encoding_rs::UTF_8);
    let named = encoding
        .filter(|e| *e != encoding_rs::UTF_8)
        .map(|e| e.name());
    let sample_text = encoding
        .unwrap_or(encoding_rs::UTF_8)
        .decode(&sample)
        .0
        .into_owned();
    let stream = Cursor::new(sample).chain(counted);
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(encoding)
        .bom_sniffing(true)
        .bom_override(true)
        .strip_bom(true)
        .utf8_passthru(true)
        .build(stream);
    let mut buffered = BufReader::with_capacity(
        1 << 16,
        CrlfToLf::new(BufReader::with_capacity(1 << 16, decoded)),
    );
    let mut delimiter = options.delimiter;
    let mut skipped: Vec<Vec<u8>> = Vec::new();
    let (header_line, delimiter) = loop {
        let mut line = Vec::new();
        let n = buffered
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::io("cannot read the file", e))?;
        if n == 0 {
            // No line with two fields: the first non-empty line is the header.
            let d = delimiter.unwrap_or(b',');
            match skipped
                .iter()
                .position(|l| !is_blank(l) && sep_line(l).is_none())
            {
                Some(i) => {
                    let header = skipped.remove(i);
                    let rest: Vec<u8> = skipped.drain(i..).flatten().collect();
                    let mut input = build(
                        header,
                        Box::new(Cursor::new(rest)),
                        i as u64,
                        bytes_read,
                        size,
                        d,
                    )?;
                    input.encoding = named;
                    return Ok(input);
                }
                None => {
                    return Err(refused!(
                        "the file is empty: expected a header row, like name,email"
                    ))
                }
            }
        }
        if skipped.iter().all(|l| is_blank(l)) && super::vcard::starts_card(&line) {
            let first_line = skipped.len() as u64 + 1;
            return super::vcard::input(line, first_line, Box::new(buffered), bytes_read, size);
        }
        // Excel's `sep=;` first line names the delimiter.
        if skipped.is_empty() {
            if let Some(d) = sep_line(&line) {
                delimiter = delimiter.or(Some(d));
                skipped.push(line);
                continue;
            }
        }
        let (d, fields) = match delimiter {
            Some(d) => (d, field_count(&line, d)),
            None => DELIMITERS
                .iter()
                .map(|d| (*d, field_count(&line, *d)))
                .fold(
                    (b',', 0),
                    |best, next| if next.1 > best.1 { next } else { best },
                ),
        };
        if fields >= 2 || skipped.len() >= MAX_PREAMBLE_LINES {
            break (line, d);
        }
        skipped.push(line);
    };
    let offset = skipped.len() as u64;
    let mut input = build(
        header_line,
        Box::new(buffered),
        offset,
        bytes_read,
        size,
        delimiter,
    )?;
    input.encoding = named;
    input.date_evidence = date_evidence(
        &sample_text,
        offset as usize,
        delimiter,
        input.headers.len(),
    );
    Ok(input)
}

/// Each column's date order as its values decide it, from the text of the
/// file's start (`lines` before the header row). Values that disagree
/// decide nothing.
fn date_evidence(
    text: &str,
    lines: usize,
    delimiter: u8,
    columns: usize,
) -> Vec<Option<super::dates::DateOrder>> {
    let mut start = 0;
    for _ in 0..lines {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return vec![None; columns],
        }
    }
    let mut found: Vec<Option<super::dates::DateOrder>> = vec![None; columns];
    let mut conflict = vec![false; columns];
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(&text.as_bytes()[start..]);
    for record in reader.records().flatten() {
        for (i, cell) in record.iter().enumerate().take(columns) {
            if let Some(order) = super::dates::evidence(cell) {
                match found[i] {
                    None => found[i] = Some(order),
                    Some(o) if o != order => conflict[i] = true,
                    _ => {}
                }
            }
        }
    }
    found
        .into_iter()
        .zip(conflict)
        .map(|(f, c)| if c { None } else { f })
        .collect()
}

/// `sep=;` (Excel's way of naming a file's delimiter) → `;`.
fn sep_line(line: &[u8]) -> Option<u8> {
    let text = std::str::from_utf8(line).ok()?.trim();
    let rest = text
        .strip_prefix("sep=")
        .or_else(|| text.strip_prefix("\"sep="))?;
    let rest = rest.trim_end_matches('"');
    match rest.as_bytes() {
        [d] if DELIMITERS.contains(d) => Some(*d),
        [] => Some(b'\t'),
        _ => None,
    }
}

fn build(
    header_line: Vec<u8>,
    rest: Box<dyn Read>,
    line_offset: u64,
    bytes_read: Arc<AtomicU64>,
    size: Option<u64>,
    delimiter: u8,
) -> Result<CsvInput> {
    let stream: Box<dyn Read> = Box::new(Cursor::new(header_line).chain(rest));
    let mut records = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(stream);
    let headers = match records.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect::<Vec<_>>(),
        Err(e) => {
            return Err(refused!(
                "the header row (line {}) cannot be read: {e}",
                line_offset + 1
            ))
        }
    };
    if headers.iter().all(String::is_empty) {
        return Err(refused!(
            "the header row (line {}) is empty: expected column names, like name,email",
            line_offset + 1
        ));
    }
    Ok(CsvInput {
        headers,
        records,
        line_offset,
        line_column: None,
        encoding: None,
        delimiter,
        date_evidence: Vec::new(),
        bytes_read,
        size,
    })
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| b.is_ascii_whitespace())
}

/// Fields on one physical line, as CSV reads them (quoted commas count once).
fn field_count(line: &[u8], delimiter: u8) -> usize {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(line);
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => record
            .iter()
            .filter(|f| !f.iter().all(u8::is_ascii_whitespace))
            .count(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, cells) of each record.
    type Rows = Vec<(u64, Vec<String>)>;

    fn read(bytes: &[u8]) -> (Vec<String>, u64, Rows) {
        let mut input = from_reader(Box::new(Cursor::new(bytes.to_vec())), None).unwrap();
        let mut rows = Vec::new();
        let mut record = csv::StringRecord::new();
        while input.records.read_record(&mut record).unwrap() {
            let line = record.position().unwrap().line() + input.line_offset;
            rows.push((line, record.iter().map(String::from).collect()));
        }
        (input.headers, input.line_offset, rows)
    }

    #[test]
    fn plain_utf8() {
        let (h, off, rows) = read(b"name,email\nAda,ada@x.com\n");
        assert_eq!(h, ["name", "email"]);
        assert_eq!(off, 0);
        assert_eq!(
            rows,
            [(2, vec!["Ada".to_string(), "ada@x.com".to_string()])]
        );
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let (h, _, _) = read(b"\xEF\xBB\xBFname,email\nAda,a@x.com\n");
        assert_eq!(h[0], "name");
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let text = "name,email\r\nZoë,zoe@x.com\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (h, _, rows) = read(&bytes);
        assert_eq!(h, ["name", "email"]);
        assert_eq!(rows[0].1[0], "Zoë");
    }

    #[test]
    fn a_preamble_is_skipped_and_lines_still_count() {
        let file = b"Notes:\n\"When exporting, you may notice that some emails are missing, as expected.\"\n\nFirst Name,Last Name,Email Address\nAda,Lovelace,\n";
        let (h, off, rows) = read(file);
        assert_eq!(h, ["First Name", "Last Name", "Email Address"]);
        assert_eq!(off, 3);
        assert_eq!(rows[0].0, 5, "the line an editor shows");
    }

    #[test]
    fn a_single_column_file_has_its_header() {
        let (h, _, rows) = read(b"email\na@x.com\n");
        assert_eq!(h, ["email"]);
        assert_eq!(rows.len(), 1);
    }

    #[test]
    fn windows_line_endings_keep_line_numbers() {
        let (_, _, rows) =
            read(b"\"name\",\"email\"\r\n\"A\",\"a@x.com\"\r\n\"B\",\"b@x.com\"\r\n");
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(rows[1].1, ["B", "b@x.com"]);
    }

    proptest::proptest! {
        /// Whatever the bytes and however the buffer splits them, only
        /// the `\r` of each `\r\n` goes.
        #[test]
        fn crlf_to_lf_is_exact(bytes in proptest::collection::vec(proptest::sample::select(vec![b'\r', b'\n', b'a', b'"', b',']), 0..200), capacity in 1usize..9) {
            let mut reader = CrlfToLf::new(BufReader::with_capacity(capacity, Cursor::new(bytes.clone())));
            let mut out = Vec::new();
            reader.read_to_end(&mut out).unwrap();
            let expected = String::from_utf8(bytes).unwrap().replace("\r\n", "\n");
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }

    #[test]
    fn quoted_newlines_keep_line_numbers_of_the_row_start() {
        let (_, _, rows) = read(b"name,note\nAda,\"two\nlines\"\nGrace,x\n");
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [2, 4]);
    }

    #[test]
    fn empty_input_is_an_error() {
        assert!(from_reader(Box::new(Cursor::new(Vec::new())), None).is_err());
    }
}
