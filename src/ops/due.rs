//! What is due, behind `due`, the dashboard and the calendar: follow-ups,
//! the reminders rules compute, open tickets, unpaid invoices and at-risk
//! alerts, merged into one list with done, snooze, do-not-contact and
//! quiet-days applied; and marking an item done or snoozing it. Listing
//! only reads: running `due` twice changes nothing.
//!
//! Each kind is a source that reads its items in the order they fall due,
//! so a short list (`--limit`, the dashboard) stops reading early however
//! many items a large book has; and each can be counted without listing.

use crate::clock::{format_timestamp, local_to_utc, timestamp_date, Clock};
use crate::domain::due::{
    follow_up_item, parse_item_id, reminder_item, sort_items, DueItem, DueKind, ItemId,
};
use crate::domain::follow_up::{next_occurrence, FollowUp};
use crate::domain::interaction::Cents;
use crate::domain::rules::{self, Band, Reminder, Rule, RuleKind};
use crate::domain::settings;
use crate::domain::text::shown;
use crate::domain::when::{Duration, When};
use crate::error::{Error, Result};
use crate::store::{Db, DueScope, EventFilter, EventSource, Store};
use crate::{internal, refused};
use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// What to list: some kinds (all when empty), about some contacts, at most
/// so many items.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kinds: Vec<DueKind>,
    pub tag: Option<String>,
    pub stage: Option<String>,
    pub contact: Option<i64>,
    pub limit: Option<usize>,
}

impl Filter {
    fn wants(&self, kind: DueKind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }
}

/// What is due, and the rules that could not be applied.
#[derive(Debug, Default)]
pub struct Due {
    pub items: Vec<DueItem>,
    /// One line per broken rule (a stage it names is gone): the rest of the
    /// list is still right.
    pub warnings: Vec<String>,
}

/// Everything due on or before `until`, overdue first.
pub fn items(db: &Db<'_>, clock: Clock, until: NaiveDate) -> Result<Vec<DueItem>> {
    Ok(list(db, clock, until, &Filter::default())?.items)
}

/// What reading a due list needs, read once.
struct Cx<'a, 'b> {
    db: &'a Db<'b>,
    today: NaiveDate,
    until: NaiveDate,
    /// Rule reminders are held back for contacts touched at or after this.
    held_after: Option<String>,
    grace: u64,
    ticket_days: u64,
    scope: DueScope,
    rules: Vec<Rule>,
}

impl Cx<'_, '_> {
    fn held_back(&self, do_not_contact: bool, last_contact_at: Option<&str>) -> bool {
        do_not_contact
            || match (&self.held_after, last_contact_at) {
                (Some(after), Some(last)) => last >= after.as_str(),
                _ => false,
            }
    }

    /// A reminder's state: None to drop it (done, or snoozed past the
    /// window), else the reminder, moved to its snooze date.
    fn apply_state(&self, mut r: Reminder) -> Result<Option<Reminder>> {
        if let Some((done, snoozed)) = self.db.reminder_state(&r.key, &r.spell)? {
            if done.is_some() {
                return Ok(None);
            }
            if let Some(date) = snoozed
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            {
                if date > self.until {
                    return Ok(None);
                }
                r.due = date;
                r.overdue = date < self.today;
            }
        }
        Ok(Some(r))
    }
}

/// One source's items in the order they fall due: once it holds `limit`,
/// it takes only items due the same day as the last (so that the merged
/// list, sorted, is exact), and says when to stop reading.
struct Take<'v> {
    out: &'v mut Vec<DueItem>,
    limit: Option<usize>,
    taken: usize,
    last: Option<String>,
}

impl<'v> Take<'v> {
    fn new(out: &'v mut Vec<DueItem>, limit: Option<usize>) -> Take<'v> {
        Take {
            out,
            limit,
            taken: 0,
            last: None,
        }
    }

    /// Whether an item due on `due` comes too late to be wanted.
    fn past(&self, due: &str) -> bool {
        match (self.limit, &self.last) {
            (Some(limit), Some(last)) => self.taken >= limit && due > last.as_str(),
            _ => false,
        }
    }

    fn push(&mut self, item: DueItem) {
        if self.last.as_deref().is_none_or(|l| item.due.as_str() > l) {
            self.last = Some(item.due.clone());
        }
        self.taken += 1;
        self.out.push(item);
    }
}

fn setting(db: &Db<'_>, name: &str) -> Result<String> {
    db.setting_or_default(settings::key(name)?)
}

fn context<'a, 'b>(
    db: &'a Db<'b>,
    clock: Clock,
    until: NaiveDate,
    filter: &Filter,
) -> Result<Cx<'a, 'b>> {
    let today = clock.today();
    let quiet_days: u64 = setting(db, "quiet-days")?.parse().unwrap_or(0);
    let held_after = (quiet_days > 0).then(|| {
        start_of(
            today
                .checked_sub_days(Days::new(quiet_days - 1))
                .unwrap_or(today),
        )
    });
    let stage_id = match &filter.stage {
        Some(s) => Some(db.stage_id(s)?.0),
        None => None,
    };
    Ok(Cx {
        db,
        today,
        until,
        held_after,
        grace: setting(db, "greeting-grace-days")?.parse().unwrap_or(3),
        ticket_days: setting(db, "ticket-days")?.parse().unwrap_or(2),
        scope: DueScope {
            tag: filter.tag.clone(),
            stage_id,
            contact: filter.contact,
        },
        rules: db.rules()?,
    })
}

/// What is due by `until` as the filter narrows it, overdue first, with
/// what kept a rule from being applied.
pub fn list(db: &Db<'_>, clock: Clock, until: NaiveDate, filter: &Filter) -> Result<Due> {
    let cx = context(db, clock, until, filter)?;
    let mut items = Vec::new();
    let mut warnings = Vec::new();
    let limit = filter.limit;
    if filter.wants(DueKind::FollowUp) || filter.wants(DueKind::OnEnter) {
        follow_ups(&cx, filter, &mut Take::new(&mut items, limit))?;
    }
    for rule in &cx.rules {
        let kind = match rule_kind(rule) {
            Some(k) if filter.wants(k) => k,
            _ => continue,
        };
        let mut found = Vec::new();
        let outcome = rule_reminders(&cx, rule, kind, &mut Take::new(&mut found, limit));
        match outcome {
            Ok(()) => items.extend(found),
            Err(Error::Invalid(e)) => warnings.push(format!(
                "rule {} ({}) was skipped: {e} (rapport rules edit {}, or rules rm {})",
                rule.id, rule.kind, rule.id, rule.id
            )),
            Err(e) => return Err(e),
        }
    }
    if filter.wants(DueKind::Ticket) {
        tickets(&cx, &mut Take::new(&mut items, limit))?;
    }
    if filter.wants(DueKind::Payment) {
        payments(&cx, &mut Take::new(&mut items, limit))?;
    }
    if filter.wants(DueKind::AtRisk) {
        at_risk_items(&cx, &mut Take::new(&mut items, limit))?;
    }
    sort_items(&mut items);
    if let Some(limit) = limit {
        items.truncate(limit);
    }
    attach_drafts(db, &cx.rules, &mut items, clock)?;
    Ok(Due { items, warnings })
}

/// How many items of each kind are due by `until`, as the filter narrows
/// them, without listing them all.
pub fn counts(
    db: &Db<'_>,
    clock: Clock,
    until: NaiveDate,
    filter: &Filter,
) -> Result<BTreeMap<DueKind, usize>> {
    let cx = context(db, clock, until, filter)?;
    let mut counts = BTreeMap::new();
    let mut add = |kind: DueKind, n: usize| {
        if n > 0 && filter.wants(kind) {
            *counts.entry(kind).or_insert(0) += n;
        }
    };
    let (user, rule) =
        db.count_due_follow_ups(&until.to_string(), &cx.scope, cx.held_after.as_deref())?;
    add(DueKind::FollowUp, user as usize);
    add(DueKind::OnEnter, rule as usize);
    for rule in &cx.rules {
        let Some(kind) = rule_kind(rule) else {
            continue;
        };
        if !filter.wants(kind) {
            continue;
        }
        let n = if kind == DueKind::Dormant {
            count_dormant(&cx, rule)
        } else {
            let mut found = Vec::new();
            rule_reminders(&cx, rule, kind, &mut Take::new(&mut found, None)).map(|()| found.len())
        };
        match n {
            Ok(n) => add(kind, n),
            Err(Error::Invalid(_)) => {}
            Err(e) => return Err(e),
        }
    }
    let until_day = until.to_string();
    let n = db.count_open_tickets(&ticket_cutoff(&cx), &until_day, &cx.scope)?;
    add(DueKind::Ticket, n as usize);
    let n = db.count_unpaid(&until_day, &until_day, &cx.scope)?;
    add(DueKind::Payment, n as usize);
    add(DueKind::AtRisk, count_at_risk(&cx)?);
    Ok(counts)
}

fn rule_kind(rule: &Rule) -> Option<DueKind> {
    Some(match rule.kind {
        RuleKind::OnEnter => return None,
        RuleKind::Dormant => DueKind::Dormant,
        RuleKind::Cadence => DueKind::Cadence,
        RuleKind::Birthday => DueKind::Birthday,
        RuleKind::Anniversary => DueKind::Anniversary,
        RuleKind::Review => DueKind::Review,
        RuleKind::AfterPurchase => DueKind::FeedbackAsk,
        RuleKind::OnRating => match rule.band? {
            Band::Detractor => DueKind::Detractor,
            Band::Passive => DueKind::Passive,
            Band::Promoter => DueKind::Promoter,
        },
        RuleKind::AfterTicketResolved => DueKind::TicketCheckIn,
        RuleKind::WinBack => DueKind::WinBack,
    })
}

/// The start of a local day as a stored timestamp.
fn start_of(day: NaiveDate) -> String {
    format_timestamp(local_to_utc(day.and_time(NaiveTime::MIN)))
}

fn day(text: &str) -> Option<NaiveDate> {
    timestamp_date(text).or_else(|| NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok())
}

fn follow_ups(cx: &Cx<'_, '_>, filter: &Filter, take: &mut Take<'_>) -> Result<()> {
    let today = cx.today;
    let by_rule = match (
        filter.wants(DueKind::FollowUp),
        filter.wants(DueKind::OnEnter),
    ) {
        (true, false) => Some(false),
        (false, true) => Some(true),
        _ => None,
    };
    cx.db
        .each_due_follow_up(&cx.until.to_string(), by_rule, &cx.scope, &mut |row| {
            if take.past(&row.due) {
                return Ok(false);
            }
            let kind = if row.rule.is_some() {
                DueKind::OnEnter
            } else {
                DueKind::FollowUp
            };
            if !filter.wants(kind)
                || (row.rule.is_some()
                    && cx.held_back(row.do_not_contact, row.last_contact_at.as_deref()))
            {
                return Ok(true);
            }
            let f = FollowUp {
                id: row.id,
                uid: row.uid,
                contact_id: row.contact_id,
                contact: row.contact,
                due: row.due,
                time: row.time,
                note: row.note,
                every: row.every,
                done_at: None,
                created_at: row.created_at,
                rule: row.rule,
            };
            take.push(follow_up_item(&f, today, row.rule));
            Ok(true)
        })
}

/// An event rule's reminders, in the order they fall due: one per
/// purchase, rating, resolved ticket or loss since the rule was made, for
/// contacts in its stages and with its tag; outreach rules leave lost
/// contacts alone, and a win-back is for them only.
fn event_reminders(cx: &Cx<'_, '_>, rule: &Rule, kind: DueKind, take: &mut Take<'_>) -> Result<()> {
    let (today, until) = (cx.today, cx.until);
    let after = rule.duration(&rule.after);
    let back = |d: NaiveDate| after.and_then(|a| a.subtract_from(d)).unwrap_or(d);
    // Events whose reminder falls between the rule's making and `until`.
    let first = rule.created_on.map(back).unwrap_or(NaiveDate::MIN);
    let last = back(until);
    let (from, to) = (start_of(first), start_of(last.succ_opt().unwrap_or(last)));
    let source = match rule.kind {
        RuleKind::AfterPurchase => EventSource::Purchases {
            first_only: rule.first_only,
        },
        RuleKind::OnRating => {
            let Some(band) = rule.band else { return Ok(()) };
            let (lo, hi) = band.range();
            EventSource::Ratings { lo, hi }
        }
        RuleKind::AfterTicketResolved => EventSource::ResolvedTickets,
        _ => EventSource::Lost,
    };
    let prefix = kind.as_str();
    let stages = stage_ids(cx, rule)?;
    let filter = EventFilter {
        tag: rule.tag.as_deref(),
        stage_ids: &stages,
        scope: &cx.scope,
    };
    cx.db.each_event(&source, &from, &to, &filter, &mut |e| {
        let (Some(event_day), Some(recorded)) = (day(&e.at), day(&e.recorded)) else {
            return Ok(true);
        };
        let event = rules::Event {
            id: e.id,
            contact: e.contact_id,
            day: event_day,
            recorded,
            what: &e.what,
            detail: e.detail.as_deref(),
        };
        let Some(r) = rules::event(rule, prefix, &event, today, until) else {
            return Ok(true);
        };
        if take.past(&r.due.to_string()) {
            return Ok(false);
        }
        let lost_rule = rule.kind == RuleKind::WinBack;
        if e.lost != lost_rule
            || cx.held_back(e.do_not_contact, e.last_contact_at.as_deref())
            || (rule.needs_consent && !cx.db.has_consent(e.contact_id)?)
        {
            return Ok(true);
        }
        if let Some(r) = cx.apply_state(r)? {
            take.push(reminder_item(
                kind,
                r,
                e.contact_id,
                &e.contact,
                Some(rule.id),
            ));
        }
        Ok(true)
    })
}

/// Quiet since before this day means a dormant reminder due by `until`.
fn dormant_cutoff(span: Duration, until: NaiveDate) -> Option<String> {
    span.subtract_from(until)
        .and_then(|d| d.succ_opt())
        .map(start_of)
}

fn stage_ids(cx: &Cx<'_, '_>, rule: &Rule) -> Result<Vec<i64>> {
    rule.stages
        .iter()
        .map(|s| cx.db.stage_id(s).map(|(id, _)| id))
        .collect()
}

fn count_dormant(cx: &Cx<'_, '_>, rule: &Rule) -> Result<usize> {
    let Some(span) = rule.duration(&rule.every) else {
        return Ok(0);
    };
    let Some(cutoff) = dormant_cutoff(span, cx.until) else {
        return Ok(0);
    };
    let n = cx.db.count_quiet(
        rule.id,
        &stage_ids(cx, rule)?,
        rule.tag.as_deref(),
        &cutoff,
        &cx.scope,
        cx.held_after.as_deref(),
        &cx.until.to_string(),
    )?;
    Ok(n.max(0) as usize)
}

/// The reminders one rule computes, in the order they fall due.
fn rule_reminders(cx: &Cx<'_, '_>, rule: &Rule, kind: DueKind, take: &mut Take<'_>) -> Result<()> {
    let (db, today, until) = (cx.db, cx.today, cx.until);
    let push = |take: &mut Take<'_>, c: &crate::store::Candidate, r: Reminder| -> Result<()> {
        if cx.held_back(c.do_not_contact, c.last_contact_at.as_deref())
            || (rule.needs_consent && !db.has_consent(c.contact_id)?)
        {
            return Ok(());
        }
        if let Some(r) = cx.apply_state(r)? {
            take.push(reminder_item(kind, r, c.contact_id, &c.name, Some(rule.id)));
        }
        Ok(())
    };
    let every = rule.duration(&rule.every);
    match rule.kind {
        RuleKind::OnEnter => {}
        RuleKind::AfterPurchase
        | RuleKind::OnRating
        | RuleKind::AfterTicketResolved
        | RuleKind::WinBack => return event_reminders(cx, rule, kind, take),
        RuleKind::Dormant => {
            let Some(span) = every else { return Ok(()) };
            let Some(cutoff) = dormant_cutoff(span, until) else {
                return Ok(());
            };
            let stages = stage_ids(cx, rule)?;
            let snoozed = db.snoozed(&format!("dormant-{}-", rule.id), &until.to_string())?;
            db.each_quiet(&stages, rule.tag.as_deref(), &cutoff, &cx.scope, &mut |c| {
                let Some(r) = day(&c.date)
                    .and_then(|since| rules::dormant(rule, c.contact_id, since, today, until))
                else {
                    return Ok(true);
                };
                let due = r.due.to_string();
                if take.past(&due) {
                    return Ok(false);
                }
                // Snoozed ones come at their snooze date, below.
                if snoozed.iter().any(|s| s.0 == r.key && s.1 == r.spell) {
                    return Ok(true);
                }
                push(take, &c, r)?;
                Ok(true)
            })?;
            for (item, spell, contact, _) in &snoozed {
                let Some((c, stage)) = db.quiet_candidate(*contact, rule.tag.as_deref())? else {
                    continue;
                };
                if !stages.is_empty() && !stages.contains(&stage) {
                    continue;
                }
                let Some(r) = day(&c.date)
                    .and_then(|since| rules::dormant(rule, c.contact_id, since, today, until))
                else {
                    continue;
                };
                if r.key == *item && r.spell == *spell && db.in_scope(c.contact_id, &cx.scope)? {
                    push(take, &c, r)?;
                }
            }
        }
        RuleKind::Cadence => {
            let Some(tag) = &rule.tag else { return Ok(()) };
            for c in db.tagged_contacts(tag)? {
                if !db.in_scope(c.contact_id, &cx.scope)? {
                    continue;
                }
                if let Some(r) = day(&c.date)
                    .and_then(|since| rules::cadence(rule, c.contact_id, since, today, until))
                {
                    push(take, &c, r)?;
                }
            }
        }
        RuleKind::Birthday => {
            let from = today.checked_sub_days(Days::new(cx.grace)).unwrap_or(today);
            let horizon = until.max(today + Days::new(u64::from(rule.days_ahead.unwrap_or(0))));
            for c in db.birthdays_between(&month_day_ranges(from, horizon))? {
                if !db.in_scope(c.contact_id, &cx.scope)? {
                    continue;
                }
                if let Some(r) = rules::yearly(
                    rule,
                    c.contact_id,
                    &c.date,
                    "Birthday",
                    today,
                    until,
                    cx.grace,
                ) {
                    push(take, &c, r)?;
                }
            }
        }
        RuleKind::Anniversary => {
            let from = today
                .checked_sub_days(Days::new(cx.grace + 1))
                .unwrap_or(today);
            let (candidates, label) = match &rule.field {
                Some(field) => (
                    db.field_dates(field)?,
                    format!("Anniversary of {}", field.replace('_', " ")),
                ),
                None => match db.paying_stage()? {
                    Some(stage) => {
                        let horizon =
                            until.max(today + Days::new(u64::from(rule.days_ahead.unwrap_or(0))));
                        // Stored in UTC: a day's margin each side for the local date;
                        // `rules::yearly` then decides exactly.
                        let to = horizon.succ_opt().unwrap_or(horizon);
                        (
                            db.first_entered(&stage, &month_day_ranges(from, to))?,
                            "Customer anniversary".to_string(),
                        )
                    }
                    None => (Vec::new(), String::new()),
                },
            };
            for c in candidates {
                if !db.in_scope(c.contact_id, &cx.scope)? {
                    continue;
                }
                let date = day(&c.date).map(|d| d.to_string()).unwrap_or_default();
                // Becoming a customer this year is no anniversary yet.
                if date.get(..4) == Some(&today.year().to_string()) && rule.field.is_none() {
                    continue;
                }
                if let Some(r) =
                    rules::yearly(rule, c.contact_id, &date, &label, today, until, cx.grace)
                {
                    push(take, &c, r)?;
                }
            }
        }
        RuleKind::Review => {
            for c in db.contacts_in_stages(&rule.stages)? {
                if !db.in_scope(c.contact_id, &cx.scope)? {
                    continue;
                }
                let key = format!("review-{}-{}", rule.id, c.contact_id);
                let entered = day(&c.date);
                let reviewed = db.last_done(&key)?.as_deref().and_then(day);
                let since = entered.max(reviewed);
                if let Some(r) =
                    since.and_then(|s| rules::review(rule, c.contact_id, s, today, until))
                {
                    push(take, &c, r)?;
                }
            }
        }
    }
    Ok(())
}

/// Tickets opened before this are due by `until`.
fn ticket_cutoff(cx: &Cx<'_, '_>) -> String {
    let cutoff = cx
        .until
        .checked_sub_days(Days::new(cx.ticket_days))
        .unwrap_or(cx.until);
    start_of(cutoff.succ_opt().unwrap_or(cutoff))
}

fn tickets(cx: &Cx<'_, '_>, take: &mut Take<'_>) -> Result<()> {
    let cutoff = ticket_cutoff(cx);
    cx.db.each_open_ticket(&cutoff, &cx.scope, &mut |t| {
        let Some(opened_on) = timestamp_date(&t.opened) else {
            return Ok(true);
        };
        let due = opened_on + Days::new(cx.ticket_days);
        if take.past(&due.to_string()) {
            return Ok(false);
        }
        let days = (cx.today - opened_on).num_days();
        let reminder = Reminder {
            key: format!("ticket-{}", t.ticket),
            spell: "open".into(),
            due,
            overdue: due < cx.today,
            what: format!("Resolve ticket #{}: {}", t.ticket, t.summary),
            why: format!("open for {days} day{}", if days == 1 { "" } else { "s" }),
        };
        if let Some(r) = cx.apply_state(reminder)? {
            take.push(reminder_item(
                DueKind::Ticket,
                r,
                t.contact_id,
                &t.contact,
                None,
            ));
        }
        Ok(true)
    })
}

/// An unpaid invoice is due the day after its due date, once: done means
/// chased; paying ends it.
fn payments(cx: &Cx<'_, '_>, take: &mut Take<'_>) -> Result<()> {
    let today = cx.today;
    cx.db
        .each_unpaid(&cx.until.to_string(), &cx.scope, &mut |u| {
            let Some(due_day) = NaiveDate::parse_from_str(&u.due, "%Y-%m-%d").ok() else {
                return Ok(true);
            };
            let due = due_day.succ_opt().unwrap_or(due_day);
            if take.past(&due.to_string()) {
                return Ok(false);
            }
            let late = (today - due_day).num_days();
            let amount = u
                .amount_cents
                .map(|c| format!(" ({})", Cents(c)))
                .unwrap_or_default();
            let reminder = Reminder {
                key: format!("payment-{}", u.purchase),
                spell: "unpaid".into(),
                due,
                overdue: due < today,
                what: format!(
                    "Chase payment: purchase #{}{amount}, {}",
                    u.purchase, u.summary
                ),
                why: if late > 0 {
                    format!(
                        "due {}, {late} day{} ago (rapport paid {} when it comes)",
                        u.due,
                        if late == 1 { "" } else { "s" },
                        u.purchase
                    )
                } else {
                    format!("due {} (rapport paid {} when it comes)", u.due, u.purchase)
                },
            };
            if let Some(r) = cx.apply_state(reminder)? {
                take.push(reminder_item(
                    DueKind::Payment,
                    r,
                    u.contact_id,
                    &u.contact,
                    None,
                ));
            }
            Ok(true)
        })
}

/// Customers at risk today, in the order their spell began; an item's
/// reasons are today's health factors.
fn at_risk_items(cx: &Cx<'_, '_>, take: &mut Take<'_>) -> Result<()> {
    let today = cx.today;
    let model = super::at_risk::Model::read(cx.db)?;
    cx.db.each_risk(&today.to_string(), &cx.scope, &mut |row| {
        // Rows come in the order their first spell begins, a bound on today's.
        if take.past(&row.risk_from) {
            return Ok(false);
        }
        if row.do_not_contact {
            return Ok(true);
        }
        let id = row.contact_id;
        let Some((since, _)) =
            model.spell_today(cx.db, id, &row.risk, row.checked.as_deref(), today)?
        else {
            return Ok(true);
        };
        if take.past(&since.to_string()) {
            return Ok(true);
        }
        let events = cx.db.health_events(id)?;
        let Some(r) = model.assess(id, &row.contact, &events, today, since) else {
            return Ok(true);
        };
        let reminder = Reminder {
            key: format!("at-risk-{id}"),
            spell: since.to_string(),
            due: since,
            overdue: since < today,
            what: "At risk: reach out before they leave".into(),
            why: format!("health {}: {}", r.health, r.reasons.join("; ")),
        };
        if let Some(r) = cx.apply_state(reminder)? {
            take.push(reminder_item(DueKind::AtRisk, r, id, &row.contact, None));
        }
        Ok(true)
    })
}

fn count_at_risk(cx: &Cx<'_, '_>) -> Result<usize> {
    let today = cx.today;
    let model = super::at_risk::Model::read(cx.db)?;
    let done: HashMap<String, String> = cx
        .db
        .settled("at-risk-", &cx.until.to_string())?
        .into_iter()
        .collect();
    let mut n = 0;
    cx.db.each_risk(&today.to_string(), &cx.scope, &mut |row| {
        if row.do_not_contact {
            return Ok(true);
        }
        let id = row.contact_id;
        if let Some((since, _)) =
            model.spell_today(cx.db, id, &row.risk, row.checked.as_deref(), today)?
        {
            if done.get(&format!("at-risk-{id}")) != Some(&since.to_string()) {
                n += 1;
            }
        }
        Ok(true)
    })?;
    Ok(n)
}

/// MM-DD ranges covering `from`..=`to` (split at the year's end), with 29
/// February joining any range that holds 28 February.
fn month_day_ranges(from: NaiveDate, to: NaiveDate) -> Vec<(String, String)> {
    let md = |d: NaiveDate| d.format("%m-%d").to_string();
    let widen = |end: String| {
        if end == "02-28" {
            "02-29".to_string()
        } else {
            end
        }
    };
    if (to - from).num_days() >= 365 {
        return vec![("01-01".into(), "12-31".into())];
    }
    if from.year() == to.year() {
        vec![(md(from), widen(md(to)))]
    } else {
        vec![(md(from), "12-31".into()), ("01-01".into(), widen(md(to)))]
    }
}

/// Items of rules that name a template carry the message, rendered.
fn attach_drafts(db: &Db<'_>, rules: &[Rule], items: &mut [DueItem], clock: Clock) -> Result<()> {
    for item in items.iter_mut() {
        let Some(rule) = item.rule.and_then(|id| rules.iter().find(|r| r.id == id)) else {
            continue;
        };
        let Some(name) = &rule.template else { continue };
        let Some(template) = db.template(name)? else {
            item.draft_error = Some(format!("template '{name}' does not exist"));
            continue;
        };
        let Some(contact) = db.contact(item.contact_id)? else {
            continue;
        };
        match super::templates::render_for(db, &template, &contact, clock)? {
            Ok(draft) => item.draft = Some(draft),
            Err(e) => item.draft_error = Some(e.to_string()),
        }
    }
    Ok(())
}

/// A computed reminder by its id, due now or within the year ahead: read
/// for its contact and kind alone.
fn find(db: &Db<'_>, clock: Clock, key: &str) -> Result<DueItem> {
    let not_due = || {
        refused!(
            "no item '{}' is due: it was done already, or nothing calls for it now (rapport due --within 1y lists what is coming)",
            shown(key)
        )
    };
    let kind = [
        DueKind::Dormant,
        DueKind::Cadence,
        DueKind::Birthday,
        DueKind::Anniversary,
        DueKind::Review,
        DueKind::AtRisk,
        DueKind::Payment,
        DueKind::FeedbackAsk,
        DueKind::Detractor,
        DueKind::Passive,
        DueKind::Promoter,
        DueKind::TicketCheckIn,
        DueKind::WinBack,
    ]
    .into_iter()
    .find(|k| key.starts_with(&format!("{}-", k.as_str())))
    .ok_or_else(not_due)?;
    let number: i64 = key
        .rsplit('-')
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or_else(not_due)?;
    // The last number names an interaction (an invoice, a purchase, a
    // rating, a ticket) or a contact.
    let contact = match kind {
        DueKind::Payment
        | DueKind::FeedbackAsk
        | DueKind::Detractor
        | DueKind::Passive
        | DueKind::Promoter
        | DueKind::TicketCheckIn => db.interaction(number)?.map(|i| i.contact_id),
        _ => Some(number),
    }
    .ok_or_else(not_due)?;
    let filter = Filter {
        kinds: vec![kind],
        contact: Some(contact),
        ..Filter::default()
    };
    let horizon = clock.today() + Days::new(400);
    list(db, clock, horizon, &filter)?
        .items
        .into_iter()
        .find(|i| i.id == key)
        .ok_or_else(not_due)
}

/// What `done` did, as the confirmation says it.
#[derive(Debug, Clone, Serialize)]
pub struct Done {
    pub id: String,
    pub kind: &'static str,
    pub contact_id: i64,
    pub contact: String,
    pub what: String,
    pub done: bool,
    /// A recurring follow-up's next occurrence.
    pub next: Option<Next>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Next {
    pub id: String,
    pub due: String,
}

/// `done`: follow-ups (a recurring one schedules its next occurrence),
/// tickets (resolved), computed reminders (done for their spell); all of
/// them, or none when one cannot be.
pub fn done(store: &mut Store, texts: &[String]) -> Result<Vec<Done>> {
    let items = texts
        .iter()
        .map(|t| parse_item_id(t).map(|i| (t.clone(), i)))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let clock = store.clock();
    super::write(store, |db| {
        items
            .iter()
            .map(|(text, item)| done_one(db, clock, text, item))
            .collect()
    })
}

fn done_one(db: &Db<'_>, clock: Clock, text: &str, item: &ItemId) -> Result<Done> {
    let today = clock.today();
    match item {
        ItemId::FollowUp(id) => done_follow_up(db, *id, text, today),
        ItemId::Ticket(id) => {
            if db.interaction(*id)?.is_none() {
                return Err(refused!(
                    "no item '{}': ticket #{id} does not exist",
                    shown(text)
                ));
            }
            let ticket = super::interaction::close_ticket(db, *id, None)?;
            Ok(Done {
                id: text.trim().to_string(),
                kind: "ticket",
                contact_id: ticket.contact_id,
                contact: ticket.contact,
                what: ticket.summary,
                done: true,
                next: None,
            })
        }
        ItemId::Computed(key) => {
            let found = find(db, clock, key)?;
            let spell = found.spell.clone().unwrap_or_default();
            db.mark_reminder(key, &spell, found.contact_id, Some(&db.now()), None)?;
            Ok(Done {
                id: key.clone(),
                kind: found.kind.as_str(),
                contact_id: found.contact_id,
                contact: found.contact,
                what: found.what,
                done: true,
                next: None,
            })
        }
    }
}

fn done_follow_up(db: &Db<'_>, id: i64, text: &str, today: NaiveDate) -> Result<Done> {
    let (f, anchor) = db.follow_up(id)?.ok_or_else(|| {
        refused!(
            "no item '{}' to mark done: expected an id that `rapport due` shows",
            shown(text)
        )
    })?;
    if f.done_at.is_some() {
        return Err(refused!(
            "follow-up #{id} with {} is already done",
            shown(&f.contact)
        ));
    }
    let next = match &f.every {
        Some(every) => {
            let every = Duration::parse(every)?;
            let parse = |d: &str| {
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|_| internal!("follow-up #{id} has a bad date '{d}'"))
            };
            let date = next_occurrence(parse(&anchor)?, every, parse(&f.due)?, today)
                .ok_or_else(|| refused!("follow-up #{id} has no next occurrence in range"))?;
            Some(date.format("%Y-%m-%d").to_string())
        }
        None => None,
    };
    let next_id = db.complete_follow_up(id, next.as_deref())?;
    Ok(Done {
        id: f.id.to_string(),
        kind: if f.rule.is_some() {
            "on-enter"
        } else {
            "follow-up"
        },
        contact_id: f.contact_id,
        contact: f.contact,
        what: f.note,
        done: true,
        next: next_id.zip(next).map(|(id, due)| Next {
            id: id.to_string(),
            due,
        }),
    })
}

/// What `snooze` did.
#[derive(Debug, Clone, Serialize)]
pub struct Snoozed {
    pub id: String,
    pub kind: &'static str,
    pub due: String,
    #[serde(skip)]
    pub contact: String,
}

/// `snooze`: items to a later day (a follow-up keeps a time of day); all
/// of them, or none when one cannot be.
pub fn snooze(store: &mut Store, texts: &[String], when: When) -> Result<Vec<Snoozed>> {
    let items = texts
        .iter()
        .map(|t| parse_item_id(t).map(|i| (t.clone(), i)))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let clock = store.clock();
    super::write(store, |db| {
        items
            .iter()
            .map(|(text, item)| snooze_one(db, clock, text, item, when))
            .collect()
    })
}

fn snooze_one(db: &Db<'_>, clock: Clock, text: &str, item: &ItemId, when: When) -> Result<Snoozed> {
    let date = when.date().format("%Y-%m-%d").to_string();
    let time = when.time().map(|t| t.format("%H:%M").to_string());
    let (kind, contact) = match item {
        ItemId::FollowUp(id) => {
            let (f, _) = db.follow_up(*id)?.ok_or_else(|| {
                refused!(
                    "no item '{}' to snooze: expected an id that `rapport due` shows",
                    shown(text)
                )
            })?;
            if f.done_at.is_some() {
                return Err(refused!(
                    "follow-up #{id} with {} is already done",
                    shown(&f.contact)
                ));
            }
            db.reschedule_follow_up(*id, &date, time.as_deref())?;
            ("follow-up", f.contact)
        }
        ItemId::Ticket(id) => {
            let t = db.interaction(*id)?.ok_or_else(|| {
                refused!("no item '{}': ticket #{id} does not exist", shown(text))
            })?;
            if t.resolved_at.is_some() {
                return Err(refused!(
                    "ticket #{id} for {} is already resolved",
                    shown(&t.contact)
                ));
            }
            db.mark_reminder(text.trim(), "open", t.contact_id, None, Some(&date))?;
            ("ticket", t.contact)
        }
        ItemId::Computed(key) => {
            let found = find(db, clock, key)?;
            let spell = found.spell.clone().unwrap_or_default();
            db.mark_reminder(key, &spell, found.contact_id, None, Some(&date))?;
            (found.kind.as_str(), found.contact)
        }
    };
    Ok(Snoozed {
        id: text.to_string(),
        kind,
        due: date,
        contact,
    })
}

fn kinds_json<S: serde::Serializer>(
    counts: &BTreeMap<DueKind, usize>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    let named: BTreeMap<&str, usize> = counts.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    named.serialize(s)
}

/// What the dashboard shows: today's items, contacts per stage, the latest
/// interactions; and whether the book is empty.
#[derive(Debug, Serialize)]
pub struct Dashboard {
    #[serde(skip)]
    pub empty: bool,
    pub due: Vec<DueItem>,
    /// Each kind's count when there are more items than it shows.
    #[serde(serialize_with = "kinds_json")]
    pub counts: BTreeMap<DueKind, usize>,
    pub stages: Vec<crate::domain::stage::Stage>,
    pub recent_interactions: Vec<crate::domain::interaction::Interaction>,
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// A synced book: what waits to go out, and conflicts not looked at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sync: Option<SyncGlance>,
}

/// The dashboard's line about sync.
#[derive(Debug, Clone, Serialize)]
pub struct SyncGlance {
    pub device: String,
    pub pending_changes: i64,
    pub new_conflicts: usize,
}

/// How many items the dashboard shows: the most urgent.
pub const DASHBOARD_ITEMS: usize = 10;

pub fn dashboard(db: &Db<'_>, clock: Clock) -> Result<Dashboard> {
    let today = clock.today();
    let shown = Filter {
        limit: Some(DASHBOARD_ITEMS + 1),
        ..Filter::default()
    };
    let mut due = list(db, clock, today, &shown)?;
    // More than it shows: how many of each kind, to know where to look.
    let counts = if due.items.len() > DASHBOARD_ITEMS {
        due.items.truncate(DASHBOARD_ITEMS);
        counts(db, clock, today, &Filter::default())?
    } else {
        BTreeMap::new()
    };
    let sync = match db.sync_device()? {
        Some(d) => Some(SyncGlance {
            device: d.name,
            pending_changes: db.unsent_count()?,
            new_conflicts: db.conflicts(true)?.len(),
        }),
        None => None,
    };
    Ok(Dashboard {
        sync,
        empty: !db.has_contacts()?,
        due: due.items,
        counts,
        warnings: due.warnings,
        stages: db.stages_with_counts()?,
        recent_interactions: db.recent_interactions(None, 5)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn month_day_windows() {
        assert_eq!(
            month_day_ranges(ymd(2026, 11, 23), ymd(2026, 11, 30)),
            [("11-23".to_string(), "11-30".to_string())]
        );
        assert_eq!(
            month_day_ranges(ymd(2026, 12, 28), ymd(2027, 1, 4)),
            [
                ("12-28".to_string(), "12-31".to_string()),
                ("01-01".to_string(), "01-04".to_string())
            ]
        );
        assert_eq!(
            month_day_ranges(ymd(2027, 2, 21), ymd(2027, 2, 28)),
            [("02-21".to_string(), "02-29".to_string())]
        );
    }
}
