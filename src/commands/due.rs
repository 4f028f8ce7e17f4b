//! `rapport due [--within DURATION]`: what to act on, overdue first.

use super::Ctx;
use crate::domain::when::until;
use crate::error::Result;
use crate::ops;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Also what falls due within this window, like 2d or 1w
    #[arg(long, value_name = "DURATION")]
    pub within: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let until = until(ctx.clock.today(), args.within.as_deref())?;
    let store = ctx.read()?;
    let due = ops::due::list(&store.read(), ctx.clock, until)?;
    for w in &due.warnings {
        ctx.ui.warn(w)?;
    }
    ctx.ui.records(&due.items)
}
