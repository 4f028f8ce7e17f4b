//! `rapport` alone: what to do today, at a glance.

use super::Ctx;
use crate::store::Access;
use anyhow::Result;
use serde_json::json;

const SHOWN: usize = 10;

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open(Access::Read)?;
    let db = store.read();
    let today = ctx.clock.today();
    let empty = !db.has_contacts()?;
    let due = crate::agenda::items(&db, ctx.clock, today)?;
    let stages = db.stages_with_counts()?;
    let recent = db.recent_interactions(None, 5)?;
    if ctx.ui.is_json() {
        return ctx
            .ui
            .json(&json!({"due": due, "stages": stages, "recent_interactions": recent}));
    }
    let ui = &mut ctx.ui;
    if empty {
        ui.line("Your contact book is empty. To start:")?;
        ui.line("  rapport add \"Ada Lovelace\" --email ada@example.com --source linkedin")?;
        ui.line("  rapport log ada \"Intro call\" --kind call --follow-up 1w   (then `rapport due` each morning)")?;
        return Ok(());
    }
    ui.heading(&format!("Today, {}", today.format("%A %Y-%m-%d")))?;
    if due.is_empty() {
        ui.line("Nothing is due.")?;
    } else {
        let title = if due.len() > SHOWN {
            format!("Due ({} of {}; `rapport due` for all)", SHOWN, due.len())
        } else {
            "Due".to_string()
        };
        ui.section(&title, &due[..due.len().min(SHOWN)])?;
    }
    ui.section("Contacts per stage", &stages)?;
    ui.section("Latest interactions", &recent)
}
