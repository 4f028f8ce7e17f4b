use super::Ctx;
use crate::domain::stage::parse_pipeline;
use crate::store::Access;
use anyhow::{bail, Result};
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// lifecycle (reach, acquisition, conversion, retention), phases
    /// (acquisition, enhancement, retention), or your own comma list
    #[arg(
        long,
        default_value = "lifecycle",
        value_name = "lifecycle|phases|STAGE,STAGE,..."
    )]
    pub pipeline: String,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let wanted = parse_pipeline(&args.pipeline).map_err(anyhow::Error::msg)?;
    let mut store = ctx.open(Access::Write)?;
    let created = store.write_uninitialised(|db| {
        let current = db.pipeline()?;
        if current.is_empty() {
            db.set_pipeline(&wanted)?;
            db.install_default_rules()?;
            return Ok(true);
        }
        let same = current.len() == wanted.len()
            && current.iter().zip(&wanted).all(|(a, b)| a.eq_ignore_ascii_case(b));
        if !same {
            bail!(
                "the database already has the pipeline {}: use `rapport stages set {}` to change it",
                current.join(", "),
                wanted.join(",")
            );
        }
        Ok(false)
    })?;
    let path = ctx.db_path.display().to_string();
    let line = if created {
        format!(
            "Initialised {path} with the pipeline {}",
            wanted.join(" → ")
        )
    } else {
        format!(
            "{path} is already initialised with the pipeline {}; nothing changed",
            wanted.join(" → ")
        )
    };
    ctx.ui.confirm(
        &json!({"database": path, "stages": wanted, "created": created}),
        &line,
    )
}
