//! `rapport rules rm RULE_ID`.

use super::{parse_id, Ctx};
use crate::error::Result;
use crate::ops;
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rule's id, as `rapport rules` shows it
    pub id: String,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let id = parse_id(&args.id)?;
    let mut store = ctx.write()?;
    ops::rules::remove(&mut store, id)?;
    ctx.ui.confirm(
        &json!({"id": id, "removed": true}),
        &format!("Removed rule #{id}"),
    )
}
