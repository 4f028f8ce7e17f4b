use super::Ctx;
use crate::clock::{format_timestamp, local_to_utc};
use crate::domain::contact::validate_tag;
use crate::domain::when::Duration;
use crate::store::{Access, ContactFilter, ContactSort};
use anyhow::{anyhow, Result};

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Sort {
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
    #[arg(long, value_name = "S")]
    pub stage: Option<String>,
    #[arg(long, value_name = "T")]
    pub tag: Option<String>,
    #[arg(long, value_name = "C")]
    pub source: Option<String>,
    /// Only contacts with no interaction for this long, like 21d
    #[arg(long, value_name = "DURATION")]
    pub dormant: Option<String>,
    #[arg(long, value_enum, default_value_t = Sort::Name)]
    pub sort: Sort,
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let quiet_since = match &args.dormant {
        Some(text) => {
            let duration = Duration::parse(text).map_err(anyhow::Error::msg)?;
            let now = ctx.clock.local_now();
            let cutoff = duration
                .subtract_from(now.date())
                .ok_or_else(|| anyhow!("--dormant '{text}' reaches too far back"))?;
            Some(format_timestamp(local_to_utc(cutoff.and_time(now.time()))))
        }
        None => None,
    };
    let filter = ContactFilter {
        stage: args.stage,
        tag: args
            .tag
            .as_deref()
            .map(validate_tag)
            .transpose()
            .map_err(anyhow::Error::msg)?,
        source: args.source,
        quiet_since,
        sort: match args.sort {
            Sort::Name => ContactSort::Name,
            Sort::Created => ContactSort::Created,
            Sort::LastContact | Sort::Score => ContactSort::LastContact,
        },
        limit: args.limit,
    };
    let store = ctx.open(Access::Read)?;
    let db = store.read();
    if matches!(args.sort, Sort::Score) {
        let scores = crate::reports::all_scores(&db, ctx.clock)?;
        let mut ids = db.contact_ids(&ContactFilter {
            limit: None,
            ..filter.clone()
        })?;
        ids.sort_by(|a, b| {
            let s = |id: &i64| scores.get(id).map(|s| s.score).unwrap_or(0.0);
            s(b).total_cmp(&s(a)).then(a.cmp(b))
        });
        ids.truncate(args.limit.map_or(usize::MAX, |l| l as usize));
        let mut contacts = Vec::with_capacity(ids.len());
        for id in ids {
            contacts.extend(db.contact(id)?);
        }
        return ctx.ui.records(&contacts);
    }
    let contacts = db.list_contacts(&filter)?;
    ctx.ui.records(&contacts)
}
