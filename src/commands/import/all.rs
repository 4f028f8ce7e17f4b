//! `rapport import all FILE.json`: what `export all` wrote, into an empty book.

use super::Ctx;
use crate::error::{Error, Result};
use crate::ops;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A file `rapport export all` wrote
    #[arg(value_name = "FILE.json")]
    pub file: PathBuf,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let open = || {
        std::fs::File::open(&args.file)
            .map_err(|e| Error::io(format!("cannot read '{}'", args.file.display()), e))
    };
    ops::dump::check_head(open()?)?;
    let reader = open()?;
    let restored = if ctx.db_path.exists() {
        let mut store = ctx.write()?;
        ops::dump::restore(&mut store, reader)?
    } else {
        // A new book appears only once the whole export is in it.
        ops::dump::restore_new(&ctx.db_path, ctx.clock, reader)?
    };
    let line = format!(
        "Restored {} contacts, {} interactions and {} follow-ups from {}",
        restored.contacts,
        restored.interactions,
        restored.follow_ups,
        args.file.display()
    );
    ctx.ui.confirm(&restored, &line)
}
