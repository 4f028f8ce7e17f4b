use super::stage::{move_contact, Target};
use super::Ctx;
use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub contact: String,
    /// Why they moved: kept in the stage history
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    move_contact(
        ctx,
        &args.contact,
        Target::Next,
        args.reason.as_deref(),
        None,
    )
}
