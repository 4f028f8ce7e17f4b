//! `rapport merge KEEP OTHER`: two contacts that are one person become
//! one; `rapport merge --undo [MERGE]` separates them again.

use super::Ctx;
use crate::error::Result;
use crate::ops::contact;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The contact to keep, then the one merged into it (ids, emails, or parts of names)
    #[arg(
        num_args = 2,
        value_names = ["KEEP", "OTHER"],
        required_unless_present = "undo"
    )]
    pub contacts: Vec<String>,
    /// Undo a merge (the last one when MERGE is left out): the merged contact comes back as it was
    #[arg(long, value_name = "MERGE", num_args = 0..=1, conflicts_with = "contacts")]
    pub undo: Option<Option<i64>>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    if let Some(merge) = args.undo {
        let mut store = ctx.write()?;
        let (kept, restored) = contact::unmerge(&mut store, merge)?;
        return ctx.ui.unmerged(&kept, &restored);
    }
    let references: Vec<&str> = args.contacts.iter().map(String::as_str).collect();
    let (mut store, ids) = ctx.write_for(&references)?;
    let (merged, kept) = contact::merge(&mut store, ids[0], ids[1])?;
    ctx.ui.merged(&merged, &kept)
}
