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
    let mut store = ctx.write()?;
    let restored = ops::dump::restore(&mut store, reader)?;
    let line = format!(
        "Restored {} contacts, {} interactions and {} follow-ups from {}",
        restored.contacts,
        restored.interactions,
        restored.follow_ups,
        args.file.display()
    );
    ctx.ui.confirm(&restored, &line)
}
