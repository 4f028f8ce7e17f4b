use super::Ctx;
use crate::domain::template::{check, Template, PLACEHOLDERS};
use crate::output::Tabular;
use crate::store::Access;
use anyhow::{anyhow, bail, Result};
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Save a template (replacing one of the same name). Placeholders: {first_name}, {last_name}, {name},
    /// {email}, {company}, {title}, {location}, {source}, {stage}, {days_since_contact}, {last_purchase}, any custom field
    Add {
        name: String,
        #[arg(long, value_name = "TEXT")]
        subject: String,
        /// The message [asked for in $EDITOR on a terminal when left out]
        #[arg(long, value_name = "TEXT")]
        body: Option<String>,
    },
    /// The templates
    List,
    /// One template
    Show { name: String },
    /// Edit a template's body in $EDITOR (on a terminal)
    Edit { name: String },
    /// Remove a template no rule uses
    Rm { name: String },
}

impl Tabular for Template {
    fn headers() -> &'static [&'static str] {
        &["name", "subject", "body"]
    }
    fn cells(&self) -> Vec<String> {
        let first_line = self.body.lines().next().unwrap_or_default();
        let more = if self.body.lines().count() > 1 {
            " …"
        } else {
            ""
        };
        vec![
            self.name.clone(),
            self.subject.clone(),
            format!("{first_line}{more}"),
        ]
    }
    fn csv_cells(&self) -> Vec<String> {
        vec![self.name.clone(), self.subject.clone(), self.body.clone()]
    }
}

fn validate_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty()
        || n.len() > 50
        || !n
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        bail!("'{name}' is not a template name: expected one word of letters, digits, - or _");
    }
    Ok(n.to_string())
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    match args.action.unwrap_or(Action::List) {
        Action::Add {
            name,
            subject,
            body,
        } => {
            let name = validate_name(&name)?;
            let body = match body {
                Some(b) => b,
                None if ctx.ui.interactive() => dialoguer::Editor::new()
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
                    .ok_or_else(|| anyhow!("no body written: nothing saved"))?,
                None => {
                    bail!("template add needs --body: there is no terminal to open an editor on")
                }
            };
            save(
                ctx,
                Template {
                    name,
                    subject,
                    body,
                },
            )
        }
        Action::Edit { name } => {
            if !ctx.ui.interactive() {
                bail!("template edit opens $EDITOR and needs a terminal: use `template add {name} --subject … --body …` to replace it");
            }
            let store = ctx.open(Access::Read)?;
            let current = store
                .read()
                .template(&name)?
                .ok_or_else(|| anyhow!("no template '{name}'"))?;
            drop(store);
            let body = dialoguer::Editor::new()
                .edit(&current.body)?
                .ok_or_else(|| anyhow!("editor closed without saving: nothing changed"))?;
            save(ctx, Template { body, ..current })
        }
        Action::List => {
            let store = ctx.open(Access::Read)?;
            let templates = store.read().templates()?;
            ctx.ui.records(&templates)
        }
        Action::Show { name } => {
            let store = ctx.open(Access::Read)?;
            let t = store.read().template(&name)?.ok_or_else(|| {
                anyhow!("no template '{name}': `rapport template list` shows them")
            })?;
            ctx.ui
                .confirm(&t, &format!("Subject: {}\n\n{}", t.subject, t.body))
        }
        Action::Rm { name } => {
            let mut store = ctx.open(Access::Write)?;
            store.write(|db| {
                if db.template(&name)?.is_none() {
                    bail!("no template '{name}': `rapport template list` shows them");
                }
                db.delete_template(&name)
            })?;
            ctx.ui.confirm(
                &json!({"name": name, "removed": true}),
                &format!("Removed template '{name}'"),
            )
        }
    }
}

fn save(ctx: &mut Ctx, t: Template) -> Result<()> {
    check(&t.subject).map_err(|e| anyhow!("template '{}', subject: {e}", t.name))?;
    check(&t.body).map_err(|e| anyhow!("template '{}', body: {e}", t.name))?;
    if t.body.trim().is_empty() {
        bail!("template '{}' has an empty body", t.name);
    }
    let mut store = ctx.open(Access::Write)?;
    let replaced = store.write(|db| db.save_template(&t))?;
    let line = format!(
        "{} template '{}'",
        if replaced { "Replaced" } else { "Saved" },
        t.name
    );
    ctx.ui.confirm(&t, &line)
}
