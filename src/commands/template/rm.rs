//! `rapport template rm NAME`: one that no rule uses.

use super::{Ctx, Name};
use crate::error::Result;
use crate::ops;
use serde_json::json;

pub fn run(ctx: &mut Ctx, args: Name) -> Result<()> {
    let mut store = ctx.write()?;
    ops::templates::remove(&mut store, &args.name)?;
    let name = args.name;
    ctx.ui.confirm(
        &json!({"name": name, "removed": true}),
        &format!("Removed template '{name}'"),
    )
}
