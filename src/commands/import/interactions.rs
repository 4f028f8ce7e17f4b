//! `rapport import interactions FILE|-`: calls, purchases, ratings from CSV.

use super::{import, Common, Ctx};
use crate::domain::text::shown;
use crate::error::Result;
use crate::import::{input, interactions};
use crate::{ops, refused};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub common: Common,
    /// Add contacts for emails the book does not have, instead of rejecting the rows
    #[arg(long)]
    pub create_contacts: bool,
}

pub fn run(ctx: &mut Ctx, a: Args) -> Result<()> {
    let maps = a
        .common
        .maps
        .iter()
        .map(|m| {
            m.rsplit_once('=')
                .map(|(h, f)| (h.trim().to_string(), f.trim().to_string()))
                .ok_or_else(|| {
                    refused!(
                        "'{}' is not a mapping: expected HEADER=FIELD, like 'When=date'",
                        shown(m)
                    )
                })
        })
        .collect::<Result<Vec<_>>>()?;
    let options = interactions::Options {
        source: a.common.source(),
        maps,
        create_contacts: a.create_contacts,
    };
    let mut input = input::open(&a.common.file, &a.common.read_options()?)?;
    import(ctx, &a.common, &mut input, |store, input, mode| {
        ops::import::interactions(store, input, &options, mode)
    })
}
