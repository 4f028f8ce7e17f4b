//! `show` for a person: the profile as label/value pairs, then the stage
//! history, follow-ups, tickets and interactions as tables.

use super::Ui;
use crate::clock::display_timestamp;
use crate::domain::score::Score;
use crate::error::Result;
use crate::ops::contact::Profile;

/// The factors that moved a score most, in a few words.
fn top_factors(s: &Score) -> String {
    let mut factors: Vec<_> = s.factors.iter().filter(|f| f.points != 0.0).collect();
    factors.sort_by(|a, b| b.points.abs().total_cmp(&a.points.abs()));
    let shown: Vec<String> = factors
        .iter()
        .take(3)
        .map(|f| format!("{} {:+}", f.factor, f.points))
        .collect();
    if shown.is_empty() {
        match s.kind {
            // A health score starts full: nothing has lowered it.
            "health" => "nothing lowers it".to_string(),
            _ => "nothing counts yet".to_string(),
        }
    } else {
        shown.join(", ")
    }
}

impl Ui {
    pub fn profile(&mut self, p: &Profile) -> Result<()> {
        let c = &p.contact;
        self.heading(&format!("#{} {}", c.id, c.name))?;
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut pairs = vec![
            ("email", opt(&c.email)),
            ("phone", opt(&c.phone)),
            ("company", opt(&c.company)),
            ("title", opt(&c.title)),
            ("location", opt(&c.location)),
            (
                "stage",
                match &c.lost_at {
                    Some(at) => format!(
                        "lost on {} from {}: {}",
                        display_timestamp(at),
                        c.stage,
                        c.lost_reason.as_deref().unwrap_or("no reason given")
                    ),
                    None => format!("{} since {}", c.stage, display_timestamp(&c.stage_since)),
                },
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
                    .map(|s| match s.score {
                        Some(_) => format!("{} ({})", s.label(), top_factors(s)),
                        None => s.label(),
                    })
                    .unwrap_or_default(),
            ),
            (
                "lifetime value",
                if p.orders > 0 {
                    format!(
                        "{:.2} ({} purchase{})",
                        p.lifetime_value,
                        p.orders,
                        if p.orders == 1 { "" } else { "s" }
                    )
                } else {
                    String::new()
                },
            ),
            (
                "points",
                if p.points != 0 || !p.points_history.is_empty() {
                    p.points.to_string()
                } else {
                    String::new()
                },
            ),
            (
                "consent",
                p.consents
                    .iter()
                    .map(|k| {
                        let how = k
                            .how
                            .as_deref()
                            .map(|h| format!(", {h}"))
                            .unwrap_or_default();
                        match &k.withdrawn_on {
                            Some(w) => {
                                format!("{} (given {}{how}; withdrawn {w})", k.purpose, k.given_on)
                            }
                            None => format!("{} since {}{how}", k.purpose, k.given_on),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            ("note", opt(&c.note)),
        ];
        let fields: Vec<(String, String)> = c
            .fields
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        pairs.extend(fields.iter().map(|(k, v)| (k.as_str(), v.clone())));
        self.pairs(&pairs)?;
        self.section("Stage history", &p.stage_history)?;
        self.own_section("Open follow-ups", &p.open_follow_ups)?;
        self.own_section("Cancelled follow-ups", &p.cancelled_follow_ups)?;
        self.own_section("Open tickets", &p.open_tickets)?;
        self.own_section("Open invoices", &p.open_invoices)?;
        self.own_section("Points", &p.points_history)?;
        let title = if p.interaction_count > p.recent_interactions.len() as i64 {
            format!(
                "Recent interactions ({} of {})",
                p.recent_interactions.len(),
                p.interaction_count
            )
        } else {
            "Interactions".to_string()
        };
        self.own_section(&title, &p.recent_interactions)
    }
}
