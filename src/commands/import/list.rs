//! `rapport import list`: past batches, or the possible duplicates they
//! kept apart.

use super::Ctx;
use crate::error::Result;
use crate::ops;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this batch's possible duplicates
    #[arg(value_name = "BATCH_ID", requires = "possible_duplicates")]
    pub batch: Option<i64>,
    /// Contacts kept apart though they share a phone (another name), still both in the book; `rapport merge` joins a pair
    #[arg(long)]
    pub possible_duplicates: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let store = ctx.read()?;
    if args.possible_duplicates {
        let pairs = ops::import::possible_duplicates(&store.read(), args.batch)?;
        return ctx.ui.records(&pairs);
    }
    let batches = ops::import::batches(&store.read())?;
    ctx.ui.records(&batches)
}
