//! `rapport import list`: past batches.

use super::Ctx;
use crate::error::Result;
use crate::ops;

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let store = ctx.read()?;
    let batches = ops::import::batches(&store.read())?;
    ctx.ui.records(&batches)
}
