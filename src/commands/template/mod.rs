//! `rapport template`: message templates with {placeholders}.

mod add;
mod edit;
mod list;
mod rm;
mod show;

use super::Ctx;
use crate::domain::template::Template;
use crate::error::Result;
use crate::ops;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Save a template (replacing one of the same name). Placeholders: {first_name}, {last_name}, {name},
    /// {email}, {company}, {title}, {location}, {source}, {stage}, {days_since_contact}, {last_purchase}, any custom field
    Add(add::Args),
    /// The templates
    List,
    /// One template
    Show(Name),
    /// Edit a template's body in $EDITOR (on a terminal)
    Edit(Name),
    /// Remove a template no rule uses
    Rm(Name),
}

/// A template by name.
#[derive(Debug, clap::Args)]
pub struct Name {
    /// The template's name, as `template list` shows it
    pub name: String,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    match args.action.unwrap_or(Action::List) {
        Action::Add(a) => add::run(ctx, a),
        Action::List => list::run(ctx),
        Action::Show(a) => show::run(ctx, a),
        Action::Edit(a) => edit::run(ctx, a),
        Action::Rm(a) => rm::run(ctx, a),
    }
}

/// Saves a checked template and says whether it replaced one.
fn save(ctx: &mut Ctx, t: Template) -> Result<()> {
    let mut store = ctx.write()?;
    let replaced = ops::templates::save(&mut store, &t)?;
    let line = format!(
        "{} template '{}'",
        if replaced { "Replaced" } else { "Saved" },
        t.name
    );
    ctx.ui.confirm(&t, &line)
}
