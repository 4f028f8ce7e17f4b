//! Contacts: finding the one a reference means, adding, changing,
//! showing, listing, searching and forgetting them.

use super::rules::RuleEffect;
use super::{report, stage};
use crate::clock::Clock;
use crate::domain::contact::{Contact, ContactChanges, NewContact};
use crate::domain::follow_up::{CancelledFollowUp, FollowUp};
use crate::domain::interaction::Interaction;
use crate::domain::score::Score;
use crate::domain::stage::StageMove;
use crate::domain::text::shown;
use crate::error::{Error, Result};
use crate::store::{ContactFilter, Db, PointsEntry, SearchHit, Store};
use crate::{internal, refused};
use serde::Serialize;
use std::collections::HashMap;

/// How many interactions `show` lists.
pub const RECENT: u32 = 10;

/// A contact a reference might mean.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
}

impl Candidate {
    pub fn label(&self) -> String {
        match &self.email {
            Some(e) => format!("#{} {} <{}>", self.id, shown(&self.name), shown(e)),
            None => format!("#{} {}", self.id, shown(&self.name)),
        }
    }
}

/// What a CONTACT reference found: one contact, or several to choose from.
pub enum Found {
    One(i64),
    Ambiguous(Vec<Candidate>),
}

/// An id, an email, or part of a name that matches exactly one contact.
pub fn resolve(db: &Db<'_>, reference: &str) -> Result<Found> {
    let found = db.find_contacts(reference)?;
    match found.len() {
        0 => Err(refused!(
            "no contact matches '{}': expected an id, an email or part of a name (try `rapport search`)",
            shown(reference)
        )),
        1 => Ok(Found::One(found[0].0)),
        _ => Ok(Found::Ambiguous(
            found
                .into_iter()
                .map(|(id, name, email)| Candidate { id, name, email })
                .collect(),
        )),
    }
}

/// The error for a reference that matches several contacts, listing them.
pub fn ambiguous(reference: &str, candidates: &[Candidate]) -> Error {
    let n = candidates.len();
    let shown_list: Vec<String> = candidates.iter().take(10).map(Candidate::label).collect();
    let more = if n > 10 { "\n  … and more" } else { "" };
    refused!(
        "'{}' matches {} contacts: use the id or the email\n  {}{more}",
        shown(reference),
        if n > 50 {
            "more than 50".to_string()
        } else {
            n.to_string()
        },
        shown_list.join("\n  ")
    )
}

/// A contact that must exist within this transaction.
pub fn get(db: &Db<'_>, id: i64) -> Result<Contact> {
    db.contact(id)?
        .ok_or_else(|| refused!("contact #{id} no longer exists"))
}

/// Adds a contact in its first stage (or the stage it names), firing what
/// entering that stage sets off when asked: (id, what the rules said).
/// Used by `add` and by imports.
pub fn insert(
    db: &Db<'_>,
    new: &NewContact,
    reason: &str,
    fire_rules: bool,
) -> Result<(i64, Vec<RuleEffect>, usize)> {
    let new = new.clone().validated(db.clock().today())?;
    // Their first score depends on their stage alone (nothing happened to
    // them yet), unless someone referred them: set with the row.
    let bound = match (&new.referred_by, &new.stage) {
        (Some(_), _) => None,
        (None, stage) => Some(report::first_score_in(db, stage.as_deref())?),
    };
    let c = db.insert_contact(&new, reason, bound)?;
    let effects =
        super::rules::on_enter(db, c.id, None, &c.stage, &c.since, c.move_id, fire_rules)?;
    Ok((c.id, effects, c.moves))
}

/// `add`: a new contact, whose email no one else has.
pub fn add(store: &mut Store, new: NewContact) -> Result<Contact> {
    super::write(store, |db| {
        if let Some(email) = &new.email {
            if let Some((id, name)) = db.contact_with_email(email, None)? {
                return Err(refused!(
                    "email '{}' already belongs to #{id} {}: expected a new address (edit that contact instead)",
                    shown(email),
                    shown(&name)
                ));
            }
        }
        if let Some(referrer) = new.referred_by {
            if !db.contact_exists(referrer)? {
                return Err(refused!(
                    "the referring contact #{referrer} no longer exists"
                ));
            }
        }
        let (id, _, _) = insert(db, &new, "added", true)?;
        db.contact(id)?
            .ok_or_else(|| internal!("contact #{id} vanished"))
    })
}

/// `edit`: changes details, and moves the stage when asked (recorded as
/// a move with reason `edit`).
pub fn edit(
    store: &mut Store,
    id: i64,
    changes: &ContactChanges,
    stage: Option<&str>,
) -> Result<(Contact, Vec<RuleEffect>)> {
    super::write(store, |db| {
        let changes = &changes.clone().validated(db.clock().today())?;
        let before = get(db, id)?;
        if let Some(Some(email)) = &changes.email {
            if let Some((other, name)) = db.contact_with_email(email, Some(id))? {
                return Err(refused!(
                    "email '{}' already belongs to #{other} {}: expected an address of this contact's own",
                    shown(email),
                    shown(&name)
                ));
            }
        }
        if let Some(Some(referrer)) = changes.referred_by {
            db.check_referrer(id, referrer)?;
        }
        if !changes.is_empty() {
            db.update_contact(id, changes)?;
        }
        let today = db.clock().today().to_string();
        for purpose in &changes.withdraw_consents {
            if db.withdraw_consent(id, purpose, &today)? == 0 {
                return Err(refused!(
                    "#{id} {} holds no consent to '{}': `rapport show` lists what they agreed to",
                    shown(&before.name),
                    shown(purpose)
                ));
            }
        }
        if !changes.withdraw_consents.is_empty() {
            super::rules::on_consent_withdrawn(db, id, &today)?;
        }
        let mut notes = Vec::new();
        if let Some(stage) = stage {
            let (_, to) = db.stage_id(stage)?;
            if !to.eq_ignore_ascii_case(&before.stage) {
                notes = stage::enter(db, id, &before.stage, &to, &db.now(), Some("edit"), true)?
                    .effects;
            }
        }
        Ok((get(db, id)?, notes))
    })
}

/// Everything `show` knows about a contact, as one JSON object.
#[derive(Debug, Serialize)]
pub struct Profile {
    #[serde(flatten)]
    pub contact: Contact,
    pub interaction_count: i64,
    pub stage_history: Vec<StageMove>,
    pub recent_interactions: Vec<Interaction>,
    pub open_follow_ups: Vec<FollowUp>,
    /// Rule follow-ups a stage move closed before they were due.
    pub cancelled_follow_ups: Vec<CancelledFollowUp>,
    pub open_tickets: Vec<Interaction>,
    /// Lead score (not yet paying) or health score (paying), with its factors.
    pub score: Option<Score>,
    pub points: i64,
    pub points_history: Vec<PointsEntry>,
    /// What they have spent in all, and in how many purchases.
    pub lifetime_value: f64,
    pub orders: i64,
    /// Invoiced purchases not paid yet.
    pub open_invoices: Vec<Interaction>,
    /// What they agreed to, when and how, withdrawn or not.
    pub consents: Vec<crate::store::ConsentRecord>,
}

pub fn profile(db: &Db<'_>, id: i64, clock: Clock) -> Result<Profile> {
    let contact = get(db, id)?;
    let ltv = db.lifetime_value(id)?;
    Ok(Profile {
        interaction_count: db.interaction_count(id)?,
        stage_history: db.stage_history(id)?,
        recent_interactions: db.recent_interactions(Some(id), RECENT)?,
        open_follow_ups: db.open_follow_ups(id)?,
        cancelled_follow_ups: db.cancelled_follow_ups(id, RECENT)?,
        open_tickets: db.open_tickets(id)?,
        score: report::score_of(db, id, clock)?,
        points: db.points_balance(id)?,
        points_history: db.points_history(id)?,
        lifetime_value: ltv.0 as f64 / 100.0,
        orders: ltv.1,
        open_invoices: db.open_invoices(id)?,
        consents: db.consents(id)?,
        contact,
    })
}

/// `list`: the filter's contacts in its order.
pub fn list(db: &Db<'_>, filter: &ContactFilter) -> Result<Vec<Contact>> {
    db.list_contacts(filter)
}

/// Above this many contacts with no fresh score bound, `list --sort
/// score --limit` computes everyone's scores in one pass instead.
const STALE_BOUNDS: usize = 2000;

/// `list --sort score`: highest lead or health score first (ties by id),
/// each with it. With a limit, contacts are read by their kept score bound
/// and scored one by one until no bound left can beat the list.
pub fn list_by_score(
    db: &Db<'_>,
    filter: &ContactFilter,
    clock: Clock,
) -> Result<Vec<ScoredContact>> {
    let today = clock.today();
    let from = super::at_risk::kept_from(today).to_string();
    let stale = match filter.limit {
        Some(_) => db.score_bounds_stale(&from, &today.to_string())?,
        None => Vec::new(),
    };
    let (limit, scored) = match filter.limit {
        Some(limit) if stale.len() <= STALE_BOUNDS => (
            limit as usize,
            top_by_bound(db, filter, clock, limit as usize, stale, &from)?,
        ),
        limit => {
            let mut scores = report::all_scores(db, clock)?;
            let ids = db.contact_ids(&ContactFilter {
                limit: None,
                sort: crate::store::ContactSort::Unordered,
                ..filter.clone()
            })?;
            let scored = ids.into_iter().map(|id| (id, scores.remove(&id))).collect();
            (limit.map_or(usize::MAX, |l| l as usize), scored)
        }
    };
    let mut scored: Vec<(i64, Option<Score>)> = scored;
    scored.sort_by(|a, b| rank(b).total_cmp(&rank(a)).then(a.0.cmp(&b.0)));
    scored.truncate(limit);
    let ids: Vec<i64> = scored.iter().map(|(id, _)| *id).collect();
    let mut scores: HashMap<i64, Option<Score>> = scored.into_iter().collect();
    Ok(db
        .contacts_by_ids(&ids)?
        .into_iter()
        .map(|contact| {
            let s = scores.remove(&contact.id).flatten();
            ScoredContact {
                contact,
                score: s.as_ref().and_then(|s| s.score),
                score_kind: s.map_or("lead", |s| s.kind),
            }
        })
        .collect())
}

/// What `list --sort score` sorts by: no score yet sorts last.
fn rank(s: &(i64, Option<Score>)) -> f64 {
    s.1.as_ref().and_then(|s| s.score).unwrap_or(-1.0)
}

/// The best `limit` of the filter's contacts: first those whose bound is
/// not to be trusted (`stale`), then the rest best bound first, until the
/// next bound is below the list's last score.
fn top_by_bound(
    db: &Db<'_>,
    filter: &ContactFilter,
    clock: Clock,
    limit: usize,
    stale: Vec<i64>,
    from: &str,
) -> Result<Vec<(i64, Option<Score>)>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    // Kept best first, never longer than the limit.
    let mut top: Vec<(i64, Option<Score>)> = Vec::new();
    let add = |top: &mut Vec<(i64, Option<Score>)>, id: i64| -> Result<()> {
        let scored = (id, report::score_of(db, id, clock)?);
        let at = top
            .partition_point(|t| rank(t) > rank(&scored) || (rank(t) == rank(&scored) && t.0 < id));
        top.insert(at, scored);
        top.truncate(limit);
        Ok(())
    };
    let stale_ids = if stale.is_empty() {
        Vec::new()
    } else {
        db.contact_ids(&ContactFilter {
            limit: None,
            sort: crate::store::ContactSort::Unordered,
            only: Some(stale),
            ..filter.clone()
        })?
    };
    for id in &stale_ids {
        add(&mut top, *id)?;
    }
    let today = clock.today().to_string();
    db.each_score_bound(filter, &mut |id, bound, checked| {
        let kept = checked
            .as_deref()
            .is_some_and(|c| c >= from && c <= today.as_str());
        if !kept {
            return Ok(true); // scored above
        }
        // Bounds come best first, ties by id: once a full list's last score
        // is above this bound, or equal to it with a smaller id (a tie this
        // contact would lose, as would all after it), none can get in.
        if let (true, Some(last)) = (top.len() >= limit, top.last()) {
            let bound = bound.unwrap_or(-1.0);
            let worst = rank(last);
            if bound < worst || (bound == worst && id > last.0) {
                return Ok(false);
            }
        }
        add(&mut top, id)?;
        Ok(true)
    })?;
    Ok(top)
}

/// A contact with the score `list --sort score` sorted it by.
#[derive(Debug, Serialize)]
pub struct ScoredContact {
    #[serde(flatten)]
    pub contact: Contact,
    /// None: not enough history yet, or lost.
    pub score: Option<f64>,
    /// `lead`, `health` or `lost`.
    pub score_kind: &'static str,
}

pub fn search(db: &Db<'_>, text: &str, limit: u32) -> Result<Vec<SearchHit>> {
    db.search(text, limit)
}

/// What `forget` erased.
#[derive(Debug, Serialize)]
pub struct Forgotten {
    pub id: i64,
    pub name: String,
    pub interactions: i64,
}

/// Erases a contact and every row about them, then rewrites the file so
/// that no copy is left in free pages or the WAL.
/// What `forget` says only once it has checked it: the rows are gone in
/// one transaction, then the file is rewritten and its WAL folded back (so
/// only live rows are in it), and the file's bytes are searched for the
/// contact's email.
/// When a reader holds an old snapshot the rewrite cannot finish: the rows
/// are gone, the scrub is owed (the next command does it), and it says so
/// with an error rather than claim what it did not do.
pub fn forget(store: &mut Store, id: i64) -> Result<Forgotten> {
    let (forgotten, needles) = store.write(|db| {
        let contact = get(db, id)?;
        let interactions = db.interaction_count(id)?;
        db.delete_contact_rows(id)?;
        db.purge_search_index()?;
        // A synced book: what its outbox carried of them goes, the other
        // devices erase them on their next sync, and this device's files
        // are written again without them below.
        if db.sync_device()?.is_some() {
            db.erase_from_sync(id)?;
            db.note_erasure(id)?;
        }
        // What the file's bytes are searched for: their email, when nothing
        // left in the book holds it (a note may quote an address). Not a
        // name or a phone: stored values lie side by side in a page, and
        // "Victim Number1" next to "2026-…" reads "Victim Number12".
        let mut needles: Vec<String> = Vec::new();
        if let Some(email) = &contact.email {
            if !db.text_holds(email)? {
                needles.push(email.clone());
            }
        }
        Ok((
            Forgotten {
                id,
                name: contact.name,
                interactions,
            },
            needles,
        ))
    })?;
    if let Some(device) = store.read().sync_device()? {
        let own = std::path::Path::new(&device.folder).join(&device.name);
        if own.is_dir() {
            super::sync::erase_from_files(&own, &[id])?;
        }
    }
    if !store.scrub()? {
        return Err(Error::Database(format!(
            "erased #{id} {}, but another process is reading an older copy of the book: \
             its bytes stay in the file until that reader finishes; the next rapport command scrubs them \
             (run `rapport check` once the other command is done)",
            shown(&forgotten.name)
        )));
    }
    let needles: Vec<&[u8]> = needles.iter().map(|n| n.as_bytes()).collect();
    if store.file_holds(&needles)? {
        return Err(internal!(
            "erased #{id} {}, but its bytes are still in the file after the rewrite",
            shown(&forgotten.name)
        ));
    }
    Ok(forgotten)
}

/// What `points` did.
#[derive(Debug, Serialize)]
pub struct PointsChange {
    pub contact_id: i64,
    #[serde(skip)]
    pub contact: String,
    pub delta: i64,
    pub reason: String,
    pub balance: i64,
}

/// Adds or takes away loyalty points; the balance never goes below zero.
pub fn add_points(store: &mut Store, id: i64, delta: i64, reason: &str) -> Result<PointsChange> {
    super::write(store, |db| {
        let c = get(db, id)?;
        let balance = db.points_balance(id)?;
        if balance + delta < 0 {
            return Err(refused!(
                "#{id} {} has {balance} points: cannot take away {}",
                shown(&c.name),
                -delta
            ));
        }
        db.add_points(id, delta, reason)?;
        Ok(PointsChange {
            contact_id: id,
            contact: c.name,
            delta,
            reason: reason.to_string(),
            balance: balance + delta,
        })
    })
}

/// `merge KEEP OTHER`: one person twice becomes one contact, undoably.
pub fn merge(store: &mut Store, keep: i64, other: i64) -> Result<(crate::store::Merged, Contact)> {
    if keep == other {
        return Err(refused!(
            "#{keep} and #{other} are one contact: expected two different contacts"
        ));
    }
    super::write(store, |db| {
        let merged = db.merge_contacts(keep, other)?;
        Ok((merged, get(db, keep)?))
    })
}

/// `merge --undo [MERGE]`: the merged-away contact back as they were.
pub fn unmerge(store: &mut Store, merge: Option<i64>) -> Result<(Contact, Contact)> {
    super::write(store, |db| {
        let id = match merge {
            Some(id) => id,
            None => db
                .last_merge()?
                .ok_or_else(|| refused!("no merge to undo"))?,
        };
        let Some((name, undone)) = db.merge_of(id)? else {
            return Err(refused!(
                "no merge #{id}: expected the number `merge` printed"
            ));
        };
        if let Some(when) = undone {
            return Err(refused!(
                "merge #{id} of {} was already undone on {}",
                shown(&name),
                &when[..10.min(when.len())]
            ));
        }
        let (keep, restored) = db.undo_merge(id)?;
        Ok((get(db, keep)?, get(db, restored)?))
    })
}
