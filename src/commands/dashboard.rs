//! `rapport` alone: what to do today, at a glance.

use super::Ctx;
use crate::error::Result;
use crate::output::Format;
use crate::{ops, refused};

pub fn run(ctx: &mut Ctx) -> Result<()> {
    if ctx.ui.format() == Format::Csv {
        // Several tables do not make one CSV file; each has its command.
        return Err(refused!(
            "the dashboard has several tables and no single CSV form: use --format json, or `rapport due --format csv` and `rapport stages --format csv`"
        ));
    }
    let store = ctx.read()?;
    let dashboard = ops::due::dashboard(&store.read(), ctx.clock)?;
    let book = ctx.db_path.display().to_string();
    ctx.ui.dashboard(&dashboard, ctx.clock.today(), &book)
}
