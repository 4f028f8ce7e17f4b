//! Settings: every key with its value or default, and changing them.

use crate::domain::settings::{key, Setting, KEYS};
use crate::error::Result;
use crate::store::{Db, Store};

/// The value a setting has now: stored, or the default (for the paying
/// stage, the pipeline's default).
fn effective(db: &Db<'_>, name: &str, stored: Option<String>, default: &str) -> Result<String> {
    Ok(match (name, stored) {
        (_, Some(v)) => v,
        ("paying-stage", None) => db.paying_stage()?.unwrap_or_default(),
        (_, None) => default.to_string(),
    })
}

pub fn list(db: &Db<'_>) -> Result<Vec<Setting>> {
    let mut settings = Vec::new();
    for k in KEYS {
        let stored = db.setting(k.name)?;
        settings.push(Setting {
            key: k.name.into(),
            default: stored.is_none(),
            value: effective(db, k.name, stored, k.default)?,
            help: k.help.into(),
        });
    }
    Ok(settings)
}

pub fn get(db: &Db<'_>, name: &str) -> Result<Setting> {
    let k = key(name)?;
    let stored = db.setting(k.name)?;
    Ok(Setting {
        key: k.name.into(),
        default: stored.is_none(),
        value: effective(db, k.name, stored, k.default)?,
        help: k.help.into(),
    })
}

/// Checks and stores a value; returns it as stored.
pub fn set(store: &mut Store, name: &str, value: &str) -> Result<String> {
    let k = key(name)?;
    super::write(store, |db| {
        let value = k.validate(value, &db.pipeline()?)?;
        db.set_setting(k.name, &value)?;
        Ok(value)
    })
}

/// Back to the default; returns the default.
pub fn unset(store: &mut Store, name: &str) -> Result<&'static str> {
    let k = key(name)?;
    super::write(store, |db| {
        db.unset_setting(k.name)?;
        Ok(k.default)
    })
}
