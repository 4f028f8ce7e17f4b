//! `rapport done ITEM_ID`: any item of `due`.

use super::Ctx;
use crate::error::Result;
use crate::ops;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The id that `rapport due` shows
    pub item: String,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let mut store = ctx.write()?;
    let done = ops::due::done(&mut store, &args.item)?;
    let mut line = match done.kind {
        "follow-up" | "on-enter" => format!(
            "Done: follow-up #{} with {}: {}",
            done.id, done.contact, done.what
        ),
        "ticket" => format!(
            "Done: resolved {} for {}: {}",
            done.id.replace('-', " #"),
            done.contact,
            done.what
        ),
        kind => format!("Done: {kind} for {}: {}", done.contact, done.what),
    };
    if let Some(next) = &done.next {
        line.push_str(&format!("\nNext one: #{} on {}", next.id, next.due));
    }
    ctx.ui.confirm(&done, &line)
}
