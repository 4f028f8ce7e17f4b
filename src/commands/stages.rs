//! `rapport stages` and `rapport stages set STAGE,STAGE,...`.

use super::Ctx;
use crate::domain::stage::parse_pipeline;
use crate::error::Result;
use crate::ops;

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
        /// Take dropped stages out of the rules that name them (a rule left with no stage is removed)
        #[arg(long)]
        update_rules: bool,
    },
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    match args.action {
        None => {
            let store = ctx.read()?;
            let stages = ops::stage::pipeline(&store.read())?;
            ctx.ui.records(&stages)
        }
        Some(Action::Set {
            stages,
            update_rules,
        }) => {
            let names = parse_pipeline(&stages)?;
            let mut store = ctx.write()?;
            let set = ops::stage::set_pipeline(&mut store, &names, update_rules)?;
            for change in &set.rules_changed {
                ctx.ui.note(change)?;
            }
            let line = format!("The pipeline is now {}", names.join(" → "));
            ctx.ui.confirm(&set.stages, &line)
        }
    }
}
