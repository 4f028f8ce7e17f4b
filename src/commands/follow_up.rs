//! `rapport follow-up CONTACT WHEN [NOTE] [--every DURATION]`.

use super::Ctx;
use crate::domain::contact::clean_text;
use crate::domain::when::Duration;
use crate::error::Result;
use crate::ops;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An id, an email, or part of a name
    pub contact: String,
    /// When: 2026-12-01, tomorrow, 3d, -2d, next monday, …
    #[arg(allow_hyphen_values = true)]
    pub when: String,
    /// What to do
    pub note: Option<String>,
    /// Make it recurring: 1w, 1m, 3m, …
    #[arg(long, value_name = "DURATION")]
    pub every: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let when = ctx.when(&args.when)?;
    let every = args.every.as_deref().map(Duration::parse).transpose()?;
    let note = args
        .note
        .as_deref()
        .map(clean_text)
        .transpose()?
        .flatten()
        .unwrap_or_else(|| "Follow up".to_string());
    let (mut store, ids) = ctx.write_for(&[&args.contact])?;
    let contact_id = ids[0];
    let follow_up = ops::follow_up::add(&mut store, contact_id, when, &note, every)?;
    let mut line = format!(
        "Follow-up #{} with {} on {when}: {}",
        follow_up.id, follow_up.contact, follow_up.note
    );
    if let Some(every) = every {
        line.push_str(&format!(" (every {every})"));
    }
    ctx.ui.confirm(&follow_up, &line)
}
