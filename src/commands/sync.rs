//! `rapport sync`: one book on several devices through a synced folder.

use super::Ctx;
use crate::error::Result;
use crate::ops::sync;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Join a sync folder (created if missing): a book with data publishes it, an empty one receives the folder's
    Init(Init),
    /// The folder, this device, every other device and what is applied, pending changes, new conflicts
    Status,
    /// Each conflict a sync resolved: when, which record, which field, the value kept and the one set aside
    Conflicts,
}

#[derive(Debug, clap::Args)]
pub struct Init {
    /// The sync folder: one Syncthing, Dropbox, iCloud Drive, rclone or git moves between devices
    pub dir: PathBuf,
    /// This device's name in the folder [default: the host name]
    #[arg(long, value_name = "NAME")]
    pub device: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    match args.action {
        None => {
            sync::require(&ctx.read()?)?;
            let mut store = ctx.write()?;
            let report = sync::sync(&mut store)?;
            ctx.ui.synced(&report)
        }
        Some(Action::Init(a)) => {
            let join = sync::plan_join(&a.dir, a.device.as_deref())?;
            let mut store = ctx.write()?;
            let (device, report) = sync::init(&mut store, join)?;
            ctx.ui.sync_joined(&device, &report)
        }
        Some(Action::Status) => {
            let store = ctx.read()?;
            let status = sync::status(&store)?;
            ctx.ui.sync_status(&status)
        }
        Some(Action::Conflicts) => {
            sync::require(&ctx.read()?)?;
            let mut store = ctx.write()?;
            let list = sync::conflicts(&mut store)?;
            ctx.ui.records(&list)
        }
    }
}
