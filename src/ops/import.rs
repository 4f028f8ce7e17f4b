//! Imports as one decision: the rows go in inside one transaction that is
//! kept only when every row was valid (or invalid ones are skipped) and
//! this is not a dry run; and undoing a batch.

use crate::domain::text::shown;
use crate::error::Result;
use crate::import::input::CsvInput;
use crate::import::undo::{self, UndoReport};
use crate::import::{contacts, interactions, Rejects, Summary};
use crate::refused;
use crate::store::{Db, ImportBatch, Store};

/// How an import runs, apart from what it reads.
pub struct Mode<'a> {
    pub dry_run: bool,
    pub skip_invalid: bool,
    /// Where `--skip-invalid` writes the rejected rows.
    pub rejects: Option<&'a mut dyn Rejects>,
    /// Called once per row, for a progress bar.
    pub tick: &'a mut dyn FnMut(),
}

pub fn contacts(
    store: &mut Store,
    input: &mut CsvInput,
    options: &contacts::Options,
    mode: Mode<'_>,
) -> Result<Summary> {
    run(store, mode, |db, rejects, tick| {
        contacts::run(db, input, options, rejects, tick)
    })
}

pub fn interactions(
    store: &mut Store,
    input: &mut CsvInput,
    options: &interactions::Options,
    mode: Mode<'_>,
) -> Result<Summary> {
    run(store, mode, |db, rejects, tick| {
        interactions::run(db, input, options, rejects, tick)
    })
}

fn run(
    store: &mut Store,
    mode: Mode<'_>,
    engine: impl FnOnce(&Db<'_>, Option<&mut dyn Rejects>, &mut dyn FnMut()) -> Result<Summary>,
) -> Result<Summary> {
    let Mode {
        dry_run,
        skip_invalid,
        rejects,
        tick,
    } = mode;
    let summary = super::write_or_rollback(store, |db| {
        let mut summary = engine(db, rejects, tick)?;
        summary.dry_run = dry_run;
        let valid = summary.invalid == 0 || skip_invalid;
        if valid && !summary.changed() {
            if let Some(batch) = summary.batch.take() {
                db.delete_import_batch(batch)?;
            }
        }
        if dry_run {
            summary.batch = None;
        }
        let keep = valid && !dry_run && summary.changed();
        Ok((summary, keep))
    })?;
    if summary.invalid > 0 && !skip_invalid {
        let mut rows = skipped_rows(&summary);
        rows.extend(notes(&summary));
        return Err(refused!(
            "{} invalid row{} in {}; nothing was imported (fix {}, or use --skip-invalid)\n{}",
            summary.invalid,
            if summary.invalid == 1 { "" } else { "s" },
            shown(&summary.source),
            if summary.invalid == 1 { "it" } else { "them" },
            rows.join("\n")
        ));
    }
    Ok(summary)
}

/// What to tell about an import besides its counts: the preset it was
/// read with, and the columns it left out.
pub fn notes(summary: &Summary) -> Vec<String> {
    let mut notes = Vec::new();
    let delimiter = summary.delimiter.as_deref().map(|d| match d {
        "\t" => "tabs".to_string(),
        d => format!("'{d}'"),
    });
    match (&summary.encoding, delimiter) {
        (Some(e), Some(d)) => notes.push(format!(
            "Read {} as {e}, columns separated by {d}",
            shown(&summary.source)
        )),
        (Some(e), None) => notes.push(format!("Read {} as {e}", shown(&summary.source))),
        (None, Some(d)) => notes.push(format!(
            "Read {} with columns separated by {d}",
            shown(&summary.source)
        )),
        (None, None) => {}
    }
    if let (Some("vcard"), true) = (summary.preset.as_deref(), summary.preset_detected) {
        notes.push(format!("Read {} as vCards", shown(&summary.source)));
    } else if let (Some(preset), true) = (&summary.preset, summary.preset_detected) {
        notes.push(format!(
            "Read {} with the {preset} preset (recognised from its header row)",
            shown(&summary.source)
        ));
    }
    let plural = |n: u64| if n == 1 { "" } else { "s" };
    for ((rule, stage), n) in &summary.rules_held {
        notes.push(format!(
            "Rule {rule} not fired for {n} contact{} entering {stage}: imports start quiet (--fire-rules fires them)",
            plural(*n)
        ));
    }
    for (rule, n) in &summary.rules_not_applied {
        notes.push(format!(
            "Rule {rule} not applied to {n} contact{}: their entry is in the past",
            plural(*n)
        ));
    }
    if summary.follow_ups_cancelled > 0 {
        let n = summary.follow_ups_cancelled;
        notes.push(format!(
            "Cancelled {n} follow-up{} that the stages they left had scheduled",
            plural(n)
        ));
    }
    if !summary.dropped_values.is_empty() {
        let n = summary.dropped_values.len();
        notes.push(format!(
            "warning: {n} value{} not valid, left out (the rows are imported without {}):",
            plural(n as u64),
            if n == 1 { "it" } else { "them" }
        ));
        for (line, why) in summary.dropped_values.iter().take(20) {
            notes.push(format!("  line {line}: {}", shown(why)));
        }
        if n > 20 {
            notes.push(format!("  … and {} more", n - 20));
        }
    }
    if summary.skipped > 0 {
        let lines: Vec<String> = summary
            .skipped_lines
            .iter()
            .take(20)
            .map(u64::to_string)
            .collect();
        let more = if summary.skipped as usize > lines.len() {
            ", …"
        } else {
            ""
        };
        notes.push(format!(
            "warning: skipped {} row{} with no name, email or phone (line{} {}{more})",
            summary.skipped,
            plural(summary.skipped),
            plural(summary.skipped),
            lines.join(", ")
        ));
    }
    if !summary.kept_apart.is_empty() {
        let n = summary.kept_apart_count as usize;
        notes.push(format!(
            "{n} possible duplicate{} kept apart (a shared phone, another name; `rapport merge KEEP OTHER` if they are one person{}):",
            plural(n as u64),
            summary
                .batch
                .filter(|_| !summary.dry_run)
                .map(|b| format!(", `rapport import list --possible-duplicates {b}` lists them"))
                .unwrap_or_default()
        ));
        for pair in summary
            .kept_apart
            .iter()
            .take(if summary.dry_run { usize::MAX } else { 20 })
        {
            notes.push(format!("  {pair}"));
        }
        let listed = if summary.dry_run {
            summary.kept_apart.len()
        } else {
            summary.kept_apart.len().min(20)
        };
        if n > listed {
            notes.push(format!(
                "  … and {} more ({})",
                n - listed,
                match summary.batch.filter(|_| !summary.dry_run) {
                    Some(b) =>
                        format!("`rapport import list --possible-duplicates {b}` lists them all"),
                    None =>
                        "the import lists them all with `rapport import list --possible-duplicates`"
                            .into(),
                }
            ));
        }
    }
    if !summary.kept_columns.is_empty() {
        notes.push(format!(
            "Kept as custom fields: {}",
            summary
                .kept_columns
                .iter()
                .map(|c| shown(c))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if summary.dry_run && summary.ignored_columns.len() > 20 {
        // The full list, one per line, so nothing is cut.
        notes.push(format!(
            "Ignored columns ({}; --map HEADER=FIELD to keep one, --keep-unmapped to keep all):",
            summary.ignored_columns.len()
        ));
        notes.extend(
            summary
                .ignored_columns
                .iter()
                .map(|c| format!("  {}", shown(c))),
        );
    } else if !summary.ignored_columns.is_empty() {
        let shown_cols: Vec<String> = summary
            .ignored_columns
            .iter()
            .take(20)
            .map(|c| shown(c))
            .collect();
        let more = summary.ignored_columns.len() - shown_cols.len();
        let more = if more > 0 {
            format!(" and {more} more (--dry-run lists them all)")
        } else {
            String::new()
        };
        notes.push(format!(
            "Ignored columns: {}{more} (--map HEADER=FIELD to keep one, --keep-unmapped to keep all)",
            shown_cols.join(", ")
        ));
    }
    notes
}

/// The invalid rows an import skipped, as `line N: reason`.
pub fn skipped_rows(summary: &Summary) -> Vec<String> {
    let mut rows: Vec<String> = summary
        .invalid_rows
        .iter()
        .map(|(line, reason)| format!("line {line}: {}", shown(reason)))
        .collect();
    let unlisted = summary.invalid as usize - rows.len();
    if unlisted > 0 {
        rows.push(format!("… and {unlisted} more invalid rows"));
    }
    rows
}

pub fn batches(db: &Db<'_>) -> Result<Vec<ImportBatch>> {
    db.import_batches()
}

/// `import list --possible-duplicates [BATCH]`: the pairs an import kept
/// apart, still both in the book (a merge or a forget ends a pair).
pub fn possible_duplicates(
    db: &Db<'_>,
    batch: Option<i64>,
) -> Result<Vec<crate::store::PossibleDuplicate>> {
    if let Some(b) = batch {
        if db.import_batch(b)?.is_none() {
            return Err(crate::refused!(
                "no import batch #{b}: expected a number `rapport import list` shows"
            ));
        }
    }
    db.possible_duplicates(batch)
}

/// `import undo`: all of the batch or nothing, then the file rewritten so
/// that what it removed leaves no copy.
pub fn undo(store: &mut Store, batch: i64) -> Result<UndoReport> {
    let report = super::write(store, |db| undo::undo(db, batch))?;
    // When a reader holds an old snapshot, the scrub is owed to the next command.
    store.scrub()?;
    Ok(report)
}
