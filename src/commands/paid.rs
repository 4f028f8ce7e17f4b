use super::Ctx;
use crate::clock::display_timestamp;
use crate::domain::interaction::Kind;
use crate::store::Access;
use anyhow::{anyhow, bail, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The purchase's id, as `log --kind purchase` printed it
    pub interaction: String,
    /// When the money came [default: now]
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let id: i64 = args
        .interaction
        .trim()
        .trim_start_matches('#')
        .parse()
        .map_err(|_| {
            anyhow!(
                "'{}' is not an interaction id: expected the number `log` printed",
                args.interaction
            )
        })?;
    let at = match &args.at {
        Some(text) => ctx.past_instant(text)?,
        None => crate::clock::format_timestamp(ctx.clock.now()),
    };
    let mut store = ctx.open(Access::Write)?;
    let purchase = store.write(|db| {
        let p = db
            .interaction(id)?
            .ok_or_else(|| anyhow!("no purchase #{id}"))?;
        if p.kind != Kind::Purchase {
            bail!("#{id} is a {}, not a purchase", p.kind);
        }
        if let Some(paid) = &p.paid_at {
            bail!(
                "purchase #{id} of {} was already marked paid at {}",
                p.contact,
                display_timestamp(paid)
            );
        }
        db.mark_paid(id, &at)?;
        db.interaction(id)?
            .ok_or_else(|| anyhow!("purchase #{id} vanished"))
    })?;
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
