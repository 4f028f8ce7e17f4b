use super::Ctx;
use crate::store::Access;
use anyhow::{bail, Result};
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &mut Ctx, _args: Args) -> Result<()> {
    let store = ctx.open(Access::Read)?;
    let db = store.read();
    let counts = db.counts()?;
    let problems = db.check()?;
    let ok = problems.is_empty();
    if ctx.ui.is_json() {
        ctx.ui
            .json(&json!({"ok": ok, "counts": counts, "problems": problems}))?;
    } else {
        ctx.ui.line(&format!(
            "{}: schema version {}, {} contacts, {} interactions, {} open follow-ups, {} open tickets",
            ctx.db_path.display(),
            counts.schema_version,
            counts.contacts,
            counts.interactions,
            counts.open_follow_ups,
            counts.open_tickets
        ))?;
        for p in &problems {
            ctx.ui.line(&format!("problem: {p}"))?;
        }
        if ok {
            ctx.ui
                .line("ok: integrity, foreign keys and maintained columns all check out")?;
        }
    }
    if !ok {
        bail!(
            "the database has {} problem{}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
    }
    Ok(())
}
