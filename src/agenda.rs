//! The agenda behind `due`, the dashboard and the calendar: follow-ups,
//! the reminders rules compute, open tickets and at-risk alerts, merged
//! into one list with done, snooze, do-not-contact and quiet-days applied.
//! Reads only: running `due` twice changes nothing.

use crate::clock::{format_timestamp, local_to_utc, timestamp_date, Clock};
use crate::domain::config;
use crate::domain::contact::Contact;
use crate::domain::due::{follow_up_item, reminder_item, sort_items, DueItem, DueKind};
use crate::domain::rules::{self, AtRiskThresholds, Health, Reminder, Rule, RuleKind};
use crate::domain::template::Draft;
use crate::domain::when::Duration;
use crate::store::{Candidate, Db, ReminderStates};
use anyhow::Result;
use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use std::collections::BTreeMap;

/// Everything due on or before `until`, overdue first.
pub fn items(db: &Db<'_>, clock: Clock, until: NaiveDate) -> Result<Vec<DueItem>> {
    let today = clock.today();
    let setting = |name: &str| -> Result<String> {
        db.setting_or_default(config::key(name).map_err(anyhow::Error::msg)?)
    };
    let quiet_days: i64 = setting("quiet-days")?.parse().unwrap_or(0);
    let states = db.reminder_states()?;
    let rules = db.rules()?;
    let mut items = Vec::new();

    for due in db.due_follow_ups(&until.to_string())? {
        let item = follow_up_item(&due.follow_up, today, due.follow_up.rule);
        if due.follow_up.rule.is_some()
            && held_back(
                due.do_not_contact,
                due.last_contact_at.as_deref(),
                quiet_days,
                today,
            )
        {
            continue;
        }
        items.push(item);
    }

    for rule in &rules {
        let kind = match rule.kind {
            RuleKind::OnEnter => continue,
            RuleKind::Dormant => DueKind::Dormant,
            RuleKind::Cadence => DueKind::Cadence,
            RuleKind::Birthday => DueKind::Birthday,
            RuleKind::Anniversary => DueKind::Anniversary,
            RuleKind::Review => DueKind::Review,
        };
        for (candidate, reminder) in reminders(db, rule, today, until)? {
            if held_back(
                candidate.do_not_contact,
                candidate.last_contact_at.as_deref(),
                quiet_days,
                today,
            ) {
                continue;
            }
            if let Some(item) = apply_state(&states, reminder, today, until) {
                items.push(reminder_item(
                    kind,
                    item,
                    candidate.contact_id,
                    &candidate.name,
                    Some(rule.id),
                ));
            }
        }
    }

    let ticket_days: u64 = setting("ticket-days")?.parse().unwrap_or(2);
    let ticket_cutoff = until
        .checked_sub_days(Days::new(ticket_days))
        .unwrap_or(until);
    for (contact, name, _, ticket, opened, summary) in
        db.open_tickets_before(&start_of(ticket_cutoff.succ_opt().unwrap_or(ticket_cutoff)))?
    {
        let Some(opened_on) = timestamp_date(&opened) else {
            continue;
        };
        let due = opened_on + Days::new(ticket_days);
        let days = (today - opened_on).num_days();
        let reminder = Reminder {
            key: format!("ticket-{ticket}"),
            spell: "open".into(),
            due,
            overdue: due < today,
            what: format!("Resolve ticket #{ticket}: {summary}"),
            why: format!("open for {days} day{}", if days == 1 { "" } else { "s" }),
        };
        if let Some(item) = apply_state(&states, reminder, today, until) {
            items.push(reminder_item(DueKind::Ticket, item, contact, &name, None));
        }
    }

    items.extend(at_risk(db, &states, today, until, &setting)?);
    attach_drafts(db, &rules, &mut items, clock)?;
    sort_items(&mut items);
    Ok(items)
}

/// Do-not-contact, or touched within the last `quiet_days`: no rule reminders.
fn held_back(
    do_not_contact: bool,
    last_contact_at: Option<&str>,
    quiet_days: i64,
    today: NaiveDate,
) -> bool {
    if do_not_contact {
        return true;
    }
    quiet_days > 0
        && last_contact_at
            .and_then(timestamp_date)
            .is_some_and(|last| (today - last).num_days() < quiet_days)
}

/// Done in this spell: gone. Snoozed: back on the snooze date.
fn apply_state(
    states: &ReminderStates,
    mut r: Reminder,
    today: NaiveDate,
    until: NaiveDate,
) -> Option<Reminder> {
    if let Some((done, snoozed)) = states.get(&(r.key.clone(), r.spell.clone())) {
        if done.is_some() {
            return None;
        }
        if let Some(date) = snoozed
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            if date > until {
                return None;
            }
            r.due = date;
            r.overdue = date < today;
        }
    }
    Some(r)
}

/// The start of a local day as a stored timestamp.
fn start_of(day: NaiveDate) -> String {
    format_timestamp(local_to_utc(day.and_time(NaiveTime::MIN)))
}

fn day(text: &str) -> Option<NaiveDate> {
    timestamp_date(text).or_else(|| NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok())
}

/// The reminders one rule computes, with the contact each is for.
fn reminders(
    db: &Db<'_>,
    rule: &Rule,
    today: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<(Candidate, Reminder)>> {
    let every = rule.duration(&rule.every);
    let mut out = Vec::new();
    match rule.kind {
        RuleKind::OnEnter => {}
        RuleKind::Dormant => {
            let Some(span) = every else { return Ok(out) };
            // Quiet since before this day means due by `until`.
            let Some(limit) = span.subtract_from(until).and_then(|d| d.succ_opt()) else {
                return Ok(out);
            };
            for c in db.quiet_contacts(&start_of(limit), &rule.stages, rule.tag.as_deref())? {
                if let Some(r) =
                    day(&c.date).and_then(|since| rules::dormant(rule, c.contact_id, since, until))
                {
                    let mut r = r;
                    r.overdue = r.due < today;
                    out.push((c, r));
                }
            }
        }
        RuleKind::Cadence => {
            let Some(tag) = &rule.tag else { return Ok(out) };
            for c in db.tagged_contacts(tag)? {
                if let Some(r) = day(&c.date)
                    .and_then(|since| rules::cadence(rule, c.contact_id, since, today, until))
                {
                    out.push((c, r));
                }
            }
        }
        RuleKind::Birthday => {
            let horizon = until.max(today + Days::new(u64::from(rule.days_ahead.unwrap_or(0))));
            for c in db.birthdays_between(&month_day_ranges(today, horizon))? {
                if let Some(r) =
                    rules::yearly(rule, c.contact_id, &c.date, "Birthday", today, until)
                {
                    out.push((c, r));
                }
            }
        }
        RuleKind::Anniversary => {
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
                        let from = today.pred_opt().unwrap_or(today);
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
                let date = day(&c.date).map(|d| d.to_string()).unwrap_or_default();
                // Becoming a customer today is no anniversary.
                if date.get(..4) == Some(&today.year().to_string()) && rule.field.is_none() {
                    continue;
                }
                if let Some(r) = rules::yearly(rule, c.contact_id, &date, &label, today, until) {
                    out.push((c, r));
                }
            }
        }
        RuleKind::Review => {
            for c in db.contacts_in_stages(&rule.stages)? {
                let key = format!("review-{}-{}", rule.id, c.contact_id);
                let entered = day(&c.date);
                let reviewed = db.last_done(&key)?.as_deref().and_then(day);
                let since = entered.max(reviewed);
                if let Some(r) =
                    since.and_then(|s| rules::review(rule, c.contact_id, s, today, until))
                {
                    out.push((c, r));
                }
            }
        }
    }
    Ok(out)
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

/// Paying customers whose signals say they may be drifting away.
fn at_risk(
    db: &Db<'_>,
    states: &ReminderStates,
    today: NaiveDate,
    until: NaiveDate,
    setting: &dyn Fn(&str) -> Result<String>,
) -> Result<Vec<DueItem>> {
    let t = AtRiskThresholds {
        rhythm_factor: setting("at-risk-factor")?.parse().unwrap_or(3.0),
        min_quiet_days: setting("at-risk-quiet-days")?.parse().unwrap_or(21),
        ticket_days: setting("at-risk-ticket-days")?.parse().unwrap_or(14),
    };
    let pipeline = db.pipeline()?;
    let paying: Vec<String> = match db.paying_stage()? {
        Some(p) => pipeline
            .iter()
            .skip_while(|s| !s.eq_ignore_ascii_case(&p))
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    let mut health: BTreeMap<i64, (String, bool, Health)> = BTreeMap::new();
    // The maintained rhythm alarm has gone off by today (a day early, so
    // the exact check in `rules::at_risk_signals` decides).
    for (id, name, dnc, first, last, count) in db.quiet_customers(&paying, &today.to_string())? {
        let h = &mut health
            .entry(id)
            .or_insert_with(|| (name, dnc, Health::default()))
            .2;
        h.first_contact = day(&first);
        h.last_contact = day(&last);
        h.contacts = count;
    }
    let ticket_cutoff = today
        .checked_sub_days(Days::new(t.ticket_days.max(0) as u64))
        .unwrap_or(today);
    for (id, name, dnc, ticket, opened, _) in
        db.open_tickets_before(&start_of(ticket_cutoff.succ_opt().unwrap_or(ticket_cutoff)))?
    {
        let h = &mut health
            .entry(id)
            .or_insert_with(|| (name, dnc, Health::default()))
            .2;
        if h.oldest_ticket.is_none() {
            h.oldest_ticket = day(&opened).map(|d| (ticket, d));
        }
    }
    for (id, name, dnc, purchase, due) in db.late_payments(&today.to_string())? {
        let h = &mut health
            .entry(id)
            .or_insert_with(|| (name, dnc, Health::default()))
            .2;
        if h.late_payment.is_none() {
            h.late_payment = day(&due).map(|d| (purchase, d));
        }
    }
    let mut items = Vec::new();
    for (id, (name, dnc, h)) in health {
        if dnc {
            continue;
        }
        let signals = rules::at_risk_signals(&h, &t, today);
        if signals.is_empty() {
            continue;
        }
        // A new signal (a later quiet spell, another ticket, another
        // invoice) is a new alert even if the last one was done.
        let spell = format!(
            "{}/{}/{}",
            h.last_contact.map(|d| d.to_string()).unwrap_or_default(),
            h.oldest_ticket.map(|t| t.0).unwrap_or(0),
            h.late_payment.map(|p| p.0).unwrap_or(0)
        );
        let reminder = Reminder {
            key: format!("at-risk-{id}"),
            spell,
            due: today,
            overdue: false,
            what: "At risk: reach out before they leave".into(),
            why: signals.join("; "),
        };
        if let Some(r) = apply_state(states, reminder, today, until) {
            items.push(reminder_item(DueKind::AtRisk, r, id, &name, None));
        }
    }
    Ok(items)
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
        match render_for(db, &template, &contact, clock)? {
            Ok(draft) => item.draft = Some(draft),
            Err(e) => item.draft_error = Some(e),
        }
    }
    Ok(())
}

/// A template rendered for a contact, or why it cannot be.
pub fn render_for(
    db: &Db<'_>,
    template: &crate::domain::template::Template,
    contact: &Contact,
    clock: Clock,
) -> Result<Result<Draft, String>> {
    let last_purchase = db
        .recent_interactions(Some(contact.id), 200)?
        .into_iter()
        .find(|i| i.kind == crate::domain::interaction::Kind::Purchase)
        .map(|i| i.summary);
    let today = clock.today();
    let value = |key: &str| -> Option<String> {
        let mut words = contact.name.split_whitespace();
        match key {
            "first_name" => words.next().map(String::from),
            "last_name" => words
                .clone()
                .last()
                .filter(|_| contact.name.contains(' '))
                .map(String::from),
            "name" => Some(contact.name.clone()),
            "email" => contact.email.clone(),
            "company" => contact.company.clone(),
            "title" => contact.title.clone(),
            "location" => contact.location.clone(),
            "source" => contact.source.clone(),
            "stage" => Some(contact.stage.clone()),
            "days_since_contact" => contact
                .last_contact_at
                .as_deref()
                .and_then(timestamp_date)
                .map(|d| (today - d).num_days().to_string()),
            "last_purchase" => last_purchase.clone(),
            other => contact.fields.get(other).cloned(),
        }
    };
    Ok(template.draft(&value))
}

/// A duration as days from today, for --within.
pub fn until(today: NaiveDate, within: Option<&str>) -> Result<NaiveDate> {
    match within {
        Some(text) => Duration::parse(text)
            .map_err(anyhow::Error::msg)?
            .add_to(today)
            .ok_or_else(|| anyhow::anyhow!("--within '{text}' reaches too far")),
        None => Ok(today),
    }
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
