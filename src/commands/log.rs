use super::follow_up::schedule;
use super::Ctx;
use crate::clock::display_timestamp;
use crate::domain::contact::clean_text;
use crate::domain::interaction::{check_extras, validate_rating, Cents, Kind};
use crate::store::{Access, NewInteraction};
use anyhow::{anyhow, bail, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
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
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// What a purchase was worth
    #[arg(long, value_name = "DECIMAL", allow_hyphen_values = true)]
    pub amount: Option<String>,
    /// A feedback score from 0 to 10
    #[arg(long, value_name = "0-10", allow_hyphen_values = true)]
    pub rating: Option<String>,
    /// Schedule the next step in the same go
    #[arg(long, value_name = "WHEN")]
    pub follow_up: Option<String>,
    /// For an invoiced purchase: when payment is due (mark it with `rapport paid`)
    #[arg(long, value_name = "WHEN")]
    pub due: Option<String>,
    /// They came to you (in) or you reached out (out) [default: in for tickets, feedback and purchases]
    #[arg(long, value_enum)]
    pub direction: Option<Direction>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Direction {
    In,
    Out,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let summary = clean_text(&args.summary)
        .ok_or_else(|| anyhow!("the summary is empty: say what happened"))?;
    let amount = args
        .amount
        .as_deref()
        .map(Cents::parse_positive)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let rating = match &args.rating {
        Some(text) => {
            let n: i64 = text
                .trim()
                .parse()
                .map_err(|_| anyhow!("rating '{text}' is not a number: expected 0 to 10"))?;
            Some(validate_rating(n).map_err(anyhow::Error::msg)?)
        }
        None => None,
    };
    check_extras(args.kind, amount, rating).map_err(anyhow::Error::msg)?;
    let at = match &args.at {
        Some(text) => ctx.past_instant(text)?,
        None => crate::clock::format_timestamp(ctx.clock.now()),
    };
    let follow_up = args.follow_up.as_deref().map(|w| ctx.when(w)).transpose()?;
    let payment_due = match &args.due {
        Some(_) if args.kind != Kind::Purchase => {
            bail!("--due goes with --kind purchase, not '{}'", args.kind)
        }
        Some(text) => Some(ctx.when(text)?.date().format("%Y-%m-%d").to_string()),
        None => None,
    };
    let mut store = ctx.open(Access::Write)?;
    let contact_id = ctx.resolve_contact(&store.read(), &args.contact)?;
    let new = NewInteraction {
        contact_id,
        kind: args.kind,
        summary: summary.clone(),
        channel: args.channel.as_deref().and_then(clean_text),
        at,
        amount,
        rating,
        payment_due,
        direction: args.direction.map(|d| match d {
            Direction::In => "in".to_string(),
            Direction::Out => "out".to_string(),
        }),
    };
    let (interaction, follow_up_id) = store.write(|db| {
        if !db.contact_exists(contact_id)? {
            bail!("contact #{contact_id} no longer exists");
        }
        let id = db.insert_interaction(&new)?;
        let follow_up_id = match follow_up {
            Some(when) => Some(schedule(
                db,
                contact_id,
                when,
                &format!("Follow up: {summary}"),
                None,
            )?),
            None => None,
        };
        let interaction = db
            .interaction(id)?
            .ok_or_else(|| anyhow!("interaction #{id} vanished"))?;
        Ok((interaction, follow_up_id))
    })?;
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
