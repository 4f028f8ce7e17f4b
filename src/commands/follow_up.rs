use super::Ctx;
use crate::domain::contact::clean_text;
use crate::domain::when::{Duration, When};
use crate::store::{Access, Db, NewFollowUp};
use anyhow::{anyhow, bail, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    pub contact: String,
    /// When: 2026-12-01, tomorrow, 3d, next monday, …
    pub when: String,
    /// What to do
    pub note: Option<String>,
    /// Make it recurring: 1w, 1m, 3m, …
    #[arg(long, value_name = "DURATION")]
    pub every: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let when = ctx.when(&args.when)?;
    let every = args
        .every
        .as_deref()
        .map(Duration::parse)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let note = args
        .note
        .as_deref()
        .and_then(clean_text)
        .unwrap_or_else(|| "Follow up".to_string());
    let mut store = ctx.open(Access::Write)?;
    let contact_id = ctx.resolve_contact(&store.read(), &args.contact)?;
    let follow_up = store.write(|db| {
        if !db.contact_exists(contact_id)? {
            bail!("contact #{contact_id} no longer exists");
        }
        let id = schedule(db, contact_id, when, &note, every)?;
        Ok(db
            .follow_up(id)?
            .ok_or_else(|| anyhow!("follow-up #{id} vanished"))?
            .0)
    })?;
    let mut line = format!(
        "Follow-up #{} with {} on {when}: {}",
        follow_up.id, follow_up.contact, follow_up.note
    );
    if let Some(every) = every {
        line.push_str(&format!(" (every {every})"));
    }
    ctx.ui.confirm(&follow_up, &line)
}

/// Schedules a follow-up inside the caller's transaction.
pub fn schedule(
    db: &Db<'_>,
    contact_id: i64,
    when: When,
    note: &str,
    every: Option<Duration>,
) -> Result<i64> {
    db.insert_follow_up(&NewFollowUp {
        contact_id,
        due_date: when.date().format("%Y-%m-%d").to_string(),
        due_time: when.time().map(|t| t.format("%H:%M").to_string()),
        note: note.to_string(),
        every: every.map(|e| e.to_string()),
    })
}
