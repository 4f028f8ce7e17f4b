use super::Ctx;
use crate::reports;
use crate::store::Access;
use anyhow::{anyhow, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    pub contact: String,
    /// List each factor's contribution
    #[arg(long)]
    pub explain: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let store = ctx.open(Access::Read)?;
    let db = store.read();
    let id = ctx.resolve_contact(&db, &args.contact)?;
    let contact = db
        .contact(id)?
        .ok_or_else(|| anyhow!("contact #{id} no longer exists"))?;
    let score = reports::score_of(&db, id, ctx.clock)?
        .ok_or_else(|| anyhow!("contact #{id} no longer exists"))?;
    if ctx.ui.is_json() {
        return ctx.ui.json(&serde_json::json!({"contact_id": id, "contact": contact.name, "kind": score.kind, "score": score.score, "factors": score.factors}));
    }
    let line = format!(
        "#{id} {}: {} score {}",
        contact.name, score.kind, score.score
    );
    ctx.ui.line(&line)?;
    if args.explain {
        ctx.ui.records(&score.factors)?;
    }
    Ok(())
}
