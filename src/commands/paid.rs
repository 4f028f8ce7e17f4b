//! `rapport paid INTERACTION_ID [--at WHEN]`: an invoiced purchase, paid.

use super::Ctx;
use crate::domain::Invalid;
use crate::error::Result;
use crate::ops;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The purchase's id, as `log --kind purchase` printed it
    pub interaction: String,
    /// When the money came [default: now]
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let id: i64 = args
        .interaction
        .trim()
        .trim_start_matches('#')
        .parse()
        .map_err(|_| Invalid::Id {
            text: args.interaction.clone(),
            what: "an interaction id",
            printed_by: "`log`",
        })?;
    let at = match &args.at {
        Some(text) => ctx.past_instant(text)?,
        None => crate::clock::format_timestamp(ctx.clock.now()),
    };
    let mut store = ctx.write()?;
    let purchase = ops::interaction::mark_paid(&mut store, id, &at)?;
    let mut line = format!("Paid: purchase #{} of {}", purchase.id, purchase.contact);
    if let Some(a) = purchase.amount {
        line.push_str(&format!(" ({a})"));
    }
    if let (Some(due), Some(paid)) = (&purchase.payment_due, &purchase.paid_at) {
        let late = crate::clock::timestamp_date(paid)
            .zip(chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d").ok())
            .map(|(p, d)| (p - d).num_days())
            .unwrap_or(0);
        if late > 0 {
            line.push_str(&format!(", {late} days after it was due"));
        }
    }
    ctx.ui.confirm(&purchase, &line)
}
