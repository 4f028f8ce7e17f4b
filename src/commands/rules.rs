use super::Ctx;
use crate::domain::contact::{validate_field_key, validate_tag};
use crate::domain::rules::{Rule, RuleKind};
use crate::domain::when::Duration;
use crate::output::Tabular;
use crate::store::{Access, Db};
use anyhow::{anyhow, bail, Result};
use serde::Serialize;
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// The rules, with the ids that rm and edit take
    List,
    /// Add a rule: --on-enter, --dormant, --tag with --every, --birthday, --anniversary or --review-every
    Add(RuleArgs),
    /// Change a rule's settings (its kind stays)
    Edit {
        id: String,
        #[command(flatten)]
        rule: RuleArgs,
    },
    /// Remove a rule (follow-ups it already made stay)
    Rm { id: String },
}

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
}

/// A rule as `rules` lists it.
#[derive(Debug, Serialize)]
pub struct RuleRow {
    #[serde(flatten)]
    pub rule: Rule,
    pub condition: String,
    pub action: String,
}

impl Tabular for RuleRow {
    fn headers() -> &'static [&'static str] {
        &["id", "kind", "when", "then"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.rule.id.to_string(),
            self.rule.kind.to_string(),
            self.condition.clone(),
            self.action.clone(),
        ]
    }
}

pub fn rows(rules: Vec<Rule>) -> Vec<RuleRow> {
    rules
        .into_iter()
        .map(|rule| RuleRow {
            condition: rule.condition(),
            action: rule.action(),
            rule,
        })
        .collect()
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    match args.action.unwrap_or(Action::List) {
        Action::List => {
            let store = ctx.open(Access::Read)?;
            let rules = store.read().rules()?;
            ctx.ui.records(&rows(rules))
        }
        Action::Add(a) => {
            let mut store = ctx.open(Access::Write)?;
            let rule = store.write(|db| {
                let rule = build(db, &a, None)?;
                let id = db.insert_rule(&rule)?;
                db.rule(id)?.ok_or_else(|| anyhow!("rule #{id} vanished"))
            })?;
            let line = format!(
                "Added rule #{}: when {}, {}",
                rule.id,
                rule.condition(),
                rule.action()
            );
            ctx.ui.confirm(&rows(vec![rule]).remove(0), &line)
        }
        Action::Edit { id, rule: a } => {
            let id = parse_id(&id)?;
            let mut store = ctx.open(Access::Write)?;
            let rule = store.write(|db| {
                let current = db
                    .rule(id)?
                    .ok_or_else(|| anyhow!("no rule #{id}: `rapport rules` lists them"))?;
                let rule = build(db, &a, Some(current))?;
                db.update_rule(&rule)?;
                db.rule(id)?.ok_or_else(|| anyhow!("rule #{id} vanished"))
            })?;
            let line = format!(
                "Changed rule #{}: when {}, {}",
                rule.id,
                rule.condition(),
                rule.action()
            );
            ctx.ui.confirm(&rows(vec![rule]).remove(0), &line)
        }
        Action::Rm { id } => {
            let id = parse_id(&id)?;
            let mut store = ctx.open(Access::Write)?;
            store.write(|db| {
                if !db.delete_rule(id)? {
                    bail!("no rule #{id}: `rapport rules` lists them");
                }
                Ok(())
            })?;
            ctx.ui.confirm(
                &json!({"id": id, "removed": true}),
                &format!("Removed rule #{id}"),
            )
        }
    }
}

fn parse_id(text: &str) -> Result<i64> {
    text.trim().trim_start_matches('#').parse().map_err(|_| {
        anyhow!("'{text}' is not a rule id: expected the number `rapport rules` shows")
    })
}

fn duration(text: &Option<String>, flag: &str) -> Result<Option<String>> {
    text.as_deref()
        .map(|t| {
            Duration::parse(t)
                .map(|d| d.to_string())
                .map_err(|e| anyhow!("{flag}: {e}"))
        })
        .transpose()
}

/// A new rule from the flags, or `current` changed by them.
fn build(db: &Db<'_>, a: &RuleArgs, current: Option<Rule>) -> Result<Rule> {
    let kinds = [
        (a.on_enter.is_some(), RuleKind::OnEnter),
        (a.dormant.is_some(), RuleKind::Dormant),
        (
            a.dormant.is_none() && a.tag.is_some() && a.every.is_some(),
            RuleKind::Cadence,
        ),
        (a.birthday.is_some(), RuleKind::Birthday),
        (a.anniversary.is_some(), RuleKind::Anniversary),
        (a.review_every.is_some(), RuleKind::Review),
    ];
    let named: Vec<RuleKind> = kinds
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, k)| *k)
        .collect();
    let kind = match (&current, named.as_slice()) {
        (Some(rule), []) => rule.kind,
        (Some(rule), [k]) if *k == rule.kind => rule.kind,
        (Some(rule), _) => bail!("rule #{} is a {} rule: its kind cannot change (add a new rule instead)", rule.id, rule.kind),
        (None, [k]) => *k,
        (None, []) => bail!(
            "which kind of rule? expected one of --on-enter STAGE, --dormant DURATION, --tag TAG --every DURATION, \
             --birthday DAYS, --anniversary DAYS or --review-every DURATION"
        ),
        (None, _) => bail!("one kind of rule at a time: --on-enter, --dormant, --tag with --every, --birthday, --anniversary and --review-every do not mix"),
    };
    let mut rule = current.unwrap_or(Rule::new(kind));
    let stage = |name: &str| db.stage_id(name).map(|(_, n)| n);
    if let Some(s) = &a.on_enter {
        rule.stages = vec![stage(s)?];
    }
    if !a.stages.is_empty() {
        if !matches!(kind, RuleKind::Dormant | RuleKind::Review) {
            bail!("--stage goes with --dormant or --review-every");
        }
        rule.stages = a.stages.iter().map(|s| stage(s)).collect::<Result<_>>()?;
    }
    if let Some(tag) = &a.tag {
        if !matches!(kind, RuleKind::Dormant | RuleKind::Cadence) {
            bail!("--tag goes with --dormant, or with --every for a cadence");
        }
        rule.tag = Some(validate_tag(tag).map_err(anyhow::Error::msg)?);
    }
    if a.after.is_some() {
        if kind != RuleKind::OnEnter {
            bail!("--after goes with --on-enter");
        }
        rule.after = duration(&a.after, "--after")?;
    }
    match kind {
        RuleKind::Dormant if a.dormant.is_some() => rule.every = duration(&a.dormant, "--dormant")?,
        RuleKind::Cadence if a.every.is_some() => rule.every = duration(&a.every, "--every")?,
        RuleKind::Review if a.review_every.is_some() => {
            rule.every = duration(&a.review_every, "--review-every")?
        }
        _ if a.every.is_some() => bail!("--every goes with --tag, for a stay-in-touch cadence"),
        _ => {}
    }
    if a.max.is_some() {
        if kind != RuleKind::Cadence {
            bail!("--max goes with a cadence (--tag and --every)");
        }
        rule.max = duration(&a.max, "--max")?;
    }
    if let Some(days) = a.birthday.or(a.anniversary) {
        if days > 366 {
            bail!("days ahead '{days}' is too far: expected 0 to 366");
        }
        rule.days_ahead = Some(days);
    }
    if let Some(field) = &a.field {
        if kind != RuleKind::Anniversary {
            bail!("--field goes with --anniversary");
        }
        rule.field = Some(validate_field_key(field).map_err(anyhow::Error::msg)?);
    }
    if let Some(note) = &a.note {
        rule.note = crate::domain::contact::clean_text(note);
    }
    if let Some(name) = &a.template {
        if db.template(name)?.is_none() {
            bail!("no template '{name}': add it first with `rapport template add {name} --subject … --body …`");
        }
        rule.template = Some(name.trim().to_string());
    }
    // What each kind cannot do without.
    match kind {
        RuleKind::OnEnter if rule.after.is_none() => {
            bail!("an on-enter rule needs --after, like --after 1d")
        }
        RuleKind::OnEnter if rule.note.is_none() => {
            bail!("an on-enter rule needs --note: what to do, like 'Send the welcome pack'")
        }
        RuleKind::Cadence if rule.tag.is_none() || rule.every.is_none() => {
            bail!("a cadence needs --tag and --every")
        }
        RuleKind::Review if rule.stages.is_empty() => bail!("a review rule needs --stage"),
        _ => {}
    }
    if let (Some(every), Some(max)) = (rule.duration(&rule.every), rule.duration(&rule.max)) {
        let base = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
        if max.add_to(base) < every.add_to(base) {
            bail!("--max {max} is shorter than --every {every}: the maximum gap must be at least the ideal one");
        }
    }
    Ok(rule)
}
