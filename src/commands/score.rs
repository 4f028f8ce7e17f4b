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
    if ctx.ui.is_json() {
        return ctx.ui.json(&serde_json::json!({"contact_id": id, "contact": contact.name, "kind": score.kind, "score": score.score, "factors": score.factors}));
    }
    let line = format!("#{id} {}: {}", contact.name, label(&score));
    ctx.ui.line(&line)?;
    if args.explain {
        ctx.ui.records(&score.factors)?;
    }
    Ok(())
}

/// `lead score 65`, `health score 40`, or why there is none yet.
fn label(score: &crate::domain::score::Score) -> String {
    match score.score {
        Some(s) => format!("{} score {s}", score.kind),
        None => format!("{} score: not enough history yet", score.kind),
    }
}
