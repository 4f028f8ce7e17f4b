//! `rapport rules edit RULE_ID …`: a rule's settings; its kind stays.

use super::{parse_id, Ctx, RuleArgs};
use crate::domain::rules::RuleView;
use crate::error::Result;
use crate::ops;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rule's id, as `rapport rules` shows it
    pub id: String,
    #[command(flatten)]
    pub rule: RuleArgs,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let id = parse_id(&args.id)?;
    let mut store = ctx.write()?;
    let rule = RuleView::from(ops::rules::edit(&mut store, id, &args.rule.into())?);
    let line = format!(
        "Changed rule #{}: when {}, {}",
        rule.rule.id, rule.condition, rule.action
    );
    ctx.ui.confirm(&rule, &line)
}
