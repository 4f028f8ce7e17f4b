//! `rapport template edit NAME`: the body in $EDITOR.

use super::{save, Ctx, Name};
use crate::domain::template::Template;
use crate::domain::text::shown;
use crate::error::Result;
use crate::{ops, refused};

pub fn run(ctx: &mut Ctx, args: Name) -> Result<()> {
    if !ctx.ui.interactive() {
        return Err(refused!(
            "template edit opens $EDITOR and needs a terminal: use `template add {} --subject … --body …` to replace it",
            shown(&args.name)
        ));
    }
    let store = ctx.read()?;
    let current = ops::templates::get(&store.read(), &args.name)?;
    drop(store);
    let body = ctx
        .ui
        .edit(&current.body)?
        .ok_or_else(|| refused!("editor closed without saving: nothing changed"))?;
    save(ctx, Template::new(&current.name, current.subject, body)?)
}
