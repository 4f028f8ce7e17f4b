//! `rapport forget CONTACT --yes`: erase them and everything about them.

use super::Ctx;
use crate::error::Result;
use crate::{ops, refused};
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An id, an email, or part of a name
    pub contact: String,
    /// Yes, erase them: required without a terminal
    #[arg(long)]
    pub yes: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let (mut store, ids) = ctx.write_for(&[&args.contact])?;
    let id = ids[0];
    let contact = ops::contact::get(&store.read(), id)?;
    if !args.yes {
        if !ctx.ui.interactive() {
            return Err(refused!(
                "forget erases #{id} {} and everything about them for good: add --yes to confirm",
                contact.name
            ));
        }
        let prompt = format!(
            "Erase #{id} {} and everything about them, for good?",
            contact.name
        );
        if !ctx.ui.yes(&prompt)? {
            return Err(refused!("nothing erased: #{id} {} is kept", contact.name));
        }
    }
    let forgotten = ops::contact::forget(&mut store, id)?;
    let n = forgotten.interactions;
    let line = format!(
        "Forgot #{id} {} and {n} interaction{}; nothing about them is left in {}",
        forgotten.name,
        if n == 1 { "" } else { "s" },
        ctx.db_path.display()
    );
    ctx.ui.confirm(
        &json!({"id": id, "forgotten": true, "interactions": n}),
        &line,
    )
}
