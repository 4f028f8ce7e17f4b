use super::Ctx;
use crate::domain::config::{key, Setting, KEYS};
use crate::output::Tabular;
use crate::store::Access;
use anyhow::Result;

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
    Get { key: String },
    /// Change a setting
    Set {
        key: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
    /// Back to the default
    Unset { key: String },
}

impl Tabular for Setting {
    fn headers() -> &'static [&'static str] {
        &["key", "value", "what it does"]
    }
    fn cells(&self) -> Vec<String> {
        let value = if self.default {
            format!("{} (default)", self.value)
        } else {
            self.value.clone()
        };
        vec![self.key.clone(), value, self.help.clone()]
    }
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    match args.action.unwrap_or(Action::List) {
        Action::List => {
            let store = ctx.open(Access::Read)?;
            let db = store.read();
            let mut settings = Vec::new();
            for k in KEYS {
                let stored = db.setting(k.name)?;
                let value = match (k.name, &stored) {
                    (_, Some(v)) => v.clone(),
                    ("paying-stage", None) => db.paying_stage()?.unwrap_or_default(),
                    (_, None) => k.default.to_string(),
                };
                settings.push(Setting {
                    key: k.name.into(),
                    value,
                    default: stored.is_none(),
                    help: k.help.into(),
                });
            }
            ctx.ui.records(&settings)
        }
        Action::Get { key: name } => {
            let k = key(&name).map_err(anyhow::Error::msg)?;
            let store = ctx.open(Access::Read)?;
            let db = store.read();
            let value = match k.name {
                "paying-stage" => db.paying_stage()?.unwrap_or_default(),
                _ => db.setting_or_default(k)?,
            };
            ctx.ui
                .confirm(&serde_json::json!({"key": k.name, "value": value}), &value)
        }
        Action::Set { key: name, value } => {
            let k = key(&name).map_err(anyhow::Error::msg)?;
            let mut store = ctx.open(Access::Write)?;
            let value = store.write(|db| {
                let value = k
                    .validate(&value, &db.pipeline()?)
                    .map_err(anyhow::Error::msg)?;
                db.set_setting(k.name, &value)?;
                if k.name.starts_with("at-risk") {
                    db.refresh_rhythm_alarm(None)?;
                }
                Ok(value)
            })?;
            ctx.ui.confirm(
                &serde_json::json!({"key": k.name, "value": value}),
                &format!("{} = {value}", k.name),
            )
        }
        Action::Unset { key: name } => {
            let k = key(&name).map_err(anyhow::Error::msg)?;
            let mut store = ctx.open(Access::Write)?;
            store.write(|db| {
                db.unset_setting(k.name)?;
                if k.name.starts_with("at-risk") {
                    db.refresh_rhythm_alarm(None)?;
                }
                Ok(())
            })?;
            ctx.ui.confirm(
                &serde_json::json!({"key": k.name, "value": k.default}),
                &format!("{} is back to its default", k.name),
            )
        }
    }
}
