use super::Ctx;
use crate::domain::stage::parse_pipeline;
use crate::store::Access;
use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Change the pipeline: kept stages keep their contacts; a stage with contacts cannot be dropped
    Set {
        /// lifecycle, phases, or a comma list like lead,client,fan
        #[arg(value_name = "STAGE,STAGE,...")]
        stages: String,
    },
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    match args.action {
        None => {
            let store = ctx.open(Access::Read)?;
            let stages = store.read().stages_with_counts()?;
            ctx.ui.records(&stages)
        }
        Some(Action::Set { stages }) => {
            let names = parse_pipeline(&stages).map_err(anyhow::Error::msg)?;
            let mut store = ctx.open(Access::Write)?;
            let stages = store.write(|db| {
                db.set_pipeline(&names)?;
                db.stages_with_counts()
            })?;
            let line = format!("The pipeline is now {}", names.join(" → "));
            ctx.ui.confirm(&stages, &line)
        }
    }
}
