//! `rapport report WHICH [--since WHEN] [--by week|month]`.

use super::Ctx;
use crate::clock::{format_timestamp, local_to_utc};
use crate::domain::report::Period;
use crate::error::Result;
use crate::ops::report;
use crate::output::Format;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Which {
    /// Per stage: contacts now, ever reached, conversion, days to get there
    Funnel,
    /// Per source channel: contacts, stages reached, conversion to paying, revenue
    Sources,
    /// Interactions per period by kind, channel and direction
    Activity,
    /// Total, per period, average order, repeat rate, lifetime value, top customers, outstanding
    Revenue,
    /// Paying customers below the health threshold, worst first, with the reasons
    AtRisk,
    /// Count and NPS, by month, with the latest comments
    Feedback,
    /// Who referred whom, referrals that became paying, the revenue they brought
    Advocates,
    /// Contacts lost (`rapport lose`): how many, won back, by stage lost from, by reason, by month
    Lost,
    /// Loyalty points: each contact's balance, earned and spent
    Points,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which report
    pub which: Which,
    /// Only what happened since (contacts added, interactions, purchases, feedback)
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Periods for activity and revenue [default: month]
    #[arg(long, value_enum, default_value_t = Period::Month)]
    pub by: Period,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let since = match &args.since {
        Some(text) => {
            let when = ctx.when(text)?;
            Some(format_timestamp(local_to_utc(
                when.date().and_time(when.time().unwrap_or_default()),
            )))
        }
        None => None,
    };
    let since = since.as_deref();
    let store = ctx.read()?;
    let db = store.read();
    let today = ctx.clock.today();
    let ui = &mut ctx.ui;
    match args.which {
        Which::Funnel => ui.records(&report::funnel(&db, since)?),
        Which::Sources => ui.sources(&report::sources(&db, since)?, &db.pipeline()?),
        Which::Activity => ui.records(&report::activity(&db, since, args.by)?),
        Which::AtRisk => ui.records(&crate::ops::at_risk::list(&db, today)?),
        Which::Advocates => ui.records(&report::advocates(&db, since)?),
        Which::Revenue => {
            let r = report::revenue(&db, since, args.by, today)?;
            match ui.format() {
                Format::Json => ui.json(&r),
                Format::Csv => ui.records(&r.by_period),
                Format::Table | Format::Vcard => ui.revenue(&r),
            }
        }
        Which::Lost => {
            let l = report::lost(&db, since)?;
            match ui.format() {
                Format::Json => ui.json(&l),
                Format::Csv => ui.records(&l.groups()),
                Format::Table | Format::Vcard => ui.lost_report(&l),
            }
        }
        Which::Points => ui.records(&crate::ops::points::balances(&db)?),
        Which::Feedback => {
            let f = report::feedback(&db, since)?;
            match ui.format() {
                Format::Json => ui.json(&f),
                Format::Csv => ui.records(&f.by_month),
                Format::Table | Format::Vcard => ui.feedback(&f),
            }
        }
    }
}
