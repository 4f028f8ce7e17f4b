//! `rapport rules [list]`.

use super::Ctx;
use crate::domain::rules::RuleView;
use crate::error::Result;
use crate::ops;

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let store = ctx.read()?;
    let rules: Vec<RuleView> = ops::rules::list(&store.read())?
        .into_iter()
        .map(RuleView::from)
        .collect();
    ctx.ui.records(&rules)
}
