//! `rapport check`: integrity, foreign keys, the search index and the
//! maintained columns; exits 1 on any problem.

use super::Ctx;
use crate::error::{Error, Result};
use crate::ops;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &mut Ctx, _args: Args) -> Result<()> {
    let store = ctx.read()?;
    let checked = ops::maintenance::check(&store)?;
    if ctx.ui.is_json() {
        ctx.ui.json(&checked)?;
    } else {
        let c = &checked.counts;
        ctx.ui.line(&format!(
            "{}: schema version {}, {} contacts, {} interactions, {} open follow-ups, {} open tickets",
            ctx.db_path.display(),
            c.schema_version,
            c.contacts,
            c.interactions,
            c.open_follow_ups,
            c.open_tickets
        ))?;
        for p in &checked.problems {
            ctx.ui.line(&format!("problem: {p}"))?;
        }
        for n in &checked.notes {
            ctx.ui.line(&format!("note: {n}"))?;
        }
        if checked.ok {
            ctx.ui
                .line("ok: integrity, foreign keys and maintained columns all check out")?;
        }
    }
    if !checked.ok {
        return Err(Error::Problems(checked.problems.len()));
    }
    Ok(())
}
