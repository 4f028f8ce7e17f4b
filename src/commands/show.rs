//! `rapport show CONTACT`: the profile, the stage history, recent
//! interactions, open follow-ups and tickets, score and points.

use super::Ctx;
use crate::error::Result;
use crate::ops;
use crate::output::Format;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An id, an email, or part of a name
    pub contact: String,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let store = ctx.read()?;
    let db = store.read();
    let id = ctx.contact(&db, &args.contact)?;
    let profile = ops::contact::profile(&db, id, ctx.clock)?;
    match ctx.ui.format() {
        Format::Json => ctx.ui.json(&profile),
        Format::Csv => ctx.ui.records(std::slice::from_ref(&profile.contact)),
        Format::Table | Format::Vcard => ctx.ui.profile(&profile),
    }
}
