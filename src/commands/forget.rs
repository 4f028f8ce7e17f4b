use super::Ctx;
use crate::store::Access;
use anyhow::{anyhow, bail, Result};
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub contact: String,
    /// Yes, erase them: required without a terminal
    #[arg(long)]
    pub yes: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let mut store = ctx.open(Access::Write)?;
    let id = ctx.resolve_contact(&store.read(), &args.contact)?;
    let contact = store
        .read()
        .contact(id)?
        .ok_or_else(|| anyhow!("contact #{id} no longer exists"))?;
    if !args.yes {
        if !ctx.ui.interactive() {
            bail!(
                "forget erases #{id} {} and everything about them for good: add --yes to confirm",
                contact.name
            );
        }
        let sure = dialoguer::Confirm::new()
            .with_prompt(format!(
                "Erase #{id} {} and everything about them, for good?",
                contact.name
            ))
            .default(false)
            .interact()?;
        if !sure {
            bail!("nothing erased: #{id} {} is kept", contact.name);
        }
    }
    let interactions = store.write(|db| {
        let n = db.interaction_count(id)?;
        db.delete_contact_rows(id)?;
        db.purge_search_index()?;
        Ok(n)
    })?;
    store.compact()?;
    let line = format!(
        "Forgot #{id} {} and {interactions} interaction{}; nothing about them is left in {}",
        contact.name,
        if interactions == 1 { "" } else { "s" },
        ctx.db_path.display()
    );
    ctx.ui.confirm(
        &json!({"id": id, "forgotten": true, "interactions": interactions}),
        &line,
    )
}
