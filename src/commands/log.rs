//! `rapport log CONTACT SUMMARY`: a call, email, meeting, message, note,
//! purchase, feedback or ticket, with the follow-up it asks for.

use super::Ctx;
use crate::clock::display_timestamp;
use crate::domain::contact::clean_opt;
use crate::domain::interaction::{check_extras, parse_rating, Cents, Kind};
use crate::domain::text::free_text;
use crate::domain::Invalid;
use crate::error::Result;
use crate::ops;
use crate::store::NewInteraction;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An id, an email, or part of a name
    pub contact: String,
    /// What happened, in a few words
    pub summary: String,
    /// A note is for you alone and does not count as contact
    #[arg(long, value_enum, default_value_t = Kind::Note)]
    pub kind: Kind,
    /// How: phone, email, linkedin, in person, …
    #[arg(long, value_name = "C")]
    pub channel: Option<String>,
    /// When it happened [default: now]
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// What a purchase was worth
    #[arg(long, value_name = "DECIMAL", allow_hyphen_values = true)]
    pub amount: Option<String>,
    /// A feedback score from 0 to 10
    #[arg(long, value_name = "0-10", allow_hyphen_values = true)]
    pub rating: Option<String>,
    /// Schedule the next step in the same go
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub follow_up: Option<String>,
    /// For an invoiced purchase: when payment is due (mark it with `rapport paid`)
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub due: Option<String>,
    /// They came to you (in) or you reached out (out) [default: in for tickets, feedback and purchases]
    #[arg(long, value_enum)]
    pub direction: Option<Direction>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Direction {
    /// They came to you
    In,
    /// You reached out
    Out,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let summary = free_text(&args.summary)?.ok_or(Invalid::Empty {
        what: "summary",
        hint: "say what happened",
    })?;
    let amount = args
        .amount
        .as_deref()
        .map(Cents::parse_positive)
        .transpose()?;
    let rating = args.rating.as_deref().map(parse_rating).transpose()?;
    check_extras(args.kind, amount, rating)?;
    let at = match &args.at {
        Some(text) => ctx.past_instant(text)?,
        None => crate::clock::format_timestamp(ctx.clock.now()),
    };
    let follow_up = args.follow_up.as_deref().map(|w| ctx.when(w)).transpose()?;
    let payment_due = match &args.due {
        Some(_) if args.kind != Kind::Purchase => {
            return Err(Invalid::Extra {
                flag: "--due",
                kind: "purchase",
                given: args.kind.to_string(),
            }
            .into())
        }
        Some(text) => Some(ctx.when(text)?.date().format("%Y-%m-%d").to_string()),
        None => None,
    };
    let (mut store, ids) = ctx.write_for(&[&args.contact])?;
    let contact_id = ids[0];
    let new = NewInteraction {
        contact_id,
        kind: args.kind,
        summary,
        channel: clean_opt(args.channel.as_deref())?,
        at,
        amount,
        rating,
        payment_due,
        direction: args.direction.map(|d| match d {
            Direction::In => "in".to_string(),
            Direction::Out => "out".to_string(),
        }),
    };
    let (interaction, follow_up_id) = ops::interaction::log(&mut store, &new, follow_up)?;
    let mut line = match interaction.kind {
        Kind::Ticket => format!(
            "Opened ticket #{} for {}: {} (close it with: rapport resolve {})",
            interaction.id, interaction.contact, interaction.summary, interaction.id
        ),
        kind => format!(
            "Logged {kind} #{} with {} at {}",
            interaction.id,
            interaction.contact,
            display_timestamp(&interaction.at)
        ),
    };
    if let Some(a) = interaction.amount {
        line.push_str(&format!(" ({a})"));
    }
    if let Some(due) = &interaction.payment_due {
        line.push_str(&format!(
            ", payment due {due} (rapport paid {} when it comes)",
            interaction.id
        ));
    }
    if let Some(r) = interaction.rating {
        line.push_str(&format!(" (rated {r}/10)"));
    }
    if let (Some(id), Some(when)) = (follow_up_id, follow_up) {
        line.push_str(&format!("\nFollow-up #{id} on {when}"));
    }
    ctx.ui.confirm(&interaction, &line)
}
