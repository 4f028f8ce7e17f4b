use super::Ctx;
use crate::agenda;
use crate::store::Access;
use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Also what falls due within this window, like 2d or 1w
    #[arg(long, value_name = "DURATION")]
    pub within: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let until = agenda::until(ctx.clock.today(), args.within.as_deref())?;
    let store = ctx.open(Access::Read)?;
    let items = agenda::items(&store.read(), ctx.clock, until)?;
    ctx.ui.records(&items)
}
