//! Bringing contacts and interactions in from CSV files: presets for the
//! tools people leave, duplicate matching, all-or-nothing batches that can
//! be undone. Reads through the store; knows nothing of the terminal.

pub mod contacts;
pub mod dates;
pub mod input;
pub mod interactions;
pub mod mapping;
pub mod merge;
pub mod presets;
pub mod undo;
pub mod vcard;

use crate::ops::rules::RuleEffect;
use serde::Serialize;

/// How many invalid rows are kept for the error message; every one of
/// them still goes to the rejects file.
pub const REPORTED_ROWS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OnDuplicate {
    /// Fill empty fields, add tags; never overwrite what you have
    #[default]
    Merge,
    /// Leave the existing contact as it is
    Skip,
    /// Count the row as invalid
    Error,
}

/// The outcome of one import, as the summary line and `--json` give it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub batch: Option<i64>,
    pub source: String,
    pub preset: Option<String>,
    pub preset_detected: bool,
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub invalid: u64,
    pub ignored_columns: Vec<String>,
    /// Columns kept as custom fields by --keep-unmapped.
    pub kept_columns: Vec<String>,
    /// Contacts added though they share a phone with someone of another
    /// name: "#12 Ana Souza shares a phone with #3 Ana Lima".
    pub kept_apart: Vec<String>,
    /// How many were kept apart (the list holds the first REPORTED_ROWS;
    /// `import list --possible-duplicates` has them all).
    pub kept_apart_count: u64,
    /// The encoding the file was read in, when not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The column separator, when not a comma.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// What the rules did, counted: (rule, stage) held back because
    /// imports start quiet → contacts; rule not applied, its entry in the
    /// past → contacts; follow-ups cancelled by leaving a stage.
    #[serde(skip)]
    pub rules_held: std::collections::BTreeMap<(i64, String), u64>,
    #[serde(skip)]
    pub rules_not_applied: std::collections::BTreeMap<i64, u64>,
    #[serde(skip)]
    pub follow_ups_cancelled: u64,
    /// Values of optional fields that were not valid, dropped (the row
    /// kept): (line, "field: why").
    #[serde(skip)]
    pub dropped_values: Vec<(u64, String)>,
    /// Rows about nobody (no name, email or phone), skipped, not refused.
    pub skipped: u64,
    #[serde(skip)]
    pub skipped_lines: Vec<u64>,
    /// The first invalid rows: (line, reason).
    #[serde(skip)]
    pub invalid_rows: Vec<(u64, String)>,
    pub dry_run: bool,
}

impl Summary {
    pub fn line(&self) -> String {
        format!(
            "{} added, {} updated, {} unchanged, {} invalid",
            self.added, self.updated, self.unchanged, self.invalid
        )
    }

    pub fn changed(&self) -> bool {
        self.added + self.updated > 0
    }

    /// Counts what the rules did, per rule.
    pub fn rule_effects(&mut self, effects: &[RuleEffect]) {
        for effect in effects {
            match effect {
                RuleEffect::Held { rule, stage } => {
                    *self.rules_held.entry((*rule, stage.clone())).or_insert(0) += 1
                }
                RuleEffect::NotApplied { rule, .. } => {
                    *self.rules_not_applied.entry(*rule).or_insert(0) += 1
                }
                RuleEffect::Cancelled { count, .. } => self.follow_ups_cancelled += *count as u64,
            }
        }
    }

    fn reject(&mut self, line: u64, reason: String) {
        self.invalid += 1;
        if self.invalid_rows.len() < REPORTED_ROWS {
            self.invalid_rows.push((line, reason));
        }
    }
}

/// Where rejected rows go with `--skip-invalid`: the original cells with
/// their line and reason in front.
pub trait Rejects {
    fn reject(
        &mut self,
        line: u64,
        reason: &str,
        record: &csv::ByteRecord,
    ) -> crate::error::Result<()>;
}

/// Cells of a record as text: a row with another number of fields than
/// the header row, or that is not UTF-8, is invalid.
fn cells(record: &csv::ByteRecord, columns: usize) -> Result<Vec<&str>, String> {
    if record.len() != columns {
        return Err(format!(
            "{} fields, but the header row has {columns}",
            record.len()
        ));
    }
    record
        .iter()
        .map(|cell| std::str::from_utf8(cell).map(crate::domain::text::csv_unsafe))
        .collect::<Result<_, _>>()
        .map_err(|_| {
            "not valid UTF-8 text: save the file as UTF-8 (or UTF-16 with a BOM)".to_string()
        })
}

/// A record's line as an editor shows it (or as its column says).
pub(crate) fn record_line(record: &csv::ByteRecord, offset: u64, column: Option<usize>) -> u64 {
    if let Some(l) = column
        .and_then(|c| record.get(c))
        .and_then(|l| std::str::from_utf8(l).ok()?.parse().ok())
    {
        return l;
    }
    record.position().map_or(0, |p| p.line() + offset)
}

/// Reads every record of the file, calling `row` with its line (as an
/// editor shows it); a record that cannot be read as CSV is rejected
/// without reaching `row`. `row` returns the outcome or why it is invalid.
pub(crate) fn each_record<T>(
    input: &mut input::CsvInput,
    summary: &mut Summary,
    mut rejects: Option<&mut dyn Rejects>,
    tick: &mut dyn FnMut(),
    mut row: impl FnMut(&csv::ByteRecord) -> Result<T, String>,
    mut count: impl FnMut(&mut Summary, T),
) -> crate::error::Result<()> {
    let mut record = csv::ByteRecord::new();
    loop {
        let line = input.records.position().line() + input.line_offset;
        match input.records.read_byte_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {}
            Err(e) => {
                summary.reject(line, format!("cannot be read as CSV: {e}"));
                continue;
            }
        }
        let line = match input.line_column {
            Some(c) => record
                .get(c)
                .and_then(|l| std::str::from_utf8(l).ok()?.parse().ok())
                .unwrap_or(line),
            None => record
                .position()
                .map_or(line, |p| p.line() + input.line_offset),
        };
        tick();
        // Excel leaves rows of empty cells at the end (`,,,`): not data.
        if record
            .iter()
            .all(|cell| cell.iter().all(u8::is_ascii_whitespace))
        {
            continue;
        }
        match row(&record) {
            Ok(outcome) => count(summary, outcome),
            Err(reason) => {
                if let Some(r) = rejects.as_deref_mut() {
                    r.reject(line, &reason, &record)?;
                }
                summary.reject(line, reason);
            }
        }
    }
}
