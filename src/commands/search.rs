//! `rapport search TEXT`: full-text search over contacts and what was said.

use super::Ctx;
use crate::error::Result;
use crate::ops;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words to find in names, emails, companies, notes, fields, tags and interactions
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// At most this many contacts
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: u32,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let store = ctx.read()?;
    let hits = ops::contact::search(&store.read(), &args.text.join(" "), args.limit)?;
    ctx.ui.records(&hits)
}
