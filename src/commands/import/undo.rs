//! `rapport import undo BATCH_ID`.

use super::Ctx;
use crate::domain::Invalid;
use crate::error::Result;
use crate::ops;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The batch's number, as `rapport import list` shows it
    #[arg(value_name = "BATCH_ID")]
    pub batch: String,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let id: i64 = args
        .batch
        .trim_start_matches('#')
        .parse()
        .map_err(|_| Invalid::Id {
            text: args.batch.clone(),
            what: "a batch id",
            printed_by: "`rapport import list`",
        })?;
    let mut store = ctx.write()?;
    let report = ops::import::undo(&mut store, id)?;
    let line = format!(
        "Undid import batch #{} ({}): removed {} contacts and {} interactions, restored {} values on {} contacts",
        report.batch,
        report.source,
        report.removed_contacts,
        report.removed_interactions,
        report.restored_values,
        report.restored_contacts
    );
    ctx.ui.confirm(&report, &line)
}
