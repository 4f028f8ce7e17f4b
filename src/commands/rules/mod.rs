//! `rapport rules`: the rules that make reminders: list, add, edit, rm.

mod add;
mod edit;
mod list;
mod rm;

use super::Ctx;
use crate::domain::Invalid;
use crate::error::Result;
use crate::ops::rules::RuleSpec;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// The rules, with the ids that rm and edit take
    List,
    /// Add a rule: --on-enter, --dormant, --tag with --every, --birthday, --anniversary, --review-every, --after-purchase, --on-rating, --after-ticket-resolved or --win-back
    Add(RuleArgs),
    /// Change a rule's settings (its kind stays)
    Edit(edit::Args),
    /// Remove a rule (follow-ups it already made stay)
    Rm(rm::Args),
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    match args.action.unwrap_or(Action::List) {
        Action::List => list::run(ctx),
        Action::Add(a) => add::run(ctx, a),
        Action::Edit(a) => edit::run(ctx, a),
        Action::Rm(a) => rm::run(ctx, a),
    }
}

/// What a rule says, for `add` and `edit`.
#[derive(Debug, Default, clap::Args)]
pub struct RuleArgs {
    /// On entering this stage (by stage, advance, edit, import or merge), schedule a follow-up
    #[arg(long, value_name = "STAGE")]
    pub on_enter: Option<String>,
    /// ...this long after entering
    #[arg(long, value_name = "DURATION")]
    pub after: Option<String>,
    /// Gone quiet: no interaction for this long
    #[arg(long, value_name = "DURATION")]
    pub dormant: Option<String>,
    /// Stay in touch with contacts with this tag (with --every); with --dormant, only them
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// The ideal gap of a stay-in-touch cadence
    #[arg(long, value_name = "DURATION")]
    pub every: Option<String>,
    /// The longest gap before a cadence is overdue
    #[arg(long, value_name = "DURATION")]
    pub max: Option<String>,
    /// Birthdays this many days ahead
    #[arg(long, value_name = "DAYS_AHEAD")]
    pub birthday: Option<u32>,
    /// Anniversaries this many days ahead: of becoming a customer, or of --field
    #[arg(long, value_name = "DAYS_AHEAD")]
    pub anniversary: Option<u32>,
    /// The date field an anniversary rule celebrates, like wedding
    #[arg(long, value_name = "KEY")]
    pub field: Option<String>,
    /// An account review this often, for contacts in --stage
    #[arg(long, value_name = "DURATION")]
    pub review_every: Option<String>,
    /// The stage a review or dormant rule applies to; repeat for several
    #[arg(long = "stage", value_name = "STAGE")]
    pub stages: Vec<String>,
    /// What to do, as the reminder says it
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// A template whose draft `due --json` carries
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// An on-enter rule fires on every entry (moving forward), not only the first
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub every_entry: Option<bool>,
    /// An on-enter rule's follow-ups stay when the contact leaves the stage
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub keep: Option<bool>,
    /// Some time after a purchase (to ask for feedback): kind feedback-ask
    #[arg(long, value_name = "DURATION")]
    pub after_purchase: Option<String>,
    /// With --after-purchase: only after a contact's first purchase
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub first: Option<bool>,
    /// On a rating in this NPS band (0-6, 7-8, 9-10), after --after (default at once): kinds detractor, passive, promoter
    #[arg(long, value_enum, value_name = "BAND")]
    pub on_rating: Option<crate::domain::rules::Band>,
    /// Some time after a ticket is resolved (to check in): kind ticket-check-in
    #[arg(long, value_name = "DURATION")]
    pub after_ticket_resolved: Option<String>,
    /// Some time after a contact was lost (`rapport lose`): kind win-back
    #[arg(long, value_name = "DURATION")]
    pub win_back: Option<String>,
    /// Marketing: remind only about contacts who gave consent (`--consent`) and did not withdraw it
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub needs_consent: Option<bool>,
}

impl From<RuleArgs> for RuleSpec {
    fn from(a: RuleArgs) -> RuleSpec {
        RuleSpec {
            on_enter: a.on_enter,
            after: a.after,
            dormant: a.dormant,
            tag: a.tag,
            every: a.every,
            max: a.max,
            birthday: a.birthday,
            anniversary: a.anniversary,
            field: a.field,
            review_every: a.review_every,
            stages: a.stages,
            note: a.note,
            template: a.template,
            every_entry: a.every_entry,
            keep: a.keep,
            after_purchase: a.after_purchase,
            first: a.first,
            on_rating: a.on_rating,
            after_ticket_resolved: a.after_ticket_resolved,
            win_back: a.win_back,
            needs_consent: a.needs_consent,
        }
    }
}

/// A rule's id as typed.
fn parse_id(text: &str) -> Result<i64> {
    Ok(text
        .trim()
        .trim_start_matches('#')
        .parse()
        .map_err(|_| Invalid::Id {
            text: text.to_string(),
            what: "a rule id",
            printed_by: "`rapport rules`",
        })?)
}
