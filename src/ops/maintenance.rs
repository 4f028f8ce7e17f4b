//! The file itself: backups and integrity checks.

use crate::domain::text::shown;
use crate::error::Result;
use crate::store::{Counts, Db, Store};
use serde::Serialize;
use std::path::Path;

/// `backup`: a consistent copy written into `empty_file`, and what it holds.
pub fn backup(store: &Store, empty_file: &Path) -> Result<Counts> {
    store.copy_into(empty_file)?;
    store.read().counts()
}

/// What `check` found.
#[derive(Debug, Serialize)]
pub struct Checked {
    pub ok: bool,
    pub counts: Counts,
    pub problems: Vec<String>,
    /// What was not checked, and why.
    pub notes: Vec<String>,
}

/// Books up to this size get their search index checked against the text
/// it indexes, on a copy in memory.
const DEEP_CHECK_LIMIT: u64 = 512 * 1024 * 1024;

/// `check`: reads only, on a read-only file too; a busy book is an error
/// of its own, not a problem found.
pub fn check(store: &Store) -> Result<Checked> {
    let db = store.read();
    let mut counts = db.counts()?;
    let mut problems = db.check()?;
    let stale = super::at_risk::stale(&db)?;
    if !stale.is_empty() {
        problems.push(format!(
            "{} contacts have stale days at risk (the first is #{})",
            stale.len(),
            stale[0]
        ));
    }
    stored_values(&db, &mut problems)?;
    let mut notes = Vec::new();
    if store.file_version < counts.schema_version {
        notes.push(format!(
            "the file is at schema version {}: the next write upgrades it to {} (checked as it will be)",
            store.file_version, counts.schema_version
        ));
        counts.schema_version = store.file_version;
    }
    match store.deep_search_check(DEEP_CHECK_LIMIT)? {
        Some(found) => problems.extend(found),
        None => notes.push(
            "the search index was checked for structure only: the book is larger than 512 MB"
                .to_string(),
        ),
    }
    Ok(Checked {
        ok: problems.is_empty(),
        counts,
        problems,
        notes,
    })
}

/// How many bad stored values `check` names; the rest are counted.
const LISTED: usize = 20;

/// Every stored record checked as the commands check what they take, so
/// that what a foreign write or an old bug left is found: each named by
/// table and id, the first `LISTED`, then a count.
fn stored_values(db: &Db<'_>, problems: &mut Vec<String>) -> Result<()> {
    use super::validate;
    let today = db.clock().today();
    let pipeline = db.pipeline()?;
    let mut found: Vec<String> = Vec::new();
    let mut total = 0usize;
    let mut note = |what: String, p: validate::Problems| {
        for text in p.0 {
            total += 1;
            if found.len() < LISTED {
                found.push(format!("{what}: {}", shown(&text)));
            }
        }
    };
    for (key, value) in db.settings()? {
        if let Err(e) = validate::setting(&key, &value, &pipeline) {
            note(
                format!("setting {key}"),
                validate::Problems(vec![e.to_string()]),
            );
        }
    }
    db.each_rule_record(&mut |r| {
        note(format!("rule #{}", r.id), validate::rule(&r, &pipeline));
        Ok(())
    })?;
    db.each_template_record(&mut |t| {
        note(format!("template {}", t.name), validate::template(&t));
        Ok(())
    })?;
    db.each_contact_record(&mut |c| {
        note(
            format!("contact #{}", c.id),
            validate::contact(&c, today, &pipeline),
        );
        Ok(())
    })?;
    db.each_stage_move(None, &mut |m| {
        note(format!("stage move #{}", m.id), validate::stage_move(&m));
        Ok(())
    })?;
    db.each_interaction(None, &mut |i| {
        let r = crate::store::InteractionRecord::from(i);
        note(format!("interaction #{}", r.id), validate::interaction(&r));
        Ok(())
    })?;
    db.each_follow_up(None, &mut |f| {
        note(format!("follow-up #{}", f.id), validate::follow_up(&f));
        Ok(())
    })?;
    db.each_points_record(None, &mut |p| {
        note(format!("points #{}", p.id), validate::points(&p));
        Ok(())
    })?;
    db.each_reminder_record(None, &mut |r| {
        note(format!("reminder {}", r.item), validate::reminder(&r));
        Ok(())
    })?;
    db.each_consent_record(None, &mut |c| {
        note(format!("consent #{}", c.id), validate::consent(&c));
        Ok(())
    })?;
    if total > found.len() {
        found.push(format!(
            "… and {} more stored values that are not valid",
            total - found.len()
        ));
    }
    problems.extend(found);
    Ok(())
}
