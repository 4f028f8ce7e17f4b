//! `rapport snooze ITEM_ID... --until WHEN` (or `snooze ITEM_ID WHEN`):
//! items of `due`, to a later day, all or none.

use super::Ctx;
use crate::domain::Invalid;
use crate::error::Result;
use crate::{ops, refused};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ids that `rapport due` shows; without --until, the last word is the new date
    #[arg(required = true, num_args = 1.., value_name = "ITEM_ID")]
    pub items: Vec<String>,
    /// The new date: tomorrow, 3d, next monday, …
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub until: Option<String>,
}

pub fn run(ctx: &mut Ctx, mut args: Args) -> Result<()> {
    let text = match args.until.take() {
        Some(w) => w,
        None if args.items.len() >= 2 => args.items.pop().unwrap_or_default(),
        None => {
            return Err(refused!(
                "snooze needs a date: rapport snooze {} --until tomorrow",
                crate::domain::text::shown(&args.items[0])
            ))
        }
    };
    let when = ctx.when(&text)?;
    if when.date() <= ctx.clock.today() {
        return Err(Invalid::NotLater(text).into());
    }
    let mut store = ctx.write()?;
    let snoozed = ops::due::snooze(&mut store, &args.items, when)?;
    let lines: Vec<String> = snoozed
        .iter()
        .map(|s| {
            let id = s.id.trim().trim_start_matches('#');
            let label = if s.kind == "follow-up" {
                format!("follow-up #{id}")
            } else {
                format!("{} {id}", s.kind)
            };
            format!("Snoozed {label} with {} to {when}", s.contact)
        })
        .collect();
    match snoozed.as_slice() {
        [one] => ctx.ui.confirm(one, &lines.join("\n")),
        many => ctx.ui.confirm(&many, &lines.join("\n")),
    }
}
