//! The reports that are a page rather than a table: revenue and feedback.

use super::Ui;
use crate::domain::report::{Feedback, LostReport, Revenue, SourceRow};
use crate::error::Result;

impl Ui {
    /// `report sources`: a column per stage, in pipeline order.
    pub fn sources(&mut self, rows: &[SourceRow], pipeline: &[String]) -> Result<()> {
        if self.is_json() {
            return self.json(&rows);
        }
        let mut headers: Vec<String> = vec!["source".into(), "contacts".into()];
        headers.extend(pipeline.iter().cloned());
        headers.extend(["paying", "conversion", "revenue", "median days to pay"].map(String::from));
        let mut csv_headers: Vec<String> = vec!["source".into(), "contacts".into()];
        csv_headers.extend(pipeline.iter().map(|s| format!("reached_{s}")));
        csv_headers.extend(
            ["paying", "conversion_pct", "revenue", "median_days_to_pay"].map(String::from),
        );
        let reached = |r: &SourceRow| -> Vec<String> {
            pipeline
                .iter()
                .map(|s| {
                    r.reached
                        .iter()
                        .find(|(name, _)| name == s)
                        .map_or(0, |(_, n)| *n)
                        .to_string()
                })
                .collect()
        };
        let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                let mut c = vec![r.source.clone(), r.contacts.to_string()];
                c.extend(reached(r));
                c.push(r.paying.to_string());
                c.push(r.conversion.map_or("-".into(), |v| format!("{v}%")));
                c.push(format!("{:.2}", r.revenue));
                c.push(r.median_days_to_pay.map_or("-".into(), |v| v.to_string()));
                c
            })
            .collect();
        let csv: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                let mut c = vec![r.source.clone(), r.contacts.to_string()];
                c.extend(reached(r));
                c.push(r.paying.to_string());
                c.push(num(r.conversion));
                c.push(format!("{:.2}", r.revenue));
                c.push(num(r.median_days_to_pay));
                c
            })
            .collect();
        self.columns(&headers, &csv_headers, &cells, &csv)
    }

    pub fn revenue(&mut self, r: &Revenue) -> Result<()> {
        let money = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "-".into());
        self.pairs(&[
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
        self.section("By period", &r.by_period)?;
        self.section("Top customers", &r.top_customers)
    }

    pub fn lost_report(&mut self, l: &LostReport) -> Result<()> {
        self.pairs(&[
            ("lost", l.lost.to_string()),
            ("won back", l.won_back.to_string()),
        ])?;
        self.section("By stage lost from", &l.by_stage)?;
        self.section("By reason", &l.by_reason)?;
        self.section("By month", &l.by_month)
    }

    pub fn feedback(&mut self, f: &Feedback) -> Result<()> {
        self.pairs(&[
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
        self.section("By month", &f.by_month)?;
        self.section("Latest comments", &f.latest)
    }
}

impl Ui {
    /// `score CONTACT`: one line for a person, one row per factor with
    /// `--explain`; JSON and CSV carry the same columns either way.
    pub fn score(
        &mut self,
        id: i64,
        name: &str,
        score: &crate::domain::score::Score,
        explain: bool,
    ) -> Result<()> {
        let value = score.score.map(|s| s.to_string()).unwrap_or_default();
        match self.format() {
            super::Format::Json => self.json(&serde_json::json!({
                "contact_id": id, "contact": name, "kind": score.kind,
                "score": score.score, "factors": score.factors,
            })),
            super::Format::Csv => {
                let mut headers: Vec<String> = ["contact_id", "contact", "kind", "score"]
                    .map(String::from)
                    .to_vec();
                let base = vec![
                    id.to_string(),
                    name.to_string(),
                    score.kind.to_string(),
                    value,
                ];
                let rows: Vec<Vec<String>> = if explain {
                    headers.extend(["factor", "detail", "points"].map(String::from));
                    score
                        .factors
                        .iter()
                        .map(|f| {
                            let mut row = base.clone();
                            row.extend([f.factor.clone(), f.detail.clone(), f.points.to_string()]);
                            row
                        })
                        .collect()
                } else {
                    vec![base]
                };
                self.columns(&headers, &headers, &rows, &rows)
            }
            super::Format::Table | super::Format::Vcard => {
                let label = match score.score {
                    Some(s) => format!("{} score {s}", score.kind),
                    None => format!("{} score: not enough history yet", score.kind),
                };
                self.line(&format!("#{id} {name}: {label}"))?;
                if explain {
                    self.records(&score.factors)?;
                }
                Ok(())
            }
        }
    }
}
