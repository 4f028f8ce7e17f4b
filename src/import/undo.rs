//! `import undo BATCH`: remove the contacts a batch added and put back
//! the values it changed, but only where nothing newer touched them;
//! otherwise refuse and say what changed.

use crate::domain::contact::ContactChanges;
use crate::domain::text::shown;
use crate::error::Result;
use crate::refused;
use crate::store::Db;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Serialize)]
pub struct UndoReport {
    pub batch: i64,
    pub source: String,
    pub removed_contacts: u64,
    pub restored_contacts: u64,
    pub restored_values: u64,
    pub removed_interactions: u64,
}

struct Change {
    target: String,
    old: Option<String>,
    new: Option<String>,
}

pub fn undo(db: &Db<'_>, batch: i64) -> Result<UndoReport> {
    let info = db
        .import_batch(batch)?
        .ok_or_else(|| refused!("no import batch #{batch}: `rapport import list` shows them"))?;
    if let Some(at) = &info.undone_at {
        return Err(refused!("import batch #{batch} was already undone at {at}"));
    }
    let mut by_contact: BTreeMap<i64, Vec<Change>> = BTreeMap::new();
    for c in db.import_changes(batch)? {
        by_contact.entry(c.contact).or_default().push(Change {
            target: c.target,
            old: c.old,
            new: c.new,
        });
    }
    let mut problems = Vec::new();
    for (&id, changes) in &by_contact {
        if let Some(problem) = conflict(db, id, changes)? {
            problems.push(problem);
        }
    }
    if !problems.is_empty() {
        let shown: Vec<&String> = problems.iter().take(20).collect();
        let more = if problems.len() > 20 {
            format!("\n  … and {} more", problems.len() - 20)
        } else {
            String::new()
        };
        return Err(refused!(
            "cannot undo import batch #{batch}: {} contact{} changed since it; nothing was undone\n  {}{more}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n  ")
        ));
    }
    let mut report = UndoReport {
        batch,
        source: info.source.clone(),
        ..UndoReport::default()
    };
    for (id, changes) in by_contact {
        if changes.iter().any(|c| c.target == "added") {
            db.delete_contact_rows(id)?;
            report.removed_contacts += 1;
            continue;
        }
        let mut revert = ContactChanges::default();
        let mut stage = None;
        let mut stage_move = None;
        for c in &changes {
            let old = c.old.clone();
            match c.target.as_str() {
                "email" => revert.email = Some(old),
                "phone" => revert.phone = Some(old),
                "company" => revert.company = Some(old),
                "title" => revert.title = Some(old),
                "location" => revert.location = Some(old),
                "source" => revert.source = Some(old),
                "birthday" => revert.birthday = Some(old),
                "note" => revert.note = Some(old),
                "do_not_contact" => revert.do_not_contact = Some(false),
                "tag" => revert.remove_tags.extend(c.new.clone()),
                "stage" => stage = c.old.clone(),
                "stage_move" => {
                    stage_move = Some((
                        c.old.clone().unwrap_or_default(),
                        c.new.clone().unwrap_or_default(),
                    ))
                }
                "interaction" => {
                    if let Some(interaction) = c.new.as_deref().and_then(|v| v.parse().ok()) {
                        db.delete_interaction(interaction)?;
                        report.removed_interactions += 1;
                    }
                    continue;
                }
                "consent" => {
                    if let Some((day, purpose)) = c.new.as_deref().and_then(|v| v.split_once(' ')) {
                        db.delete_consent(id, purpose, day)?;
                    }
                }
                "revision" => continue,
                other => match other.strip_prefix("field:") {
                    Some(key) => revert.clear_fields.push(key.to_string()),
                    None => continue,
                },
            }
            report.restored_values += 1;
        }
        if !revert.is_empty() {
            db.update_contact(id, &revert)?;
        }
        if let (Some(stage), Some((since, history))) = (stage, stage_move) {
            db.restore_stage(id, &stage, &since, history.parse().unwrap_or(0))?;
        }
        // The revision as it was before the batch, so an earlier batch that
        // touched this contact stays undoable.
        if let Some(before) = changes
            .iter()
            .find(|c| c.target == "revision")
            .and_then(|c| c.old.as_deref()?.parse::<i64>().ok())
        {
            db.set_revision(id, before)?;
        }
        if report.restored_values > 0 {
            report.restored_contacts += 1;
        }
    }
    db.mark_import_undone(batch)?;
    db.purge_search_index()?;
    Ok(report)
}

/// Why this contact cannot be put back as it was, if anything changed
/// since: every kind of later record names itself. Changes the batch made
/// itself (a file that repeats a person merges into them) are expected, and
/// a later batch that was undone put the revision back.
fn conflict(db: &Db<'_>, id: i64, changes: &[Change]) -> Result<Option<String>> {
    let Some(contact) = db.contact(id)? else {
        return Ok(None);
    };
    let label = format!("#{id} {}", shown(&contact.name));
    let revision = db.contact_revision(id)?;
    let own_interactions: Vec<i64> = changes
        .iter()
        .filter(|c| c.target == "interaction")
        .filter_map(|c| c.new.as_deref()?.parse().ok())
        .collect();
    let added = changes.iter().any(|c| c.target == "added");
    let expected = changes
        .iter()
        .rev()
        .find(|c| c.target == "revision")
        .and_then(|c| c.new.as_deref()?.parse::<i64>().ok())
        .or(added.then_some(0));
    if expected.is_some_and(|e| e != revision) {
        return Ok(Some(format!(
            "{label} was edited, moved or merged again after the import"
        )));
    }
    for interaction in &own_interactions {
        if let Some(i) = db.interaction(*interaction)? {
            if i.updated_at != i.created_at {
                return Ok(Some(format!(
                    "{label}: interaction #{interaction} was changed after the import"
                )));
            }
        }
    }
    if !added {
        return Ok(None);
    }
    // The contact goes: whatever else is recorded about them would go too.
    let a = db.contact_activity(id)?;
    // Batches before dated journeys wrote "0" for their one move.
    let journey = changes
        .iter()
        .find(|c| c.target == "added")
        .and_then(|c| c.new.as_deref()?.parse::<i64>().ok())
        .unwrap_or(0)
        .max(1);
    let own_moves = journey + changes.iter().filter(|c| c.target == "stage_move").count() as i64;
    let mut later = Vec::new();
    if a.moves > own_moves {
        later.push(format!("{} stage moves", a.moves - own_moves));
    }
    if a.interactions > own_interactions.len() as i64 {
        later.push(format!(
            "{} interactions",
            a.interactions - own_interactions.len() as i64
        ));
    }
    if a.follow_ups > 0 {
        later.push(format!("{} follow-ups", a.follow_ups));
    }
    if a.points > 0 {
        later.push(format!("{} loyalty points entries", a.points));
    }
    if a.reminders > 0 {
        later.push(format!("{} reminders done or snoozed", a.reminders));
    }
    let own_consents = changes.iter().filter(|c| c.target == "consent").count() as i64;
    if a.consents > own_consents {
        later.push(format!("{} consents recorded", a.consents - own_consents));
    }
    for (other, name) in &a.referred {
        later.push(format!("#{other} {}'s referral", shown(name)));
    }
    if later.is_empty() {
        return Ok(None);
    }
    Ok(Some(format!(
        "{label} has, since the import: {}",
        later.join(", ")
    )))
}
