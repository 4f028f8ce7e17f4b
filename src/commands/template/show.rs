//! `rapport template show NAME`.

use super::{Ctx, Name};
use crate::error::Result;
use crate::ops;

pub fn run(ctx: &mut Ctx, args: Name) -> Result<()> {
    let store = ctx.read()?;
    let t = ops::templates::get(&store.read(), &args.name)?;
    ctx.ui
        .confirm(&t, &format!("Subject: {}\n\n{}", t.subject, t.body))
}
