use super::Ctx;
use crate::store::Access;
use anyhow::{bail, Result};
use serde_json::json;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the copy (a new file)
    pub file: PathBuf,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    if !ctx.db_path.exists() {
        bail!(
            "there is no database at '{}' to back up",
            ctx.db_path.display()
        );
    }
    let store = ctx.open(Access::Read)?;
    store.backup_to(&args.file)?;
    let counts = store.read().counts()?;
    let line = format!(
        "Backed up {} contacts and {} interactions to {}",
        counts.contacts,
        counts.interactions,
        args.file.display()
    );
    ctx.ui
        .confirm(&json!({"backup": args.file, "counts": counts}), &line)
}
