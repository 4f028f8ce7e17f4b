//! `rapport template add NAME --subject TEXT --body TEXT`.

use super::{save, Ctx};
use crate::domain::template::{Template, PLACEHOLDERS};
use crate::error::Result;
use crate::refused;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// One word: letters, digits, - or _
    pub name: String,
    /// The subject line, with {placeholders}
    #[arg(long, value_name = "TEXT")]
    pub subject: String,
    /// The message [asked for in $EDITOR on a terminal when left out]
    #[arg(long, value_name = "TEXT")]
    pub body: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let body = match args.body {
        Some(b) => b,
        None if ctx.ui.interactive() => ctx
            .ui
            .edit(&format!(
                "Hi {{first_name}},\n\n\n-- placeholders: {}\n",
                PLACEHOLDERS.join(", ")
            ))?
            .map(|b| {
                b.lines()
                    .filter(|l| !l.starts_with("-- placeholders:"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .ok_or_else(|| refused!("no body written: nothing saved"))?,
        None => {
            return Err(refused!(
                "template add needs --body: there is no terminal to open an editor on"
            ))
        }
    };
    save(ctx, Template::new(&args.name, args.subject, body)?)
}
