//! `rapport score CONTACT [--explain]`.

use super::Ctx;
use crate::error::Result;
use crate::{ops, refused};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An id, an email, or part of a name
    pub contact: String,
    /// List each factor's contribution
    #[arg(long)]
    pub explain: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let store = ctx.read()?;
    let db = store.read();
    let id = ctx.contact(&db, &args.contact)?;
    let contact = ops::contact::get(&db, id)?;
    let score = ops::report::score_of(&db, id, ctx.clock)?
        .ok_or_else(|| refused!("contact #{id} no longer exists"))?;
    ctx.ui.score(id, &contact.name, &score, args.explain)
}
