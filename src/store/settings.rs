//! Settings kept in the database (see `domain::settings` for the keys).

use super::Db;
use crate::domain::settings::Key;
use crate::error::Result;
use rusqlite::{params, OptionalExtension};
use std::collections::BTreeMap;

impl Db<'_> {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// A setting, or its default.
    pub fn setting_or_default(&self, key: &Key) -> Result<String> {
        Ok(self
            .setting(key.name)?
            .unwrap_or_else(|| key.default.to_string()))
    }

    /// The stage where contacts become paying customers: the setting when
    /// it names a stage of the pipeline, else the pipeline's default.
    pub fn paying_stage(&self) -> Result<Option<String>> {
        let pipeline = self.pipeline()?;
        match self.setting("paying-stage")? {
            Some(stage) if pipeline.iter().any(|s| s.eq_ignore_ascii_case(&stage)) => {
                Ok(Some(stage))
            }
            _ => Ok(crate::domain::settings::default_paying_stage(&pipeline)),
        }
    }

    /// Weights, the threshold and the paying stage decide who is at risk
    /// and every kept score bound (lead weights too).
    fn touch_for(&self, key: &str) {
        if key.starts_with("health-") || key.starts_with("lead-") || key == "paying-stage" {
            self.touch_all();
        }
    }

    pub fn unset_setting(&self, key: &str) -> Result<()> {
        self.touch_for(key);
        self.conn
            .execute("DELETE FROM settings WHERE key = ?1", [key])?;
        Ok(())
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.touch_for(key);
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Every stored setting, by key.
    pub fn settings(&self) -> Result<BTreeMap<String, String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM settings ORDER BY key")?;
        let map = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(map)
    }
}
