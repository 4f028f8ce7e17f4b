//! The file itself: backups and integrity checks.

use crate::error::Result;
use crate::store::{Counts, Store};
use serde::Serialize;
use std::path::Path;

/// `backup`: a consistent copy, and what it holds.
pub fn backup(store: &Store, target: &Path) -> Result<Counts> {
    store.backup_to(target)?;
    store.read().counts()
}

/// What `check` found.
#[derive(Debug, Serialize)]
pub struct Checked {
    pub ok: bool,
    pub counts: Counts,
    pub problems: Vec<String>,
}

pub fn check(store: &Store) -> Result<Checked> {
    let db = store.read();
    let counts = db.counts()?;
    let problems = db.check()?;
    Ok(Checked {
        ok: problems.is_empty(),
        counts,
        problems,
    })
}
