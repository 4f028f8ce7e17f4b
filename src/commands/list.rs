//! `rapport list`: contacts, filtered and sorted.

use super::Ctx;
use crate::clock::{format_timestamp, local_to_utc};
use crate::domain::contact::{parse_field, validate_tag};
use crate::domain::when::Duration;
use crate::domain::Invalid;
use crate::error::Result;
use crate::ops;
use crate::store::{ContactFilter, ContactSort, Lost};

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Sort {
    /// By name
    Name,
    /// Newest first
    Created,
    /// Longest silence first
    LastContact,
    /// Highest lead or health score first
    Score,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only contacts in this stage
    #[arg(long, value_name = "S")]
    pub stage: Option<String>,
    /// Only contacts with this tag
    #[arg(long, value_name = "T")]
    pub tag: Option<String>,
    /// Only contacts from this source channel
    #[arg(long, value_name = "C")]
    pub source: Option<String>,
    /// Only contacts whose custom field KEY is VALUE (case ignored); repeat to require several
    #[arg(long, value_name = "KEY=VALUE")]
    pub field: Vec<String>,
    /// Only contacts with no interaction for this long, like 21d
    #[arg(long, value_name = "DURATION")]
    pub dormant: Option<String>,
    /// The order
    #[arg(long, value_enum, default_value_t = Sort::Name)]
    pub sort: Sort,
    /// At most this many
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
    /// Only contacts who were lost (`rapport lose`)
    #[arg(long, conflicts_with = "include_lost")]
    pub lost: bool,
    /// Lost contacts too (a list leaves them out by default)
    #[arg(long)]
    pub include_lost: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let quiet_since = match &args.dormant {
        Some(text) => {
            let duration = Duration::parse(text)?;
            let now = ctx.clock.local_now();
            let cutoff = duration
                .subtract_from(now.date())
                .ok_or_else(|| Invalid::TooFar(format!("--dormant '{text}'")))?;
            Some(format_timestamp(local_to_utc(cutoff.and_time(now.time()))))
        }
        None => None,
    };
    let filter = ContactFilter {
        only: None,
        fields: args
            .field
            .iter()
            .map(|f| parse_field(f))
            .collect::<Result<_, _>>()?,
        lost: match (args.lost, args.include_lost) {
            (true, _) => Lost::Only,
            (_, true) => Lost::Include,
            _ => Lost::Exclude,
        },
        stage: args.stage,
        tag: args.tag.as_deref().map(validate_tag).transpose()?,
        source: args.source,
        quiet_since,
        sort: match args.sort {
            Sort::Name => ContactSort::Name,
            Sort::Created => ContactSort::Created,
            Sort::LastContact | Sort::Score => ContactSort::LastContact,
        },
        limit: args.limit,
    };
    let store = ctx.read()?;
    if matches!(args.sort, Sort::Score) {
        let scored = ops::contact::list_by_score(&store.read(), &filter, ctx.clock)?;
        return ctx.ui.records(&scored);
    }
    let contacts = ops::contact::list(&store.read(), &filter)?;
    ctx.ui.contacts(&contacts)
}
