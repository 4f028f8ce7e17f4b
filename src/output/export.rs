//! What `export` writes: contacts and interactions as CSV or JSON arrays,
//! and the whole book as one JSON object (the dump that `import all`
//! reads). Everything streams: one record at a time, flat memory however
//! large the book.

use super::Tabular;
use crate::domain::contact::Contact;
use crate::domain::interaction::Interaction;
use crate::error::Result;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// What the dump says it is, and the newest version this rapport reads.
pub const DUMP_FORMAT: &str = "rapport-export";
pub const DUMP_VERSION: i64 = 1;

/// A JSON array written one record per line.
pub struct JsonArray<'w> {
    w: &'w mut dyn Write,
    first: bool,
}

impl<'w> JsonArray<'w> {
    pub fn open(w: &'w mut dyn Write) -> Result<JsonArray<'w>> {
        w.write_all(b"[")?;
        Ok(JsonArray { w, first: true })
    }

    pub fn item<T: Serialize + ?Sized>(&mut self, record: &T) -> Result<()> {
        self.w.write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        serde_json::to_writer(&mut *self.w, record)?;
        Ok(())
    }

    pub fn close(self) -> Result<()> {
        self.w
            .write_all(if self.first { b"]\n" } else { b"\n]\n" })?;
        Ok(())
    }
}

/// The whole book: a head, the settings, then one array per kind of
/// record, in the order `import all` reads them.
pub struct Dump<'w> {
    w: &'w mut dyn Write,
}

impl<'w> Dump<'w> {
    pub fn open(w: &'w mut dyn Write, settings: &BTreeMap<String, String>) -> Result<Dump<'w>> {
        #[derive(Serialize)]
        struct Head<'a> {
            format: &'a str,
            version: i64,
        }
        let head = serde_json::to_string(&Head {
            format: DUMP_FORMAT,
            version: DUMP_VERSION,
        })?;
        w.write_all(head.trim_end_matches('}').as_bytes())?;
        w.write_all(b",\n\"settings\": ")?;
        serde_json::to_writer(&mut *w, settings)?;
        Ok(Dump { w })
    }

    /// The next array, under `key`; the first ("pipeline") on a line of its own.
    pub fn array(&mut self, key: &str) -> Result<JsonArray<'_>> {
        if key == "pipeline" {
            self.w.write_all(b",\n")?;
        } else {
            self.w.write_all(b",")?;
        }
        serde_json::to_writer(&mut *self.w, key)?;
        self.w.write_all(b": ")?;
        JsonArray::open(self.w)
    }

    pub fn close(self) -> Result<()> {
        self.w.write_all(b"}\n")?;
        Ok(())
    }
}

/// Contacts as CSV: the columns of `list --format csv`, then one
/// `field:KEY` column per custom field, which `import contacts` reads back.
pub struct ContactsCsv<'w> {
    out: csv::Writer<&'w mut dyn Write>,
    keys: Vec<String>,
    raw: bool,
}

impl<'w> ContactsCsv<'w> {
    pub fn open(w: &'w mut dyn Write, keys: Vec<String>, raw: bool) -> Result<ContactsCsv<'w>> {
        let mut out = csv::Writer::from_writer(w);
        let mut header: Vec<String> = Contact::csv_headers()
            .iter()
            .map(|s| s.to_string())
            .collect();
        header.extend(keys.iter().map(|k| format!("field:{k}")));
        out.write_record(&header)?;
        Ok(ContactsCsv { out, keys, raw })
    }

    pub fn row(&mut self, c: &Contact) -> Result<()> {
        let mut row = c.csv_cells();
        row.extend(
            self.keys
                .iter()
                .map(|k| c.fields.get(k).cloned().unwrap_or_default()),
        );
        let raw = self.raw;
        self.out
            .write_record(row.iter().map(|c| super::csv_cell(c, raw).into_owned()))?;
        Ok(())
    }

    pub fn close(mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// Interactions as CSV, tickets included.
pub struct InteractionsCsv<'w> {
    out: csv::Writer<&'w mut dyn Write>,
    raw: bool,
}

impl<'w> InteractionsCsv<'w> {
    pub fn open(w: &'w mut dyn Write, raw: bool) -> Result<InteractionsCsv<'w>> {
        let mut out = csv::Writer::from_writer(w);
        out.write_record(Interaction::csv_headers())?;
        Ok(InteractionsCsv { out, raw })
    }

    pub fn row(&mut self, i: &Interaction) -> Result<()> {
        let raw = self.raw;
        self.out.write_record(
            i.csv_cells()
                .iter()
                .map(|c| super::csv_cell(c, raw).into_owned()),
        )?;
        Ok(())
    }

    pub fn close(mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}
