use super::Ctx;
use crate::agenda;
use crate::domain::due::{parse_item_id, DueItem, ItemId};
use crate::domain::follow_up::next_occurrence;
use crate::domain::when::Duration;
use crate::store::{Access, Db};
use anyhow::{anyhow, bail, Result};
use chrono::{Days, NaiveDate};
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The id that `rapport due` shows
    pub item: String,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let item = parse_item_id(&args.item).map_err(anyhow::Error::msg)?;
    let today = ctx.clock.today();
    let clock = ctx.clock;
    let mut store = ctx.open(Access::Write)?;
    let (record, line) = store.write(|db| match &item {
        ItemId::FollowUp(id) => done_follow_up(db, *id, &args.item, today),
        ItemId::Ticket(id) => {
            let ticket = db.interaction(*id)?.ok_or_else(|| anyhow!("no item '{}': ticket #{id} does not exist", args.item))?;
            if ticket.resolved_at.is_some() {
                bail!("ticket #{id} for {} is already resolved", ticket.contact);
            }
            db.resolve_ticket(*id, &db.now(), None)?;
            let line = format!("Done: resolved ticket #{id} for {}: {}", ticket.contact, ticket.summary);
            Ok((json!({"id": args.item, "kind": "ticket", "contact_id": ticket.contact_id, "contact": ticket.contact, "done": true}), line))
        }
        ItemId::Computed(key) => {
            let found = find(db, clock, key)?;
            let spell = found.spell.clone().unwrap_or_default();
            db.mark_reminder(key, &spell, found.contact_id, Some(&db.now()), None)?;
            let line = format!("Done: {} for {}: {}", found.kind.as_str(), found.contact, found.what);
            Ok((json!({"id": key, "kind": found.kind.as_str(), "contact_id": found.contact_id, "contact": found.contact, "done": true}), line))
        }
    })?;
    ctx.ui.confirm(&record, &line)
}

/// A computed reminder by its id, due now or within the year ahead.
pub fn find(db: &Db<'_>, clock: crate::clock::Clock, key: &str) -> Result<DueItem> {
    let horizon = clock.today() + Days::new(400);
    agenda::items(db, clock, horizon)?
        .into_iter()
        .find(|i| i.id == key)
        .ok_or_else(|| anyhow!("no item '{key}' is due: it was done already, or nothing calls for it now (rapport due --within 1y lists what is coming)"))
}

fn done_follow_up(
    db: &Db<'_>,
    id: i64,
    text: &str,
    today: NaiveDate,
) -> Result<(serde_json::Value, String)> {
    let (f, anchor) = db.follow_up(id)?.ok_or_else(|| {
        anyhow!("no item '{text}' to mark done: expected an id that `rapport due` shows")
    })?;
    if f.done_at.is_some() {
        bail!("follow-up #{id} with {} is already done", f.contact);
    }
    let next = match &f.every {
        Some(every) => {
            let every = Duration::parse(every).map_err(anyhow::Error::msg)?;
            let parse = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d");
            let date = next_occurrence(parse(&anchor)?, every, parse(&f.due)?, today)
                .ok_or_else(|| anyhow!("follow-up #{id} has no next occurrence in range"))?;
            Some(date.format("%Y-%m-%d").to_string())
        }
        None => None,
    };
    let next_id = db.complete_follow_up(id, next.as_deref())?;
    let next = next_id.zip(next);
    let mut line = format!("Done: follow-up #{} with {}: {}", f.id, f.contact, f.note);
    if let Some((next_id, date)) = &next {
        line.push_str(&format!("\nNext one: #{next_id} on {date}"));
    }
    let record = json!({
        "id": f.id.to_string(),
        "kind": if f.rule.is_some() { "on-enter" } else { "follow-up" },
        "contact_id": f.contact_id,
        "contact": f.contact,
        "done": true,
        "next": next.map(|(id, due)| json!({"id": id.to_string(), "due": due})),
    });
    Ok((record, line))
}
