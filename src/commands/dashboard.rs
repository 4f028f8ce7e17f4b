//! `rapport` alone: what to do today, at a glance.

use super::Ctx;
use crate::error::Result;
use crate::ops;

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let store = ctx.read()?;
    let dashboard = ops::due::dashboard(&store.read(), ctx.clock)?;
    ctx.ui.dashboard(&dashboard, ctx.clock.today())
}
