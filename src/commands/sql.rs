//! `rapport sql QUERY`: one read-only query over the documented views.

use super::Ctx;
use crate::error::Result;

/// Views: contacts_v, interactions_v, stage_history_v, follow_ups_v,
/// tags_v, fields_v, points_v, stages_v (see the README).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// One read-only query, like "select source, count(*) from contacts_v group by 1"
    pub query: String,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let store = ctx.read()?;
    let (headers, rows) = store.query_read_only(&args.query)?;
    ctx.ui.dynamic(&headers, &rows)
}
