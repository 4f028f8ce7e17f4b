//! How each kind of record looks as a row.

use super::{or_dash, or_empty, Tabular};
use crate::clock::display_timestamp;
use crate::domain::contact::Contact;
use crate::domain::due::DueItem;
use crate::domain::follow_up::{CancelledFollowUp, FollowUp};
use crate::domain::interaction::Interaction;
use crate::domain::rules::RuleView;
use crate::domain::settings::Setting;
use crate::domain::stage::{Stage, StageMove};
use crate::domain::template::Template;
use crate::ops::contact::ScoredContact;
use crate::store::{ImportBatch, PossibleDuplicate, SearchHit};

fn when(ts: Option<&str>) -> String {
    ts.map(display_timestamp).unwrap_or_else(|| "-".into())
}

/// A contact's stage as a table shows it: lost ones say so.
fn stage_cell(c: &Contact) -> String {
    match &c.lost_at {
        Some(_) => format!("lost ({})", c.stage),
        None => c.stage.clone(),
    }
}

impl Tabular for crate::store::PointsEntry {
    fn headers() -> &'static [&'static str] {
        &["when", "points", "reason"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            display_timestamp(&self.at),
            format!("{:+}", self.delta),
            self.reason.clone(),
        ]
    }
}

impl Tabular for ScoredContact {
    fn headers() -> &'static [&'static str] {
        &[
            "id",
            "name",
            "email",
            "company",
            "stage",
            "last contact",
            "score",
        ]
    }
    fn cells(&self) -> Vec<String> {
        let c = &self.contact;
        vec![
            c.id.to_string(),
            c.name.clone(),
            or_dash(c.email.as_deref()),
            or_dash(c.company.as_deref()),
            stage_cell(c),
            when(c.last_contact_at.as_deref()),
            match self.score {
                Some(s) => format!("{} {s}", self.score_kind),
                None => "-".to_string(),
            },
        ]
    }
    fn csv_headers() -> &'static [&'static str] {
        &[
            "id",
            "name",
            "email",
            "company",
            "stage",
            "last_contact_at",
            "score_kind",
            "score",
        ]
    }
    fn csv_cells(&self) -> Vec<String> {
        let c = &self.contact;
        vec![
            c.id.to_string(),
            c.name.clone(),
            or_empty(c.email.as_deref()),
            or_empty(c.company.as_deref()),
            c.stage.clone(),
            or_empty(c.last_contact_at.as_deref()),
            self.score_kind.to_string(),
            self.score.map(|s| s.to_string()).unwrap_or_default(),
        ]
    }
}

impl Tabular for Contact {
    fn headers() -> &'static [&'static str] {
        &[
            "id",
            "name",
            "email",
            "company",
            "stage",
            "tags",
            "last contact",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.name.clone(),
            or_dash(self.email.as_deref()),
            or_dash(self.company.as_deref()),
            stage_cell(self),
            self.tags.join(", "),
            when(self.last_contact_at.as_deref()),
        ]
    }
    fn csv_headers() -> &'static [&'static str] {
        &[
            "id",
            "name",
            "email",
            "phone",
            "company",
            "title",
            "location",
            "stage",
            "source",
            "tags",
            "birthday",
            "referred_by",
            "do_not_contact",
            "created_at",
            "last_contact_at",
            "next_follow_up",
            "note",
        ]
    }
    fn csv_cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.name.clone(),
            or_empty(self.email.as_deref()),
            or_empty(self.phone.as_deref()),
            or_empty(self.company.as_deref()),
            or_empty(self.title.as_deref()),
            or_empty(self.location.as_deref()),
            self.stage.clone(),
            or_empty(self.source.as_deref()),
            self.tags.join(";"),
            or_empty(self.birthday.as_deref()),
            self.referred_by.map(|r| r.to_string()).unwrap_or_default(),
            self.do_not_contact.to_string(),
            self.created_at.clone(),
            or_empty(self.last_contact_at.as_deref()),
            or_empty(self.next_follow_up.as_deref()),
            or_empty(self.note.as_deref()),
        ]
    }
}

impl Tabular for SearchHit {
    fn headers() -> &'static [&'static str] {
        &["id", "name", "email", "stage", "matched"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.contact.id.to_string(),
            self.contact.name.clone(),
            or_dash(self.contact.email.as_deref()),
            self.contact.stage.clone(),
            self.matched.clone(),
        ]
    }
}

impl Tabular for Interaction {
    fn headers() -> &'static [&'static str] {
        &["id", "when", "contact", "kind", "summary", "detail"]
    }
    fn cells(&self) -> Vec<String> {
        let mut detail = Vec::new();
        if let Some(a) = self.amount {
            detail.push(a.to_string());
        }
        if let Some(r) = self.rating {
            detail.push(format!("rated {r}/10"));
        }
        if let Some(c) = &self.channel {
            detail.push(format!("via {c}"));
        }
        if self.kind == crate::domain::interaction::Kind::Ticket {
            detail.push(match &self.resolved_at {
                Some(at) => format!("resolved {}", display_timestamp(at)),
                None => "open".into(),
            });
        }
        vec![
            self.id.to_string(),
            display_timestamp(&self.at),
            self.contact.clone(),
            self.kind.to_string(),
            self.summary.clone(),
            detail.join(", "),
        ]
    }
    fn csv_headers() -> &'static [&'static str] {
        &[
            "id",
            "contact_id",
            "contact",
            "kind",
            "at",
            "summary",
            "channel",
            "amount",
            "rating",
            "resolved_at",
            "resolution",
        ]
    }
    fn csv_cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.contact_id.to_string(),
            self.contact.clone(),
            self.kind.to_string(),
            self.at.clone(),
            self.summary.clone(),
            or_empty(self.channel.as_deref()),
            self.amount.map(|a| a.to_string()).unwrap_or_default(),
            self.rating.map(|r| r.to_string()).unwrap_or_default(),
            or_empty(self.resolved_at.as_deref()),
            or_empty(self.resolution.as_deref()),
        ]
    }
}

impl Tabular for FollowUp {
    fn headers() -> &'static [&'static str] {
        &["id", "due", "contact", "note", "every"]
    }
    fn cells(&self) -> Vec<String> {
        let due = match &self.time {
            Some(t) => format!("{} {t}", self.due),
            None => self.due.clone(),
        };
        vec![
            self.id.to_string(),
            due,
            self.contact.clone(),
            self.note.clone(),
            or_dash(self.every.as_deref()),
        ]
    }
}

impl Tabular for CancelledFollowUp {
    fn headers() -> &'static [&'static str] {
        &["id", "was due", "note", "cancelled", "why"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.due.clone(),
            self.note.clone(),
            display_timestamp(&self.cancelled_at),
            self.why.clone(),
        ]
    }
}

impl Tabular for DueItem {
    fn headers() -> &'static [&'static str] {
        &["id", "when", "contact", "what", "why"]
    }
    fn cells(&self) -> Vec<String> {
        let when = if self.overdue {
            format!("{} (overdue)", self.due)
        } else {
            self.due.clone()
        };
        vec![
            self.id.clone(),
            when,
            self.contact.clone(),
            self.what.clone(),
            self.why.clone(),
        ]
    }
    fn csv_headers() -> &'static [&'static str] {
        &[
            "id",
            "kind",
            "contact_id",
            "contact",
            "due",
            "overdue",
            "what",
            "why",
        ]
    }
    fn csv_cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.kind.as_str().to_string(),
            self.contact_id.to_string(),
            self.contact.clone(),
            self.due.clone(),
            self.overdue.to_string(),
            self.what.clone(),
            self.why.clone(),
        ]
    }
}

impl Tabular for Stage {
    fn headers() -> &'static [&'static str] {
        &["position", "stage", "contacts"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            (self.position + 1).to_string(),
            self.name.clone(),
            self.contacts.to_string(),
        ]
    }
}

impl Tabular for StageMove {
    fn headers() -> &'static [&'static str] {
        &["when", "from", "to", "reason"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            display_timestamp(&self.at),
            or_dash(self.from.as_deref()),
            self.to.clone(),
            or_dash(self.reason.as_deref()),
        ]
    }
}

impl Tabular for PossibleDuplicate {
    fn headers() -> &'static [&'static str] {
        &[
            "batch",
            "id",
            "name",
            "shares a phone with",
            "phone",
            "to merge",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.batch.to_string(),
            self.contact_id.to_string(),
            self.contact.clone(),
            format!("#{} {}", self.other_id, self.other),
            or_dash(self.phone.as_deref()),
            format!("rapport merge {} {}", self.other_id, self.contact_id),
        ]
    }
}

impl Tabular for ImportBatch {
    fn headers() -> &'static [&'static str] {
        &[
            "batch",
            "when",
            "kind",
            "file",
            "preset",
            "added",
            "updated",
            "unchanged",
            "invalid",
            "undone",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            display_timestamp(&self.at),
            self.kind.clone(),
            self.source.clone(),
            or_dash(self.preset.as_deref()),
            self.added.to_string(),
            self.updated.to_string(),
            self.unchanged.to_string(),
            self.invalid.to_string(),
            self.undone_at
                .as_deref()
                .map(display_timestamp)
                .unwrap_or_else(|| "-".into()),
        ]
    }
}

mod report_rows {
    use super::super::Tabular;
    use crate::domain::at_risk::AtRisk;
    use crate::domain::report::{
        ActivityRow, Advocate, Comment, Count, CustomerRevenue, FunnelStage, LostGroup, NpsPeriod,
        PeriodRevenue, SourceRow,
    };
    use crate::ops::points::Balance;

    impl Tabular for Count {
        fn headers() -> &'static [&'static str] {
            &["", "lost"]
        }
        fn cells(&self) -> Vec<String> {
            vec![self.key.clone(), self.lost.to_string()]
        }
    }

    impl Tabular for LostGroup {
        fn headers() -> &'static [&'static str] {
            &["by", "key", "lost"]
        }
        fn cells(&self) -> Vec<String> {
            vec![self.by.to_string(), self.key.clone(), self.lost.to_string()]
        }
    }

    impl Tabular for Balance {
        fn headers() -> &'static [&'static str] {
            &["id", "contact", "balance", "earned", "spent", "last change"]
        }
        fn cells(&self) -> Vec<String> {
            vec![
                self.contact_id.to_string(),
                self.contact.clone(),
                self.balance.to_string(),
                self.earned.to_string(),
                self.spent.to_string(),
                crate::clock::display_timestamp(&self.last_change),
            ]
        }
        fn csv_headers() -> &'static [&'static str] {
            &[
                "contact_id",
                "contact",
                "balance",
                "earned",
                "spent",
                "last_change",
            ]
        }
        fn csv_cells(&self) -> Vec<String> {
            vec![
                self.contact_id.to_string(),
                self.contact.clone(),
                self.balance.to_string(),
                self.earned.to_string(),
                self.spent.to_string(),
                self.last_change.clone(),
            ]
        }
    }
    use crate::domain::score::Factor;

    fn opt(v: Option<f64>, suffix: &str) -> String {
        v.map(|v| format!("{v}{suffix}"))
            .unwrap_or_else(|| "-".into())
    }

    fn money(v: f64) -> String {
        format!("{v:.2}")
    }

    /// A number for a CSV cell: empty when there is none.
    fn num(v: Option<f64>) -> String {
        v.map(|v| v.to_string()).unwrap_or_default()
    }

    impl Tabular for FunnelStage {
        fn headers() -> &'static [&'static str] {
            &[
                "stage",
                "now",
                "reached",
                "conversion",
                "lost",
                "days to reach (median)",
                "p90",
                "days in stage (median)",
                "mean",
                "days from first contact (median)",
            ]
        }
        fn cells(&self) -> Vec<String> {
            vec![
                self.stage.clone(),
                self.now.to_string(),
                self.reached.to_string(),
                opt(self.conversion, "%"),
                self.lost.to_string(),
                opt(self.median_days, ""),
                opt(self.p90_days, ""),
                opt(self.median_days_in_stage, ""),
                opt(self.mean_days_in_stage, ""),
                opt(self.median_days_from_first_contact, ""),
            ]
        }
        fn csv_headers() -> &'static [&'static str] {
            &[
                "stage",
                "now",
                "reached",
                "conversion_pct",
                "lost",
                "median_days",
                "p90_days",
                "median_days_in_stage",
                "mean_days_in_stage",
                "median_days_from_first_contact",
            ]
        }
        fn csv_cells(&self) -> Vec<String> {
            vec![
                self.stage.clone(),
                self.now.to_string(),
                self.reached.to_string(),
                num(self.conversion),
                self.lost.to_string(),
                num(self.median_days),
                num(self.p90_days),
                num(self.median_days_in_stage),
                num(self.mean_days_in_stage),
                num(self.median_days_from_first_contact),
            ]
        }
    }

    impl Tabular for SourceRow {
        fn headers() -> &'static [&'static str] {
            &[
                "source",
                "contacts",
                "reached",
                "paying",
                "conversion",
                "revenue",
                "median days to pay",
            ]
        }
        fn cells(&self) -> Vec<String> {
            vec![
                self.source.clone(),
                self.contacts.to_string(),
                self.reached
                    .iter()
                    .map(|(s, n)| format!("{s} {n}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                self.paying.to_string(),
                opt(self.conversion, "%"),
                money(self.revenue),
                opt(self.median_days_to_pay, ""),
            ]
        }
    }

    impl Tabular for ActivityRow {
        fn headers() -> &'static [&'static str] {
            &[
                "period",
                "total",
                "by kind",
                "by channel",
                "inbound",
                "outbound",
                "unknown",
            ]
        }
        fn cells(&self) -> Vec<String> {
            let join = |m: &std::collections::BTreeMap<String, i64>| {
                m.iter()
                    .map(|(k, n)| format!("{k} {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            vec![
                self.period.clone(),
                self.total.to_string(),
                join(&self.by_kind),
                join(&self.by_channel),
                self.inbound.to_string(),
                self.outbound.to_string(),
                self.unknown_direction.to_string(),
            ]
        }
    }

    impl Tabular for PeriodRevenue {
        fn headers() -> &'static [&'static str] {
            &["period", "revenue", "orders"]
        }
        fn cells(&self) -> Vec<String> {
            vec![
                self.period.clone(),
                money(self.revenue),
                self.orders.to_string(),
            ]
        }
    }

    impl Tabular for CustomerRevenue {
        fn headers() -> &'static [&'static str] {
            &["id", "customer", "revenue", "orders"]
        }
        fn cells(&self) -> Vec<String> {
            vec![
                self.contact_id.to_string(),
                self.contact.clone(),
                money(self.revenue),
                self.orders.to_string(),
            ]
        }
    }

    impl Tabular for NpsPeriod {
        fn headers() -> &'static [&'static str] {
            &["month", "responses", "nps"]
        }
        fn cells(&self) -> Vec<String> {
            vec![
                self.period.clone(),
                self.responses.to_string(),
                opt(self.nps, ""),
            ]
        }
    }

    impl Tabular for Comment {
        fn headers() -> &'static [&'static str] {
            &["when", "contact", "rating", "comment"]
        }
        fn cells(&self) -> Vec<String> {
            vec![
                crate::clock::display_timestamp(&self.at),
                self.contact.clone(),
                self.rating
                    .map(|r| r.to_string())
                    .unwrap_or_else(|| "-".into()),
                self.comment.clone(),
            ]
        }
    }

    impl Tabular for Advocate {
        fn headers() -> &'static [&'static str] {
            &[
                "id",
                "advocate",
                "referrals",
                "paying",
                "revenue",
                "referred",
            ]
        }
        fn cells(&self) -> Vec<String> {
            vec![
                self.contact_id.to_string(),
                self.contact.clone(),
                self.referrals.to_string(),
                self.paying.to_string(),
                money(self.revenue),
                self.referred.join(", "),
            ]
        }
    }

    impl Tabular for AtRisk {
        fn headers() -> &'static [&'static str] {
            &["id", "customer", "health", "why"]
        }
        fn cells(&self) -> Vec<String> {
            vec![
                self.contact_id.to_string(),
                self.contact.clone(),
                format!("{}", self.health),
                self.reasons.join("; "),
            ]
        }
    }

    impl Tabular for Factor {
        fn headers() -> &'static [&'static str] {
            &["factor", "detail", "points"]
        }
        fn cells(&self) -> Vec<String> {
            vec![
                self.factor.clone(),
                self.detail.clone(),
                format!("{:+}", self.points),
            ]
        }
    }
}

impl Tabular for RuleView {
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

impl Tabular for Template {
    fn headers() -> &'static [&'static str] {
        &["name", "subject", "body"]
    }
    fn cells(&self) -> Vec<String> {
        let first_line = self.body.lines().next().unwrap_or_default();
        let more = if self.body.lines().count() > 1 {
            " …"
        } else {
            ""
        };
        vec![
            self.name.clone(),
            self.subject.clone(),
            format!("{first_line}{more}"),
        ]
    }
    fn csv_cells(&self) -> Vec<String> {
        vec![self.name.clone(), self.subject.clone(), self.body.clone()]
    }
}

impl Tabular for Setting {
    fn headers() -> &'static [&'static str] {
        &["key", "value", "what it does"]
    }
    fn cells(&self) -> Vec<String> {
        let value = if self.default {
            format!("{} (default)", self.value)
        } else {
            self.value.clone()
        };
        vec![self.key.clone(), value, self.help.clone()]
    }
}
