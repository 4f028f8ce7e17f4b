use super::Ctx;
use crate::clock::{format_timestamp, local_to_utc};
use crate::domain::insight::Period;
use crate::output::Format;
use crate::reports;
use crate::store::Access;
use anyhow::Result;

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
}

#[derive(Debug, clap::Args)]
pub struct Args {
    pub which: Which,
    /// Only what happened since (contacts added, interactions, purchases, feedback)
    #[arg(long, value_name = "WHEN")]
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
    let store = ctx.open(Access::Read)?;
    let db = store.read();
    let ui = &mut ctx.ui;
    match args.which {
        Which::Funnel => ui.records(&reports::funnel(&db, since)?),
        Which::Sources => ui.records(&reports::sources(&db, since)?),
        Which::Activity => ui.records(&reports::activity(&db, since, args.by)?),
        Which::AtRisk => ui.records(&reports::at_risk(&db, ctx.clock)?),
        Which::Advocates => ui.records(&reports::advocates(&db, since)?),
        Which::Revenue => {
            let r = reports::revenue(&db, since, args.by, ctx.clock.today())?;
            match ui.format() {
                Format::Json => ui.json(&r),
                Format::Csv => ui.records(&r.by_period),
                Format::Table => {
                    let money =
                        |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "-".into());
                    ui.pairs(&[
                        ("revenue", format!("{:.2}", r.total)),
                        ("orders", r.orders.to_string()),
                        ("average order", money(r.average_order)),
                        ("customers", r.customers.to_string()),
                        (
                            "repeat purchase rate",
                            r.repeat_purchase_rate
                                .map(|v| format!("{v}%"))
                                .unwrap_or_else(|| "-".into()),
                        ),
                        ("lifetime value", money(r.lifetime_value)),
                        ("outstanding", format!("{:.2}", r.outstanding)),
                        ("late", format!("{:.2}", r.late)),
                    ])?;
                    ui.section("By period", &r.by_period)?;
                    ui.section("Top customers", &r.top_customers)
                }
            }
        }
        Which::Feedback => {
            let f = reports::feedback(&db, since)?;
            match ui.format() {
                Format::Json => ui.json(&f),
                Format::Csv => ui.records(&f.by_month),
                Format::Table => {
                    ui.pairs(&[
                        ("feedback", f.count.to_string()),
                        ("rated", f.rated.to_string()),
                        (
                            "NPS",
                            f.nps.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
                        ),
                        ("promoters (9-10)", f.promoters.to_string()),
                        ("passives (7-8)", f.passives.to_string()),
                        ("detractors (0-6)", f.detractors.to_string()),
                    ])?;
                    ui.section("By month", &f.by_month)?;
                    ui.section("Latest comments", &f.latest)
                }
            }
        }
    }
}
