//! `rapport import contacts FILE|-`: from the exports people leave other tools with.

use super::{import, Common, Ctx};
use crate::domain::text::shown;
use crate::error::Result;
use crate::import::mapping::{parse_map, parse_stage_map};
use crate::import::{contacts, input, presets, OnDuplicate};
use crate::{ops, refused};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub common: Common,
    /// Read the file as this export [default: recognised from the header row]
    #[arg(
        long,
        value_name = "hubspot|google|linkedin|outlook|pipedrive|mailchimp"
    )]
    pub preset: Option<String>,
    /// Put contacts whose stage column says VALUE in STAGE
    #[arg(long = "stage-map", value_name = "VALUE=STAGE")]
    pub stage_maps: Vec<String>,
    /// What to do with a row that matches a contact you have
    #[arg(long, value_enum, default_value_t = OnDuplicate::Merge)]
    pub on_duplicate: OnDuplicate,
    /// Fire the on-enter rules of the stages imported contacts enter (an import starts quiet without it)
    #[arg(long)]
    pub fire_rules: bool,
    /// Keep every column nothing else reads as a custom field named after its header (off by default: exports carry dozens of internal columns)
    #[arg(long)]
    pub keep_unmapped: bool,
    /// How to read numeric dates like 03/07/1982 that their own file does not settle [default: the file's other dates, else the preset's; else such a date is refused]
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<crate::import::dates::DateOrder>,
}

pub fn run(ctx: &mut Ctx, a: Args) -> Result<()> {
    let preset = match &a.preset {
        Some(name) => Some(presets::by_name(name).ok_or_else(|| {
            refused!(
                "'{}' is not a preset: expected one of {}",
                shown(name),
                presets::names().join(", ")
            )
        })?),
        None => None,
    };
    let maps = a
        .common
        .maps
        .iter()
        .map(|m| parse_map(m).map_err(|e| refused!("{e}")))
        .collect::<Result<Vec<_>>>()?;
    let stage_maps = a
        .stage_maps
        .iter()
        .map(|m| parse_stage_map(m).map_err(|e| refused!("{e}")))
        .collect::<Result<Vec<_>>>()?;
    let options = contacts::Options {
        source: a.common.source(),
        preset,
        maps,
        stage_maps,
        on_duplicate: a.on_duplicate,
        fire_rules: a.fire_rules,
        date_order: a.date_order,
        keep_unmapped: a.keep_unmapped,
    };
    let mut input = input::open(&a.common.file, &a.common.read_options()?)?;
    import(ctx, &a.common, &mut input, |store, input, mode| {
        ops::import::contacts(store, input, &options, mode)
    })
}
