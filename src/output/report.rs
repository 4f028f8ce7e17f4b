//! The reports that are a page rather than a table: revenue and feedback.

use super::Ui;
use crate::domain::report::{Feedback, Revenue};
use crate::error::Result;

impl Ui {
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
