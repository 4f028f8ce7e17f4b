//! `rapport rules add …`.

use super::{Ctx, RuleArgs};
use crate::domain::rules::RuleView;
use crate::error::Result;
use crate::ops;

pub fn run(ctx: &mut Ctx, args: RuleArgs) -> Result<()> {
    let mut store = ctx.write()?;
    let rule = RuleView::from(ops::rules::add(&mut store, &args.into())?);
    let line = format!(
        "Added rule #{}: when {}, {}",
        rule.rule.id, rule.condition, rule.action
    );
    ctx.ui.confirm(&rule, &line)
}
