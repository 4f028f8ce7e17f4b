//! `rapport calendar [--within DURATION] [--output FILE]`: an iCalendar file.

use super::Ctx;
use crate::domain::when::until;
use crate::error::Result;
use crate::ops;
use crate::output::ics;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How far ahead [default: 90d]
    #[arg(long, value_name = "DURATION")]
    pub within: Option<String>,
    /// Write the .ics here instead of stdout
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let until = until(
        ctx.clock.today(),
        Some(args.within.as_deref().unwrap_or("90d")),
    )?;
    let store = ctx.read()?;
    let due = ops::due::list(
        &store.read(),
        ctx.clock,
        until,
        &ops::due::Filter::default(),
    )?;
    for w in &due.warnings {
        ctx.ui.warn(w)?;
    }
    let (text, events) = ics::calendar(&due.items, ctx.clock);
    match &args.output {
        Some(path) => {
            ctx.ui
                .write_file(path, |w| Ok(w.write_all(text.as_bytes())?))?;
            // A subscribed file refreshed by cron: no mail every morning.
            ctx.ui
                .terminal_note(&format!("Wrote {events} events to {}", path.display()))
        }
        None => ctx.ui.raw(text.as_bytes()),
    }
}
