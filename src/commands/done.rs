use super::Ctx;
use crate::domain::due::{parse_item_id, ItemId};
use crate::domain::follow_up::next_occurrence;
use crate::domain::when::Duration;
use crate::store::Access;
use anyhow::{anyhow, bail, Result};
use chrono::NaiveDate;
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The id that `rapport due` shows
    pub item: String,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let ItemId::FollowUp(id) = parse_item_id(&args.item).map_err(anyhow::Error::msg)?;
    let today = ctx.clock.today();
    let mut store = ctx.open(Access::Write)?;
    let (follow_up, next) = store.write(|db| {
        let (f, anchor) = db.follow_up(id)?.ok_or_else(|| {
            anyhow!(
                "no item '{}' to mark done: expected an id that `rapport due` shows",
                args.item
            )
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
        Ok((f, next_id.zip(next)))
    })?;
    let mut line = format!(
        "Done: follow-up #{} with {}: {}",
        follow_up.id, follow_up.contact, follow_up.note
    );
    if let Some((next_id, date)) = &next {
        line.push_str(&format!("\nNext one: #{next_id} on {date}"));
    }
    let record = json!({
        "id": follow_up.id.to_string(),
        "kind": "follow-up",
        "contact_id": follow_up.contact_id,
        "contact": follow_up.contact,
        "done": true,
        "next": next.map(|(id, due)| json!({"id": id.to_string(), "due": due})),
    });
    ctx.ui.confirm(&record, &line)
}
