use super::Ctx;
use crate::clock::display_timestamp;
use crate::domain::contact::Contact;
use crate::domain::follow_up::FollowUp;
use crate::domain::interaction::Interaction;
use crate::domain::stage::StageMove;
use crate::output::Format;
use crate::store::Access;
use anyhow::{anyhow, Result};
use serde::Serialize;

/// How many interactions `show` lists.
const RECENT: u32 = 10;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An id, an email, or part of a name
    pub contact: String,
}

/// Everything `show` knows about a contact, as one JSON object.
#[derive(Debug, Serialize)]
struct Profile {
    #[serde(flatten)]
    contact: Contact,
    interaction_count: i64,
    stage_history: Vec<StageMove>,
    recent_interactions: Vec<Interaction>,
    open_follow_ups: Vec<FollowUp>,
    open_tickets: Vec<Interaction>,
    /// Lead score (not yet paying) or health score (paying), with its factors.
    score: Option<crate::domain::score::Score>,
    points: i64,
    points_history: Vec<crate::store::PointsEntry>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let store = ctx.open(Access::Read)?;
    let db = store.read();
    let id = ctx.resolve_contact(&db, &args.contact)?;
    let contact = db
        .contact(id)?
        .ok_or_else(|| anyhow!("contact #{id} no longer exists"))?;
    let profile = Profile {
        interaction_count: db.interaction_count(id)?,
        stage_history: db.stage_history(id)?,
        recent_interactions: db.recent_interactions(Some(id), RECENT)?,
        open_follow_ups: db.open_follow_ups(id)?,
        open_tickets: db.open_tickets(id)?,
        score: crate::reports::score_of(&db, id, ctx.clock)?,
        points: db.points_balance(id)?,
        points_history: db.points_history(id)?,
        contact,
    };
    match ctx.ui.format() {
        Format::Json => ctx.ui.json(&profile),
        Format::Csv => ctx.ui.records(std::slice::from_ref(&profile.contact)),
        Format::Table => print_profile(ctx, &profile),
    }
}

/// The factors that moved a score most, in a few words.
fn top_factors(s: &crate::domain::score::Score) -> String {
    let mut factors: Vec<_> = s.factors.iter().filter(|f| f.points != 0.0).collect();
    factors.sort_by(|a, b| b.points.abs().total_cmp(&a.points.abs()));
    let shown: Vec<String> = factors
        .iter()
        .take(3)
        .map(|f| format!("{} {:+}", f.factor, f.points))
        .collect();
    if shown.is_empty() {
        "nothing counts yet".to_string()
    } else {
        shown.join(", ")
    }
}

fn print_profile(ctx: &mut Ctx, p: &Profile) -> Result<()> {
    let c = &p.contact;
    let ui = &mut ctx.ui;
    ui.heading(&format!("#{} {}", c.id, c.name))?;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut pairs = vec![
        ("email", opt(&c.email)),
        ("phone", opt(&c.phone)),
        ("company", opt(&c.company)),
        ("title", opt(&c.title)),
        ("location", opt(&c.location)),
        (
            "stage",
            format!("{} since {}", c.stage, display_timestamp(&c.stage_since)),
        ),
        ("source", opt(&c.source)),
        ("tags", c.tags.join(", ")),
        ("birthday", opt(&c.birthday)),
        (
            "referred by",
            match (&c.referred_by, &c.referred_by_name) {
                (Some(id), Some(name)) => format!("#{id} {name}"),
                _ => String::new(),
            },
        ),
        (
            "do not contact",
            if c.do_not_contact {
                "yes".into()
            } else {
                String::new()
            },
        ),
        (
            "last contact",
            c.last_contact_at
                .as_deref()
                .map(display_timestamp)
                .unwrap_or_else(|| "never".into()),
        ),
        ("added", display_timestamp(&c.created_at)),
        (
            "score",
            p.score
                .as_ref()
                .map(|s| format!("{} {} ({})", s.kind, s.score, top_factors(s)))
                .unwrap_or_default(),
        ),
        (
            "points",
            if p.points != 0 || !p.points_history.is_empty() {
                p.points.to_string()
            } else {
                String::new()
            },
        ),
        ("note", opt(&c.note)),
    ];
    let fields: Vec<(String, String)> = c
        .fields
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    pairs.extend(fields.iter().map(|(k, v)| (k.as_str(), v.clone())));
    ui.pairs(&pairs)?;
    ui.section("Stage history", &p.stage_history)?;
    ui.section("Open follow-ups", &p.open_follow_ups)?;
    ui.section("Open tickets", &p.open_tickets)?;
    let title = if p.interaction_count > p.recent_interactions.len() as i64 {
        format!(
            "Recent interactions ({} of {})",
            p.recent_interactions.len(),
            p.interaction_count
        )
    } else {
        "Interactions".to_string()
    };
    ui.section(&title, &p.recent_interactions)
}
