use super::Ctx;
use crate::domain::contact::clean_text;
use crate::store::Access;
use anyhow::{anyhow, bail, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    pub contact: String,
    /// Points to add (+N) or take away (-N)
    #[arg(allow_hyphen_values = true, value_name = "+N|-N")]
    pub points: String,
    /// Why: kept with the points
    pub reason: String,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let t = args.points.trim();
    let delta: i64 = t
        .strip_prefix('+')
        .unwrap_or(t)
        .parse()
        .ok()
        .filter(|n: &i64| *n != 0 && n.abs() <= 1_000_000)
        .ok_or_else(|| {
            anyhow!(
                "'{}' is not a number of points: expected +N or -N, like +50 or -20",
                args.points
            )
        })?;
    let reason = clean_text(&args.reason)
        .ok_or_else(|| anyhow!("the reason is empty: say why, like 'referred a friend'"))?;
    let mut store = ctx.open(Access::Write)?;
    let id = ctx.resolve_contact(&store.read(), &args.contact)?;
    let (name, balance) = store.write(|db| {
        let c = db
            .contact(id)?
            .ok_or_else(|| anyhow!("contact #{id} no longer exists"))?;
        let balance = db.points_balance(id)?;
        if balance + delta < 0 {
            bail!(
                "#{id} {} has {balance} points: cannot take away {}",
                c.name,
                -delta
            );
        }
        db.add_points(id, delta, &reason)?;
        Ok((c.name, balance + delta))
    })?;
    let line = format!("{delta:+} points for #{id} {name} ({reason}): balance {balance}");
    ctx.ui.confirm(&serde_json::json!({"contact_id": id, "delta": delta, "reason": reason, "balance": balance}), &line)
}
