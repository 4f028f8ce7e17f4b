//! `rapport completions SHELL`.

use super::Ctx;
use crate::error::Result;
use clap_complete::Shell;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// bash, zsh, fish, elvish or powershell
    pub shell: Shell,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let script = crate::generated::completion(args.shell);
    ctx.ui.raw(&script)
}
