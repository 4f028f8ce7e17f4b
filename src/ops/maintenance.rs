//! The file itself: backups and integrity checks.

use crate::error::Result;
use crate::store::{Counts, Store};
use serde::Serialize;
use std::path::Path;

/// `backup`: a consistent copy written into `empty_file`, and what it holds.
pub fn backup(store: &Store, empty_file: &Path) -> Result<Counts> {
    store.copy_into(empty_file)?;
    store.read().counts()
}

/// What `check` found.
#[derive(Debug, Serialize)]
pub struct Checked {
    pub ok: bool,
    pub counts: Counts,
    pub problems: Vec<String>,
    /// What was not checked, and why.
    pub notes: Vec<String>,
}

/// Books up to this size get their search index checked against the text
/// it indexes, on a copy in memory.
const DEEP_CHECK_LIMIT: u64 = 512 * 1024 * 1024;

/// `check`: reads only, on a read-only file too; a busy book is an error
/// of its own, not a problem found.
pub fn check(store: &Store) -> Result<Checked> {
    let db = store.read();
    let mut counts = db.counts()?;
    let mut problems = db.check()?;
    let stale = super::at_risk::stale(&db)?;
    if !stale.is_empty() {
        problems.push(format!(
            "{} contacts have stale days at risk (the first is #{})",
            stale.len(),
            stale[0]
        ));
    }
    let mut notes = Vec::new();
    if store.file_version < counts.schema_version {
        notes.push(format!(
            "the file is at schema version {}: the next write upgrades it to {} (checked as it will be)",
            store.file_version, counts.schema_version
        ));
        counts.schema_version = store.file_version;
    }
    match store.deep_search_check(DEEP_CHECK_LIMIT)? {
        Some(found) => problems.extend(found),
        None => notes.push(
            "the search index was checked for structure only: the book is larger than 512 MB"
                .to_string(),
        ),
    }
    Ok(Checked {
        ok: problems.is_empty(),
        counts,
        problems,
        notes,
    })
}
