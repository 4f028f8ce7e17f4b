//! `rapport stage CONTACT STAGE`: to any stage, forward or back.

use super::Ctx;
use crate::error::Result;
use crate::ops::stage::{self, Target};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An id, an email, or part of a name
    pub contact: String,
    /// Any stage of the pipeline, forward or back
    pub stage: String,
    /// Why they moved: kept in the stage history
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// When they moved [default: now]
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
    let id = ids[0];
    let moved = stage::move_contact(
        &mut store,
        id,
        &Target::Stage(args.stage),
        args.reason.as_deref(),
        at.as_deref(),
    )?;
    ctx.ui.moved(&moved)
}
