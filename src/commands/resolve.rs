use super::Ctx;
use crate::domain::contact::clean_text;
use crate::domain::interaction::Kind;
use crate::store::Access;
use anyhow::{anyhow, bail, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ticket's id, as `log --kind ticket` printed it
    pub ticket: String,
    /// How it was resolved
    pub note: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let id: i64 = args
        .ticket
        .trim()
        .trim_start_matches('#')
        .parse()
        .map_err(|_| {
            anyhow!(
                "'{}' is not a ticket id: expected the number `log --kind ticket` printed",
                args.ticket
            )
        })?;
    let note = args.note.as_deref().and_then(clean_text);
    let mut store = ctx.open(Access::Write)?;
    let ticket = store.write(|db| {
        let ticket = db
            .interaction(id)?
            .ok_or_else(|| anyhow!("no ticket #{id}"))?;
        if ticket.kind != Kind::Ticket {
            bail!("#{id} is a {}, not a ticket", ticket.kind);
        }
        if ticket.resolved_at.is_some() {
            bail!("ticket #{id} for {} is already resolved", ticket.contact);
        }
        db.resolve_ticket(id, &db.now(), note.as_deref())?;
        db.interaction(id)?
            .ok_or_else(|| anyhow!("ticket #{id} vanished"))
    })?;
    let line = format!(
        "Resolved ticket #{} for {}: {}",
        ticket.id, ticket.contact, ticket.summary
    );
    ctx.ui.confirm(&ticket, &line)
}
