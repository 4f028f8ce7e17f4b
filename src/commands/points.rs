//! `rapport points CONTACT +N|-N REASON`.

use super::Ctx;
use crate::domain::contact::clean_text;
use crate::domain::Invalid;
use crate::error::Result;
use crate::ops;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An id, an email, or part of a name
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
        .ok_or_else(|| Invalid::Points(args.points.clone()))?;
    let reason = clean_text(&args.reason)?.ok_or(Invalid::Empty {
        what: "reason",
        hint: "say why, like 'referred a friend'",
    })?;
    let (mut store, ids) = ctx.write_for(&[&args.contact])?;
    let id = ids[0];
    let p = ops::contact::add_points(&mut store, id, delta, &reason)?;
    let line = format!(
        "{delta:+} points for #{id} {} ({reason}): balance {}",
        p.contact, p.balance
    );
    ctx.ui.confirm(&p, &line)
}
