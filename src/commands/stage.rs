use super::Ctx;
use crate::clock::display_timestamp;
use crate::store::Access;
use anyhow::{anyhow, bail, Result};
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub contact: String,
    /// Any stage of the pipeline, forward or back
    pub stage: String,
    /// Why they moved: kept in the stage history
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// When they moved [default: now]
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let at = match &args.at {
        Some(text) => Some(ctx.past_instant(text)?),
        None => None,
    };
    move_contact(
        ctx,
        &args.contact,
        Target::Stage(&args.stage),
        args.reason.as_deref(),
        at,
    )
}

pub enum Target<'a> {
    Stage(&'a str),
    Next,
}

/// Shared by `stage` and `advance`: every move is a stage history row;
/// a move to the current stage changes nothing and says so.
pub fn move_contact(
    ctx: &mut Ctx,
    reference: &str,
    target: Target<'_>,
    reason: Option<&str>,
    at: Option<String>,
) -> Result<()> {
    let mut store = ctx.open(Access::Write)?;
    let id = ctx.resolve_contact(&store.read(), reference)?;
    let outcome = store.write(|db| {
        let contact = db.contact(id)?.ok_or_else(|| anyhow!("contact #{id} no longer exists"))?;
        let to = match target {
            Target::Stage(name) => db.stage_id(name)?.1,
            Target::Next => {
                let pipeline = db.pipeline()?;
                match crate::domain::stage::next_stage(&pipeline, &contact.stage) {
                    Some(next) => next.clone(),
                    None => bail!(
                        "{} is already in the last stage, '{}': there is no next stage (use `rapport stage` to move back)",
                        contact.name,
                        contact.stage
                    ),
                }
            }
        };
        if to.eq_ignore_ascii_case(&contact.stage) {
            return Ok((contact, None));
        }
        let at = at.clone().unwrap_or_else(|| db.now());
        if at < contact.stage_since {
            bail!(
                "--at {} is before {} entered '{}' on {}: a move cannot come before the one it follows",
                display_timestamp(&at),
                contact.name,
                contact.stage,
                display_timestamp(&contact.stage_since)
            );
        }
        db.move_stage(id, &contact.stage, &to, &at, reason)?;
        let from = contact.stage.clone();
        let after = db.contact(id)?.ok_or_else(|| anyhow!("contact #{id} vanished"))?;
        Ok((after, Some(from)))
    })?;
    let (contact, from) = outcome;
    match from {
        Some(from) => {
            let line = format!(
                "Moved #{} {} from {} to {}",
                contact.id, contact.name, from, contact.stage
            );
            ctx.ui.confirm(&contact, &line)
        }
        None => {
            let line = format!(
                "#{} {} is already in {}; nothing changed",
                contact.id, contact.name, contact.stage
            );
            ctx.ui
                .confirm(&json!({"contact": contact, "changed": false}), &line)
        }
    }
}
