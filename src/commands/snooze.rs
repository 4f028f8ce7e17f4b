use super::done::find;
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
    let item = parse_item_id(&args.item).map_err(anyhow::Error::msg)?;
    let when = ctx.when(&args.when)?;
    if when.date() <= ctx.clock.today() {
        bail!(
            "'{}' is not after today: snooze moves an item to a later date",
            args.when
        );
    }
    let date = when.date().format("%Y-%m-%d").to_string();
    let time = when.time().map(|t| t.format("%H:%M").to_string());
    let clock = ctx.clock;
    let mut store = ctx.open(Access::Write)?;
    let (kind, contact) = store.write(|db| match &item {
        ItemId::FollowUp(id) => {
            let (f, _) = db.follow_up(*id)?.ok_or_else(|| {
                anyhow!(
                    "no item '{}' to snooze: expected an id that `rapport due` shows",
                    args.item
                )
            })?;
            if f.done_at.is_some() {
                bail!("follow-up #{id} with {} is already done", f.contact);
            }
            db.reschedule_follow_up(*id, &date, time.as_deref())?;
            Ok(("follow-up", f.contact))
        }
        ItemId::Ticket(id) => {
            let t = db
                .interaction(*id)?
                .ok_or_else(|| anyhow!("no item '{}': ticket #{id} does not exist", args.item))?;
            if t.resolved_at.is_some() {
                bail!("ticket #{id} for {} is already resolved", t.contact);
            }
            db.mark_reminder(&args.item, "open", t.contact_id, None, Some(&date))?;
            Ok(("ticket", t.contact))
        }
        ItemId::Computed(key) => {
            let found = find(db, clock, key)?;
            let spell = found.spell.clone().unwrap_or_default();
            db.mark_reminder(key, &spell, found.contact_id, None, Some(&date))?;
            Ok((found.kind.as_str(), found.contact))
        }
    })?;
    let id = args.item.trim().trim_start_matches('#');
    let label = if kind == "follow-up" {
        format!("follow-up #{id}")
    } else {
        format!("{kind} {id}")
    };
    let line = format!("Snoozed {label} with {contact} to {when}");
    ctx.ui
        .confirm(&json!({"id": args.item, "kind": kind, "due": date}), &line)
}
