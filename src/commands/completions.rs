use super::Ctx;
use anyhow::Result;
use clap_complete::Shell;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub shell: Shell,
}

pub fn run(_ctx: &mut Ctx, args: Args) -> Result<()> {
    let script = crate::generated::completion(args.shell);
    std::io::stdout().lock().write_all(&script)?;
    Ok(())
}
