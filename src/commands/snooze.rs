use super::Ctx;
use crate::domain::due::{parse_item_id, ItemId};
use crate::store::Access;
use anyhow::{anyhow, bail, Result};
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The id that `rapport due` shows
    pub item: String,
    /// The new date: tomorrow, 3d, next monday, …
    pub when: String,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let ItemId::FollowUp(id) = parse_item_id(&args.item).map_err(anyhow::Error::msg)?;
    let when = ctx.when(&args.when)?;
    if when.date() < ctx.clock.today() {
        bail!(
            "'{}' is in the past: snooze moves an item to a later date",
            args.when
        );
    }
    let date = when.date().format("%Y-%m-%d").to_string();
    let time = when.time().map(|t| t.format("%H:%M").to_string());
    let mut store = ctx.open(Access::Write)?;
    let follow_up = store.write(|db| {
        let (f, _) = db.follow_up(id)?.ok_or_else(|| {
            anyhow!(
                "no item '{}' to snooze: expected an id that `rapport due` shows",
                args.item
            )
        })?;
        if f.done_at.is_some() {
            bail!("follow-up #{id} with {} is already done", f.contact);
        }
        db.reschedule_follow_up(id, &date, time.as_deref())?;
        Ok(f)
    })?;
    let line = format!(
        "Snoozed follow-up #{} with {} to {when}",
        follow_up.id, follow_up.contact
    );
    ctx.ui.confirm(
        &json!({"id": follow_up.id.to_string(), "kind": "follow-up", "due": date}),
        &line,
    )
}
