//! `rapport template [list]`.

use super::Ctx;
use crate::error::Result;
use crate::ops;

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let store = ctx.read()?;
    let templates = ops::templates::list(&store.read())?;
    ctx.ui.records(&templates)
}
