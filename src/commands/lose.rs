//! `rapport lose CONTACT --reason TEXT [--at WHEN]`: out of the pipeline.

use super::Ctx;
use crate::error::Result;
use crate::ops::stage;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An id, an email, or part of a name
    pub contact: String,
    /// Why they left: kept in the stage history and counted by `report lost`
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// When they left [default: now]
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let at = args
        .at
        .as_deref()
        .map(|t| ctx.past_instant(t))
        .transpose()?;
    let (mut store, ids) = ctx.write_for(&[&args.contact])?;
    let lost = stage::lose(&mut store, ids[0], &args.reason, at.as_deref())?;
    ctx.ui.lost(&lost)
}
