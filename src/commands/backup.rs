//! `rapport backup FILE`: a consistent copy, safe while in use.

use super::Ctx;
use crate::error::{Error, Result};
use crate::ops;
use crate::output::files::AtomicFile;
use serde_json::json;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the copy (a new file)
    pub file: PathBuf,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    if !ctx.db_path.exists() {
        return Err(Error::Database(format!(
            "there is no database at '{}' to back up",
            ctx.db_path.display()
        )));
    }
    ctx.ui.guard.check(&args.file)?;
    if args.file.exists() {
        return Err(crate::refused!(
            "backup target '{}' already exists: choose a new file name",
            args.file.display()
        ));
    }
    let file = AtomicFile::create(&args.file, &ctx.ui.guard)?;
    let store = ctx.read()?;
    let counts = ops::maintenance::backup(&store, file.temp_path())?;
    file.commit()?;
    let line = format!(
        "Backed up {} contacts and {} interactions to {}",
        counts.contacts,
        counts.interactions,
        args.file.display()
    );
    ctx.ui
        .confirm(&json!({"backup": args.file, "counts": counts}), &line)
}
