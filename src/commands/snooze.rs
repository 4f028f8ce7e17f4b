//! `rapport snooze ITEM_ID WHEN`: any item of `due`, to a later day.

use super::Ctx;
use crate::domain::Invalid;
use crate::error::Result;
use crate::ops;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The id that `rapport due` shows
    pub item: String,
    /// The new date: tomorrow, 3d, next monday, …
    pub when: String,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let when = ctx.when(&args.when)?;
    if when.date() <= ctx.clock.today() {
        return Err(Invalid::NotLater(args.when).into());
    }
    let mut store = ctx.write()?;
    let snoozed = ops::due::snooze(&mut store, &args.item, when)?;
    let id = args.item.trim().trim_start_matches('#');
    let label = if snoozed.kind == "follow-up" {
        format!("follow-up #{id}")
    } else {
        format!("{} {id}", snoozed.kind)
    };
    let line = format!("Snoozed {label} with {} to {when}", snoozed.contact);
    ctx.ui.confirm(&snoozed, &line)
}
