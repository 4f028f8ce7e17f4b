//! `rapport sql QUERY [--timeout SECONDS]`: one read-only query over the
//! documented views.

use super::Ctx;
use crate::error::Result;

/// Views: contacts_v, interactions_v, stage_history_v, follow_ups_v,
/// tags_v, fields_v, points_v, stages_v, consents_v (see the README).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// One read-only query, like "select source, count(*) from contacts_v group by 1"
    pub query: String,
    /// Stop the query after this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub timeout: u64,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let mut store = ctx.read()?;
    let mut rows = ctx.ui.dynamic();
    store.query_read_only(
        &args.query,
        std::time::Duration::from_secs(args.timeout),
        &mut rows,
    )?;
    rows.finish()
}
