//! `rapport config`: settings, with their defaults and what each does.

use super::Ctx;
use crate::error::Result;
use crate::ops;
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Every setting, its value and what it does
    List,
    /// One setting's value
    Get {
        /// A setting's name, as `rapport config` lists it
        key: String,
    },
    /// Change a setting
    Set {
        /// A setting's name, as `rapport config` lists it
        key: String,
        /// Its new value
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
    /// Back to the default
    Unset {
        /// A setting's name, as `rapport config` lists it
        key: String,
    },
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    match args.action.unwrap_or(Action::List) {
        Action::List => {
            let store = ctx.read()?;
            let settings = ops::settings::list(&store.read())?;
            ctx.ui.records(&settings)
        }
        Action::Get { key } => {
            let store = ctx.read()?;
            let s = ops::settings::get(&store.read(), &key)?;
            ctx.ui
                .confirm(&json!({"key": s.key, "value": s.value}), &s.value)
        }
        Action::Set { key, value } => {
            let mut store = ctx.write()?;
            let value = ops::settings::set(&mut store, &key, &value)?;
            let key = key.trim();
            ctx.ui.confirm(
                &json!({"key": key, "value": value}),
                &format!("{key} = {value}"),
            )
        }
        Action::Unset { key } => {
            let mut store = ctx.write()?;
            let default = ops::settings::unset(&mut store, &key)?;
            let key = key.trim();
            ctx.ui.confirm(
                &json!({"key": key, "value": default}),
                &format!("{key} is back to its default"),
            )
        }
    }
}
