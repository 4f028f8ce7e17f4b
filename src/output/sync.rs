//! What `sync` and its subcommands print.

use super::{Format, Tabular, Ui};
use crate::error::Result;
use crate::ops::sync::{Report, Status};
use crate::store::{Conflict, Device};

impl Tabular for Conflict {
    fn headers() -> &'static [&'static str] {
        &["when", "record", "field", "kept", "set aside"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            crate::clock::display_timestamp(&self.at),
            self.record.clone(),
            self.field.clone(),
            self.kept.clone().unwrap_or_else(|| "-".into()),
            self.set_aside.clone().unwrap_or_else(|| "-".into()),
        ]
    }
}

fn line(r: &Report) -> String {
    format!(
        "sent {} change{}, applied {} from {} device{}, {} conflict{} resolved",
        r.sent,
        if r.sent == 1 { "" } else { "s" },
        r.applied,
        r.devices,
        if r.devices == 1 { "" } else { "s" },
        r.conflicts,
        if r.conflicts == 1 { "" } else { "s" },
    )
}

impl Ui {
    /// `sync`: one line, or nothing at all when there was nothing to do
    /// (it runs from cron); files left for later, as warnings.
    pub fn synced(&mut self, r: &Report) -> Result<()> {
        for why in &r.waiting {
            self.warn(why)?;
        }
        self.shared_emails(&r.shared_emails)?;
        if self.format == Format::Json {
            return self.json(r);
        }
        if r.sent == 0 && r.applied == 0 && r.conflicts == 0 {
            return Ok(());
        }
        self.line(&line(r))
    }

    /// Contacts two devices each added: one note, one line per email.
    fn shared_emails(&mut self, shared: &[String]) -> Result<()> {
        if shared.is_empty() {
            return Ok(());
        }
        self.note(&format!(
            "{} email{} now belong{} to two contacts (added on two devices): `rapport merge KEEP OTHER` joins them, on any device",
            shared.len(),
            if shared.len() == 1 { "" } else { "s" },
            if shared.len() == 1 { "s" } else { "" }
        ))?;
        for line in shared {
            self.note(&format!("  {line}"))?;
        }
        Ok(())
    }

    /// `sync init`.
    pub fn sync_joined(&mut self, d: &Device, r: &Report) -> Result<()> {
        for why in &r.waiting {
            self.warn(why)?;
        }
        if self.format == Format::Json {
            return self.json(&serde_json::json!({"device": d, "sync": r}));
        }
        self.line(&format!(
            "This book syncs with {} as device {} (slot {}): {}",
            d.folder,
            d.name,
            d.slot,
            line(r)
        ))
    }

    /// `sync status`.
    pub fn sync_status(&mut self, s: &Status) -> Result<()> {
        if self.format == Format::Json {
            return self.json(s);
        }
        self.pairs(&[
            ("folder", s.folder.clone()),
            ("device", format!("{} (slot {})", s.device, s.slot)),
            ("pending changes", s.pending_changes.to_string()),
            ("new conflicts", s.new_conflicts.to_string()),
            ("shared emails", s.shared_emails.join("\n")),
            (
                "erasures",
                if s.erasures_waiting == 0 {
                    "every device has applied them".into()
                } else {
                    format!(
                        "{} device(s) still hold a copy until their next sync",
                        s.erasures_waiting
                    )
                },
            ),
        ])?;
        if s.devices.is_empty() {
            return self.line("No other device has joined the folder yet.");
        }
        let rows: Vec<PeerRow> = s
            .devices
            .iter()
            .map(|p| PeerRow(p.device.clone(), p.files, p.applied, p.last_change.clone()))
            .collect();
        self.section("Devices", &rows)
    }
}

#[derive(serde::Serialize)]
struct PeerRow(String, i64, i64, Option<String>);

impl Tabular for PeerRow {
    fn headers() -> &'static [&'static str] {
        &["device", "files", "applied", "last change"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.0.clone(),
            self.1.to_string(),
            self.2.to_string(),
            self.3
                .as_deref()
                .map(crate::clock::display_timestamp)
                .unwrap_or_else(|| "-".into()),
        ]
    }
}
