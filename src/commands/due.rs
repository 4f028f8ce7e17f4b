use super::Ctx;
use crate::domain::due::{follow_up_item, sort_items, DueItem};
use crate::domain::when::Duration;
use crate::store::{Access, Db};
use anyhow::{anyhow, Result};
use chrono::NaiveDate;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Also what falls due within this window, like 2d or 1w
    #[arg(long, value_name = "DURATION")]
    pub within: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let today = ctx.clock.today();
    let until = match &args.within {
        Some(text) => Duration::parse(text)
            .map_err(anyhow::Error::msg)?
            .add_to(today)
            .ok_or_else(|| anyhow!("--within '{text}' reaches too far"))?,
        None => today,
    };
    let store = ctx.open(Access::Read)?;
    let items = due_items(&store.read(), today, until)?;
    ctx.ui.records(&items)
}

/// Every item due on or before `until`, overdue first. Later kinds of
/// reminders join the list here.
pub fn due_items(db: &Db<'_>, today: NaiveDate, until: NaiveDate) -> Result<Vec<DueItem>> {
    let follow_ups = db.due_follow_ups(&until.format("%Y-%m-%d").to_string())?;
    let mut items: Vec<DueItem> = follow_ups
        .iter()
        .map(|f| follow_up_item(f, today))
        .collect();
    sort_items(&mut items);
    Ok(items)
}
