//! `rapport init [--pipeline lifecycle|phases|STAGE,STAGE,...]`.

use super::Ctx;
use crate::domain::stage::parse_pipeline;
use crate::error::Result;
use crate::ops;
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
    let wanted = parse_pipeline(&args.pipeline)?;
    let mut store = ctx.write()?;
    let created = ops::stage::init(&mut store, &wanted)?;
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
