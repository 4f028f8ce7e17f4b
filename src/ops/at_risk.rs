//! Customers at risk: keeping each contact's days at risk in step with
//! what is recorded, and the one list that `due` and `report at-risk`
//! both read (see `domain::at_risk` for the definition).

use super::report::{health_threshold, weights};
use crate::domain::at_risk::{self, AtRisk, Spell, HORIZON_DAYS};
use crate::domain::score::{self, Facts, HealthEvents, Weights};
use crate::error::Result;
use crate::store::Db;
use chrono::{Days, NaiveDate};
use std::collections::HashMap;

/// The days at risk are computed from this long before the day of the
/// write, so that "at risk since" reaches back past the write that noticed.
const LOOK_BACK_DAYS: u64 = 90;

/// A write that touched more contacts than this reads everyone's events in
/// one go instead of one contact at a time.
const BULK: usize = 500;

/// What the days at risk depend on besides a contact's events.
pub struct Model {
    weights: Weights,
    threshold: f64,
    /// The position of the paying stage; None: no one pays.
    paying_from: Option<i64>,
}

fn model(db: &Db<'_>) -> Result<Model> {
    Model::read(db)
}

impl Model {
    pub fn read(db: &Db<'_>) -> Result<Model> {
        let pipeline = db.pipeline()?;
        let paying_from = db
            .paying_stage()?
            .and_then(|p| pipeline.iter().position(|s| s.eq_ignore_ascii_case(&p)))
            .map(|p| p as i64);
        Ok(Model {
            weights: weights(db)?,
            threshold: health_threshold(db)?,
            paying_from,
        })
    }

    /// The spell a contact is at risk in on `today`: from the kept days,
    /// or computed now when they were kept too long ago.
    pub fn spell_today(
        &self,
        db: &Db<'_>,
        id: i64,
        risk: &str,
        checked: Option<&str>,
        today: NaiveDate,
    ) -> Result<Option<Spell>> {
        let fresh = checked
            .and_then(|c| NaiveDate::parse_from_str(c, "%Y-%m-%d").ok())
            .is_some_and(|c| c >= kept_from(today));
        let spells = if fresh {
            at_risk::decode(risk)
        } else {
            let positions = db.stage_positions(Some(id))?;
            spells_for(
                self,
                positions.get(&id).copied(),
                &db.health_events(id)?,
                today,
            )
        };
        Ok(at_risk::spell_on(&spells, today))
    }

    /// Today's health and reasons of a contact at risk since `since`.
    pub fn assess(
        &self,
        id: i64,
        name: &str,
        events: &HealthEvents,
        today: NaiveDate,
        since: NaiveDate,
    ) -> Option<AtRisk> {
        at_risk::assess(
            id,
            name,
            events,
            &self.weights,
            self.threshold,
            today,
            since,
        )
    }
}

/// The first day whose kept days at risk and score bound still cover
/// `today` (they are computed from 90 days back, for two years).
pub fn kept_from(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_days(Days::new(HORIZON_DAYS - LOOK_BACK_DAYS - 1))
        .unwrap_or(today)
}

fn start(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(LOOK_BACK_DAYS))
        .unwrap_or(day)
}

fn spells_for(
    m: &Model,
    position: Option<i64>,
    events: &HealthEvents,
    day: NaiveDate,
) -> Vec<Spell> {
    match (position, m.paying_from) {
        (Some(p), Some(from)) if p >= from => {
            at_risk::spells(events, &m.weights, m.threshold, start(day))
        }
        _ => Vec::new(),
    }
}

/// After a write: the days at risk of the contacts it touched (all of them
/// when a setting or the pipeline changed), and of any whose days were
/// computed too long ago; with them, a bound on each contact's score from
/// today on (what `list --sort score` sorts by before it computes). Only
/// changed values are written.
pub fn refresh_after_write(db: &Db<'_>) -> Result<()> {
    let today = db.clock().today();
    let renew = today
        .checked_sub_days(Days::new(HORIZON_DAYS / 2))
        .unwrap_or(today);
    let (all, mut ids, new) = db.take_touched_with_new();
    if !new.is_empty() {
        // Added: no history, so no days at risk (kept as such on insert);
        // a bound is their score today, which only falls.
        let w = weights(db)?;
        // New contacts differ only by stage and a promoter's referral: an
        // import of 100,000 computes a handful of scores, not 100,000.
        for (f, ids) in super::report::new_contact_groups(db, &new)? {
            db.set_score_bounds(&ids, score::score(&f, &w, today).score)?;
        }
    }
    if !all {
        let referred = db.referred_by_any(&ids)?;
        ids.extend(referred);
        ids.extend(db.risk_stale(&renew.to_string())?);
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(());
        }
    }
    let m = model(db)?;
    let bulk = all || ids.len() > BULK;
    let facts: HashMap<i64, Facts> = if bulk {
        super::report::facts(db, None, today)?
    } else {
        let mut f = HashMap::new();
        for id in &ids {
            f.extend(super::report::facts(db, Some(*id), today)?);
        }
        f
    };
    #[allow(clippy::type_complexity)]
    let kept: HashMap<i64, (Option<String>, Option<String>, Option<f64>)> = if bulk {
        db.kept_risks()?
            .into_iter()
            .map(|(id, risk, checked, bound)| (id, (risk, checked, bound)))
            .collect()
    } else {
        HashMap::new()
    };
    let checked = today.to_string();
    let targets: Vec<i64> = if all {
        facts.keys().copied().collect()
    } else {
        ids
    };
    for id in targets {
        let (spells, bound) = match facts.get(&id) {
            None => (Vec::new(), None),
            Some(f) if f.lost.is_some() => (Vec::new(), None),
            Some(f) if f.paying => {
                at_risk::spells_with_max(&f.events, &m.weights, m.threshold, start(today), today)
            }
            // A lead's score only falls with time: today's is the bound.
            Some(f) => (Vec::new(), score::lead(f, &m.weights, today).score),
        };
        let spells = at_risk::encode(&spells);
        if bulk {
            if let Some((risk, at, kept_bound)) = kept.get(&id) {
                if *risk == spells
                    && at.as_deref() == Some(checked.as_str())
                    && *kept_bound == bound
                {
                    continue;
                }
            }
        }
        db.set_risk(id, spells.as_deref(), &checked, bound)?;
    }
    Ok(())
}

/// Paying customers whose health is below the threshold on `today`, worst
/// first, each with the factors that cost points and the day the spell
/// began.
pub fn list(db: &Db<'_>, today: NaiveDate) -> Result<Vec<AtRisk>> {
    let m = model(db)?;
    let day = today.to_string();
    let mut out = Vec::new();
    for (id, name, dnc, risk, checked) in db.risk_candidates(&day)? {
        let Some((since, _)) = m.spell_today(db, id, &risk, checked.as_deref(), today)? else {
            continue;
        };
        let events = db.health_events(id)?;
        if let Some(mut r) = m.assess(id, &name, &events, today, since) {
            r.do_not_contact = dnc;
            out.push(r);
        }
    }
    at_risk::sort(&mut out);
    Ok(out)
}

/// Contacts whose kept days at risk differ from what their events give:
/// for `check`.
pub fn stale(db: &Db<'_>) -> Result<Vec<i64>> {
    let m = model(db)?;
    let positions = db.stage_positions(None)?;
    let events = db.all_health_events()?;
    let lost: std::collections::HashSet<i64> =
        db.lost_contacts(None)?.into_iter().map(|l| l.0).collect();
    let mut wrong = Vec::new();
    for (id, risk, checked, _) in db.kept_risks()? {
        let Some(day) = checked
            .as_deref()
            .and_then(|c| NaiveDate::parse_from_str(c, "%Y-%m-%d").ok())
        else {
            continue;
        };
        let e = events.get(&id).cloned().unwrap_or_default();
        // A lost contact is out of the pipeline: never at risk.
        let position = positions.get(&id).copied().filter(|_| !lost.contains(&id));
        let expected = at_risk::encode(&spells_for(&m, position, &e, day));
        if expected != risk {
            wrong.push(id);
        }
    }
    Ok(wrong)
}
