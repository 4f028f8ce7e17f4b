//! The pipeline and moves through it. Every move is a stage history row,
//! and entering a stage fires its rules: `enter` is the one way in.

use super::contact;
use super::rules::RuleEffect;
use crate::clock::display_timestamp;
use crate::domain::contact::Contact;
use crate::domain::stage::{next_stage, Stage};
use crate::domain::text::shown;
use crate::error::Result;
use crate::refused;
use crate::store::{Db, Store};

/// A move made: its id, and what its rules did that the user should hear.
pub struct Entered {
    pub move_id: i64,
    pub effects: Vec<RuleEffect>,
}

/// Moves a contact from `from` to `to` at `at`, recording the move,
/// cancelling what the rules of `from` scheduled and firing those of `to`.
pub fn enter(
    db: &Db<'_>,
    contact: i64,
    from: &str,
    to: &str,
    at: &str,
    reason: Option<&str>,
    fire_rules: bool,
) -> Result<Entered> {
    // A lost contact moved anywhere is won back: the history says so.
    if db.is_lost(contact)? {
        let reason = match reason {
            Some(r) => format!("won back: {r}"),
            None => "won back".to_string(),
        };
        let moved = db.move_stage(contact, LOST, to, at, Some(&reason))?;
        db.set_lost(contact, None)?;
        let (_, to) = db.stage_id(to)?;
        let effects = super::rules::on_enter(db, contact, Some(from), &to, at, moved, fire_rules)?;
        return Ok(Entered {
            move_id: moved,
            effects,
        });
    }
    let mut effects: Vec<RuleEffect> = super::rules::on_leave(db, contact, from, at)?
        .into_iter()
        .collect();
    let moved = db.move_stage(contact, from, to, at, reason)?;
    let (_, to) = db.stage_id(to)?;
    effects.extend(super::rules::on_enter(
        db,
        contact,
        Some(from),
        &to,
        at,
        moved,
        fire_rules,
    )?);
    Ok(Entered {
        move_id: moved,
        effects,
    })
}

/// Where a lost contact is, in the stage history: out of the pipeline.
pub const LOST: &str = "lost";

/// `lose`: the contact leaves the pipeline from their stage, with why. The
/// history keeps a move to `lost`; their stage stays the one they were lost
/// from (so reports count them as reached that far and no further); rules
/// reach out to them no more, but for win-back rules; the follow-ups their
/// stage's rules scheduled are cancelled. Any later move wins them back.
pub fn lose(store: &mut Store, id: i64, reason: &str, at: Option<&str>) -> Result<Moved> {
    let reason =
        crate::domain::contact::clean_text(reason)?.ok_or(crate::domain::Invalid::Empty {
            what: "reason",
            hint: "say why they left, like --reason \"chose a competitor\"",
        })?;
    super::write(store, |db| {
        let current = contact::get(db, id)?;
        if let Some(since) = &current.lost_at {
            return Err(refused!(
                "{} was lost on {} already ({}): move them to a stage to win them back",
                shown(&current.name),
                display_timestamp(since),
                shown(current.lost_reason.as_deref().unwrap_or("no reason"))
            ));
        }
        let now = db.now();
        let at = at.unwrap_or(&now);
        not_before_last_move(&current, at)?;
        let effects: Vec<RuleEffect> = super::rules::on_leave(db, id, &current.stage, at)?
            .into_iter()
            .collect();
        db.record_loss(id, &current.stage, at, &reason)?;
        Ok(Moved {
            contact: contact::get(db, id)?,
            from: Some(current.stage),
            effects,
        })
    })
}

pub enum Target {
    Stage(String),
    Next,
}

/// A move as `stage` and `advance` report it: `from` is None when the
/// contact was already there and nothing changed.
pub struct Moved {
    pub contact: Contact,
    pub from: Option<String>,
    /// What the rules did: follow-ups cancelled, entries too old to fire.
    pub effects: Vec<RuleEffect>,
}

/// `stage` and `advance`: to any stage, forward or back, or to the next;
/// a move to the current stage changes nothing and says so.
pub fn move_contact(
    store: &mut Store,
    id: i64,
    target: &Target,
    reason: Option<&str>,
    at: Option<&str>,
) -> Result<Moved> {
    let reason = crate::domain::contact::clean_opt(reason)?;
    let reason = reason.as_deref();
    super::write(store, |db| {
        let current = contact::get(db, id)?;
        let to = match target {
            Target::Stage(name) => db.stage_id(name)?.1,
            Target::Next => match next_stage(&db.pipeline()?, &current.stage) {
                Some(next) => next.clone(),
                None => {
                    return Err(refused!(
                        "{} is already in the last stage, '{}': there is no next stage (use `rapport stage` to move back)",
                        shown(&current.name),
                        current.stage
                    ))
                }
            },
        };
        // Lost, any stage wins them back, their own included.
        if to.eq_ignore_ascii_case(&current.stage) && current.lost_at.is_none() {
            return Ok(Moved {
                contact: current,
                from: None,
                effects: Vec::new(),
            });
        }
        let now = db.now();
        let at = at.unwrap_or(&now);
        not_before_last_move(&current, at)?;
        let from = if current.lost_at.is_some() {
            LOST.to_string()
        } else {
            current.stage.clone()
        };
        let entered = enter(db, id, &current.stage, &to, at, reason, true)?;
        Ok(Moved {
            contact: contact::get(db, id)?,
            from: Some(from),
            effects: entered.effects,
        })
    })
}

/// A move at `at` cannot come before the contact's last one (entering
/// their stage, or being lost).
fn not_before_last_move(current: &Contact, at: &str) -> Result<()> {
    let since = current.lost_at.as_deref().unwrap_or(&current.stage_since);
    if at < since {
        return Err(refused!(
            "--at {} is before {} entered '{}' on {}: a move cannot come before the one it follows",
            display_timestamp(at),
            shown(&current.name),
            if current.lost_at.is_some() {
                LOST
            } else {
                current.stage.as_str()
            },
            display_timestamp(since)
        ));
    }
    Ok(())
}

pub fn pipeline(db: &Db<'_>) -> Result<Vec<Stage>> {
    db.stages_with_counts()
}

/// What `stages set` did besides setting the pipeline.
pub struct PipelineSet {
    pub stages: Vec<Stage>,
    /// How rules changed with `--update-rules`, in words.
    pub rules_changed: Vec<String>,
}

/// `stages set`: kept stages keep their contacts; a stage that still has
/// contacts cannot be dropped, nor one a rule names, unless `update_rules`
/// takes it out of those rules (a rule left with no stage goes).
pub fn set_pipeline(
    store: &mut Store,
    names: &[String],
    update_rules: bool,
) -> Result<PipelineSet> {
    super::write(store, |db| {
        // Contacts first: a stage that still has some cannot go at all.
        db.set_pipeline(names)?;
        let kept = |s: &String| names.iter().any(|n| n.eq_ignore_ascii_case(s));
        let mut affected = Vec::new();
        for rule in db.rules()? {
            let dropped: Vec<String> = rule.stages.iter().filter(|s| !kept(s)).cloned().collect();
            if !dropped.is_empty() {
                affected.push((rule, dropped));
            }
        }
        if !affected.is_empty() && !update_rules {
            let list: Vec<String> = affected
                .iter()
                .map(|(r, dropped)| {
                    format!(
                        "rule {} ({}: {}) names {}",
                        r.id,
                        r.kind,
                        r.condition(),
                        dropped.join(", ")
                    )
                })
                .collect();
            return Err(refused!(
                "the new pipeline drops stages that rules use: add --update-rules to take them out of those rules (a rule left with no stage is removed), or change the rules first (rapport rules)\n  {}",
                list.join("\n  ")
            ));
        }
        let mut rules_changed = Vec::new();
        for (mut rule, dropped) in affected {
            rule.stages.retain(|s| kept(s));
            if rule.stages.is_empty() {
                db.delete_rule(rule.id)?;
                rules_changed.push(format!(
                    "Removed rule {} ({}): it named only {}",
                    rule.id,
                    rule.kind,
                    dropped.join(", ")
                ));
            } else {
                db.update_rule(&rule)?;
                rules_changed.push(format!(
                    "Rule {} ({}) no longer names {}: now when {}",
                    rule.id,
                    rule.kind,
                    dropped.join(", "),
                    rule.condition()
                ));
            }
        }
        Ok(PipelineSet {
            stages: db.stages_with_counts()?,
            rules_changed,
        })
    })
}

/// `init`: a new book gets the pipeline and the default rules; a book
/// that has the same pipeline is left as it is (false).
pub fn init(store: &mut Store, wanted: &[String]) -> Result<bool> {
    store.write(|db| {
        let current = db.pipeline()?;
        if current.is_empty() {
            db.set_pipeline(wanted)?;
            super::rules::install_defaults(db)?;
            return Ok(true);
        }
        let same = current.len() == wanted.len()
            && current
                .iter()
                .zip(wanted)
                .all(|(a, b)| a.eq_ignore_ascii_case(b));
        if !same {
            return Err(refused!(
                "the database already has the pipeline {}: use `rapport stages set {}` to change it",
                current.join(", "),
                wanted.join(",")
            ));
        }
        Ok(false)
    })
}
