use super::Ctx;
use crate::store::Access;
use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words to find in names, emails, companies, notes, fields, tags and interactions
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: u32,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let store = ctx.open(Access::Read)?;
    let hits = store.read().search(&args.text.join(" "), args.limit)?;
    ctx.ui.records(&hits)
}
