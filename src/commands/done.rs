//! `rapport done ITEM_ID...`: any items of `due`, all or none.

use super::Ctx;
use crate::error::Result;
use crate::ops;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ids that `rapport due` shows (several at once: all done, or none)
    #[arg(required = true, num_args = 1.., value_name = "ITEM_ID")]
    pub items: Vec<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let mut store = ctx.write()?;
    let done = ops::due::done(&mut store, &args.items)?;
    let mut lines = Vec::new();
    for d in &done {
        let mut line = match d.kind {
            "follow-up" | "on-enter" => {
                format!("Done: follow-up #{} with {}: {}", d.id, d.contact, d.what)
            }
            "ticket" => format!(
                "Done: resolved {} for {}: {}",
                d.id.replace('-', " #"),
                d.contact,
                d.what
            ),
            kind => format!("Done: {kind} for {}: {}", d.contact, d.what),
        };
        if let Some(next) = &d.next {
            line.push_str(&format!("\nNext one: #{} on {}", next.id, next.due));
        }
        lines.push(line);
    }
    let line = lines.join("\n");
    // One record for one id, as before; a list for several.
    match done.as_slice() {
        [one] => ctx.ui.confirm(one, &line),
        many => ctx.ui.confirm(&many, &line),
    }
}
