//! `rapport advance CONTACT`: one stage along the pipeline.

use super::Ctx;
use crate::error::Result;
use crate::ops::stage::{self, Target};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An id, an email, or part of a name
    pub contact: String,
    /// Why they moved: kept in the stage history
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let (mut store, ids) = ctx.write_for(&[&args.contact])?;
    let id = ids[0];
    let moved = stage::move_contact(&mut store, id, &Target::Next, args.reason.as_deref(), None)?;
    ctx.ui.moved(&moved)
}
