//! Operations: the workflows between the commands and the store, as cargo
//! keeps them in `ops/`. An operation takes plain values (never clap's),
//! does its work through the store, every write in one transaction
//! through `write`, and returns records for `output/` to show. It prints
//! nothing and never prompts: the command decides that.

pub mod at_risk;
pub mod contact;
pub mod due;
pub mod dump;
pub mod follow_up;
pub mod import;
pub mod interaction;
pub mod maintenance;
pub mod points;
pub mod report;
pub mod rules;
pub mod settings;
pub mod stage;
pub mod sync;
pub mod templates;
pub mod validate;

use crate::clock::Clock;
use crate::domain::stage::LIFECYCLE;
use crate::error::Result;
use crate::store::{Access, Db, Store};
use std::path::Path;

/// Opens the book. A missing book read as empty has the default pipeline
/// and rules, in memory, as a first write would give it; a book just
/// migrated (or read migrated, in memory) gets what its new schema keeps
/// computed.
pub fn open(path: &Path, access: Access, clock: Clock) -> Result<Store> {
    let mut store = Store::open(path, access, clock)?;
    if store.path().is_none() || store.migrated.is_some() {
        write(&mut store, |db| {
            db.touch_all();
            Ok(())
        })?;
    }
    Ok(store)
}

/// One write through the store's door, on a book that has its pipeline:
/// a book that never ran `init` gets the lifecycle pipeline and the
/// default rules first, in the same transaction.
pub fn write<T>(store: &mut Store, work: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
    store.write(|db| {
        ensure_pipeline(db)?;
        let value = work(db)?;
        at_risk::refresh_after_write(db)?;
        Ok(value)
    })
}

/// A write of another device's changes (sync): not recorded to be sent
/// back, and without installing a pipeline (the folder brings its own).
pub fn write_applying<T>(store: &mut Store, work: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
    store.write_applying(|db| {
        let value = work(db)?;
        at_risk::refresh_after_write(db)?;
        Ok(value)
    })
}

/// Like `write`, where the work decides whether to keep what it did.
pub fn write_or_rollback<T>(
    store: &mut Store,
    work: impl FnOnce(&Db<'_>) -> Result<(T, bool)>,
) -> Result<T> {
    store.write_or_rollback(|db| {
        ensure_pipeline(db)?;
        let (value, keep) = work(db)?;
        if keep {
            at_risk::refresh_after_write(db)?;
        }
        Ok((value, keep))
    })
}

fn ensure_pipeline(db: &Db<'_>) -> Result<()> {
    if db.pipeline()?.is_empty() {
        let stages: Vec<String> = LIFECYCLE.iter().map(|s| s.to_string()).collect();
        db.set_pipeline(&stages)?;
        rules::install_defaults(db)?;
    }
    Ok(())
}
