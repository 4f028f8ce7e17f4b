//! `rapport` alone: today at a glance.

use super::Ui;
use crate::error::Result;
use crate::ops::due::Dashboard;
use chrono::NaiveDate;

/// How many items the dashboard shows.
const SHOWN: usize = 10;

impl Ui {
    pub fn dashboard(&mut self, d: &Dashboard, today: NaiveDate) -> Result<()> {
        for w in &d.warnings {
            self.warn(w)?;
        }
        if self.is_json() {
            return self.json(d);
        }
        if d.empty {
            self.line("Your contact book is empty. To start:")?;
            self.line("  rapport add \"Ada Lovelace\" --email ada@example.com --source linkedin")?;
            self.line("  rapport log ada \"Intro call\" --kind call --follow-up 1w   (then `rapport due` each morning)")?;
            return Ok(());
        }
        self.heading(&format!("Today, {}", today.format("%A %Y-%m-%d")))?;
        if d.due.is_empty() {
            self.line("Nothing is due.")?;
        } else {
            let title = if d.due.len() > SHOWN {
                format!("Due ({} of {}; `rapport due` for all)", SHOWN, d.due.len())
            } else {
                "Due".to_string()
            };
            self.section(&title, &d.due[..d.due.len().min(SHOWN)])?;
        }
        self.section("Contacts per stage", &d.stages)?;
        self.section("Latest interactions", &d.recent_interactions)
    }
}
