//! `rapport due [--within DURATION] [--kind K]... [--tag T] [--stage S]
//! [--contact C] [--limit N]`: what to act on, overdue first.

use super::Ctx;
use crate::domain::contact::validate_tag;
use crate::domain::due::DueKind;
use crate::domain::when::until;
use crate::error::Result;
use crate::ops;
use crate::ops::due::Filter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Also what falls due within this window, like 2d or 1w
    #[arg(long, value_name = "DURATION")]
    pub within: Option<String>,
    /// Only items of this kind; repeat for several
    #[arg(long = "kind", value_enum, value_name = "KIND")]
    pub kinds: Vec<DueKind>,
    /// Only contacts with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Only contacts in this stage
    #[arg(long, value_name = "STAGE")]
    pub stage: Option<String>,
    /// Only this contact: an id, an email, or part of a name
    #[arg(long, value_name = "CONTACT")]
    pub contact: Option<String>,
    /// At most this many items, the most urgent
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let until = until(ctx.clock.today(), args.within.as_deref())?;
    let store = ctx.read()?;
    let db = store.read();
    let contact = match &args.contact {
        Some(r) => Some(ctx.contact(&db, r)?),
        None => None,
    };
    let filter = Filter {
        kinds: args.kinds,
        tag: args.tag.as_deref().map(validate_tag).transpose()?,
        stage: args.stage,
        contact,
        limit: args.limit,
    };
    let due = ops::due::list(&db, ctx.clock, until, &filter)?;
    for w in &due.warnings {
        ctx.ui.warn(w)?;
    }
    ctx.ui.records(&due.items)
}
