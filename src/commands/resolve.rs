//! `rapport resolve TICKET_ID [NOTE]`.

use super::Ctx;
use crate::domain::text::free_text;
use crate::domain::Invalid;
use crate::error::Result;
use crate::ops;

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
        .map_err(|_| Invalid::Id {
            text: args.ticket.clone(),
            what: "a ticket id",
            printed_by: "`log --kind ticket`",
        })?;
    let note = args.note.as_deref().map(free_text).transpose()?.flatten();
    let mut store = ctx.write()?;
    let ticket = ops::interaction::resolve_ticket(&mut store, id, note.as_deref())?;
    let line = format!(
        "Resolved ticket #{} for {}: {}",
        ticket.id, ticket.contact, ticket.summary
    );
    ctx.ui.confirm(&ticket, &line)
}
