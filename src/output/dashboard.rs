//! `rapport` alone: today at a glance.

use super::Ui;
use crate::error::Result;
use crate::ops::due::Dashboard;
use chrono::NaiveDate;

/// 28016 as "28,016".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Ui {
    /// `book`: the database file read, named so that a cron job or a shell
    /// reading another book than the one meant shows it.
    pub fn dashboard(&mut self, d: &Dashboard, today: NaiveDate, book: &str) -> Result<()> {
        for w in &d.warnings {
            self.warn(w)?;
        }
        if self.is_json() {
            let mut value = serde_json::to_value(d)?;
            if let Some(map) = value.as_object_mut() {
                map.insert("database".into(), book.into());
            }
            return self.json(&value);
        }
        if d.empty {
            self.line(&format!("The contact book {book} is empty. To start:"))?;
            self.line("  rapport add \"Ada Lovelace\" --email ada@example.com --source linkedin")?;
            self.line("  rapport log ada \"Intro call\" --kind call --follow-up 1w   (then `rapport due` each morning)")?;
            return Ok(());
        }
        self.heading(&format!("Today, {}", today.format("%A %Y-%m-%d")))?;
        if d.due.is_empty() {
            self.line("Nothing is due.")?;
        } else if d.counts.is_empty() {
            self.section("Due", &d.due)?;
        } else {
            let total: usize = d.counts.values().sum();
            let title = format!(
                "Due: the {} most urgent of {}",
                d.due.len(),
                thousands(total)
            );
            self.section(&title, &d.due)?;
            let mut by_kind: Vec<(&crate::domain::due::DueKind, &usize)> =
                d.counts.iter().collect();
            by_kind.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let parts: Vec<String> = by_kind
                .iter()
                .map(|(k, n)| {
                    format!(
                        "{} {} (`rapport due --kind {}`)",
                        thousands(**n),
                        k.counted(),
                        k.as_str()
                    )
                })
                .collect();
            self.line(&format!("All {}: {}", thousands(total), parts.join(", ")))?;
        }
        self.section("Contacts per stage", &d.stages)?;
        self.section("Latest interactions", &d.recent_interactions)?;
        self.line("")?;
        if let Some(s) = &d.sync {
            let mut parts = vec![format!("device {}", s.device)];
            if s.pending_changes > 0 {
                parts.push(format!(
                    "{} change{} not sent yet (`rapport sync`)",
                    thousands(s.pending_changes as usize),
                    if s.pending_changes == 1 { "" } else { "s" }
                ));
            }
            if s.new_conflicts > 0 {
                parts.push(format!(
                    "{} new conflict{} resolved (`rapport sync conflicts`)",
                    s.new_conflicts,
                    if s.new_conflicts == 1 { "" } else { "s" }
                ));
            }
            self.line(&format!("Sync: {}", parts.join("; ")))?;
        }
        self.line(&format!("Book: {book}"))
    }
}
