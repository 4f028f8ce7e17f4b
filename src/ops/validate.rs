//! Whole records checked as `add`, `log` and the rest check what they take:
//! what `import all` reads from an export (which anyone can edit) and what
//! `check` finds stored. Each function lists every problem of one record,
//! each naming its field; none stops at the first.

use crate::domain::contact::{
    clean_text, validate_email, validate_field_key, validate_name, validate_phone, validate_tag,
};
use crate::domain::due::parse_item_id;
use crate::domain::interaction::{check_extras, parse_direction, Cents, Kind};
use crate::domain::rules::RuleKind;
use crate::domain::settings;
use crate::domain::stage::validate_stage_name;
use crate::domain::template::Template;
use crate::domain::text::free_text;
use crate::domain::when::{check_day, check_timestamp, parse_birthday, Duration};
use crate::domain::Invalid;
use crate::store::{
    ContactRecord, FollowUpRecord, InteractionRecord, PointsRecord, ReminderRecord, RuleRecord,
    StageMoveRecord, StageRecord, TemplateRecord,
};
use chrono::NaiveDate;

/// The problems of one record, each `field: what is wrong`.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<String>);

impl Problems {
    fn check<T>(&mut self, field: &str, outcome: Result<T, Invalid>) {
        if let Err(e) = outcome {
            self.0.push(format!("{field}: {e}"));
        }
    }

    fn say(&mut self, field: &str, text: String) {
        self.0.push(format!("{field}: {text}"));
    }

    fn id(&mut self, field: &str, id: i64) {
        if id <= 0 {
            self.say(
                field,
                format!("{id} is not an id: expected a positive number"),
            );
        }
    }

    fn uid(&mut self, uid: &str) {
        if uid.is_empty() || uid.len() > 64 || !uid.chars().all(|c| c.is_ascii_alphanumeric()) {
            self.say(
                "uid",
                format!(
                    "'{}' is not a uid: expected up to 64 letters and digits",
                    crate::domain::text::shown(uid)
                ),
            );
        }
    }

    fn line(&mut self, field: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.check(field, clean_text(v));
        }
    }

    fn timestamp(&mut self, field: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.check(field, check_timestamp(v));
        }
    }

    fn day(&mut self, field: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.check(field, check_day(v));
        }
    }

    fn stage(&mut self, field: &str, stage: &str, pipeline: &[String]) {
        if !pipeline.iter().any(|s| s == stage) {
            self.say(
                field,
                format!(
                    "'{}' is not a stage of the pipeline ({})",
                    crate::domain::text::shown(stage),
                    pipeline.join(", ")
                ),
            );
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

pub fn stage(s: &StageRecord) -> Problems {
    let mut p = Problems::default();
    p.check("name", validate_stage_name(&s.name));
    p.uid(&s.uid);
    if s.position < 0 {
        p.say(
            "position",
            format!("{} is not a position: expected 0 or more", s.position),
        );
    }
    p.timestamp("updated_at", Some(&s.updated_at));
    p
}

/// A setting as stored: None for a key earlier versions had (dropped).
pub fn setting(key: &str, value: &str, pipeline: &[String]) -> Result<Option<String>, Invalid> {
    if settings::RETIRED.contains(&key) {
        return Ok(None);
    }
    let k = settings::key(key)?;
    k.validate(value, pipeline).map(Some)
}

pub fn rule(r: &RuleRecord, pipeline: &[String]) -> Problems {
    let mut p = Problems::default();
    p.id("id", r.id);
    p.uid(&r.uid);
    if RuleKind::parse(&r.kind).is_none() {
        p.say(
            "kind",
            format!(
                "'{}' is not a kind of rule: expected on-enter, dormant, cadence, birthday, anniversary or review",
                crate::domain::text::shown(&r.kind)
            ),
        );
    }
    for stage in r.stages.iter().flat_map(|s| s.split(',')) {
        p.stage("stages", stage, pipeline);
    }
    if let Some(tag) = &r.tag {
        p.check("tag", validate_tag(tag));
    }
    if let Some(band) = &r.band {
        if crate::domain::rules::Band::parse(band).is_none() {
            p.say(
                "band",
                format!(
                    "'{}' is not a band: expected detractor, passive or promoter",
                    crate::domain::text::shown(band)
                ),
            );
        }
    }
    for (field, value) in [("after", &r.after), ("every", &r.every), ("max", &r.max)] {
        if let Some(v) = value {
            p.check(field, Duration::parse(v));
        }
    }
    if let Some(days) = r.days_ahead {
        if !(0..=366).contains(&days) {
            p.say(
                "days_ahead",
                format!("{days} is out of range: expected 0 to 366"),
            );
        }
    }
    if let Some(field) = &r.field {
        p.check("field", validate_field_key(field));
    }
    p.line("note", r.note.as_deref());
    if let Some(t) = &r.template {
        p.check("template", validate_name(t));
    }
    p.timestamp("created_at", Some(&r.created_at));
    p.timestamp("updated_at", Some(&r.updated_at));
    p
}

pub fn template(t: &TemplateRecord) -> Problems {
    let mut p = Problems::default();
    p.check(
        "template",
        Template::new(&t.name, t.subject.clone(), t.body.clone()),
    );
    p.uid(&t.uid);
    p.timestamp("created_at", Some(&t.created_at));
    p.timestamp("updated_at", Some(&t.updated_at));
    p
}

pub fn contact(c: &ContactRecord, today: NaiveDate, pipeline: &[String]) -> Problems {
    let mut p = Problems::default();
    p.id("id", c.id);
    p.uid(&c.uid);
    p.check("name", validate_name(&c.name));
    if let Some(e) = &c.email {
        p.check("email", validate_email(e));
    }
    if let Some(phone) = &c.phone {
        p.check("phone", validate_phone(phone));
    }
    p.line("company", c.company.as_deref());
    p.line("title", c.title.as_deref());
    p.line("location", c.location.as_deref());
    p.line("source", c.source.as_deref());
    p.stage("stage", &c.stage, pipeline);
    for tag in &c.tags {
        p.check("tags", validate_tag(tag));
    }
    if let Some(b) = &c.birthday {
        p.check("birthday", parse_birthday(b, today));
    }
    for (key, value) in &c.fields {
        p.check("fields", validate_field_key(key));
        match clean_text(value) {
            Ok(Some(_)) => {}
            Ok(None) => p.say("fields", format!("field '{key}' has no value")),
            Err(e) => p.say("fields", e.to_string()),
        }
    }
    if let Some(r) = c.referred_by {
        p.id("referred_by", r);
    }
    if let Some(note) = &c.note {
        p.check("note", free_text(note));
    }
    p.timestamp("stage_since", Some(&c.stage_since));
    p.timestamp("created_at", Some(&c.created_at));
    p.timestamp("updated_at", Some(&c.updated_at));
    p.timestamp("last_contact_at", c.last_contact_at.as_deref());
    p.timestamp("quiet_since", c.quiet_since.as_deref());
    p.timestamp("lost_at", c.lost_at.as_deref());
    p.line("lost_reason", c.lost_reason.as_deref());
    p.day("next_follow_up", c.next_follow_up.as_deref());
    if c.revision < 0 {
        p.say(
            "revision",
            format!("{} is not a revision: expected 0 or more", c.revision),
        );
    }
    p
}

pub fn stage_move(m: &StageMoveRecord) -> Problems {
    let mut p = Problems::default();
    p.id("id", m.id);
    p.uid(&m.uid);
    p.id("contact_id", m.contact_id);
    // A move may name a stage since renamed or dropped: history is kept as
    // it was, so only the names' form is checked.
    if let Some(from) = &m.from {
        p.check("from", validate_stage_name(from));
    }
    p.check("to", validate_stage_name(&m.to));
    p.timestamp("at", Some(&m.at));
    p.line("reason", m.reason.as_deref());
    p.timestamp("updated_at", Some(&m.updated_at));
    p
}

pub fn interaction(i: &InteractionRecord) -> Problems {
    let mut p = Problems::default();
    p.id("id", i.id);
    p.uid(&i.uid);
    p.id("contact_id", i.contact_id);
    let kind = Kind::parse(&i.kind);
    p.check("kind", kind.clone());
    match free_text(&i.summary) {
        Ok(Some(_)) => {}
        Ok(None) => p.say("summary", "it is empty: say what happened".into()),
        Err(e) => p.say("summary", e.to_string()),
    }
    p.line("channel", i.channel.as_deref());
    p.timestamp("at", Some(&i.at));
    let shown_amount = |a: f64| {
        if a.abs() >= 1e15 {
            format!("{a:e}")
        } else {
            a.to_string()
        }
    };
    let amount = i.amount.map(|a| {
        let cents = (a * 100.0).round();
        if !a.is_finite() || (a * 100.0 - cents).abs() > 1e-6 || cents <= 0.0 {
            Err(Invalid::Amount(shown_amount(a)))
        } else if cents > Cents::MAX.0 as f64 {
            Err(Invalid::AmountTooLarge(shown_amount(a)))
        } else {
            Ok(Cents(cents as i64))
        }
    });
    let amount = match amount {
        Some(Ok(c)) => Some(c),
        Some(Err(e)) => {
            p.say("amount", e.to_string());
            None
        }
        None => None,
    };
    let rating = match i.rating {
        Some(r) if (0..=10).contains(&r) => Some(r as u8),
        Some(r) => {
            p.say("rating", Invalid::Rating(r.to_string()).to_string());
            None
        }
        None => None,
    };
    if let Ok(kind) = kind {
        if i.amount.is_none() || amount.is_some() {
            p.check("kind", check_extras(kind, amount, rating));
        }
        if kind != Kind::Ticket && (i.resolved_at.is_some() || i.resolution.is_some()) {
            p.say(
                "resolved_at",
                format!("only a ticket is resolved, not a {kind}"),
            );
        }
        if kind != Kind::Purchase && (i.payment_due.is_some() || i.paid_at.is_some()) {
            p.say(
                "payment_due",
                format!("only a purchase is invoiced, not a {kind}"),
            );
        }
    }
    p.timestamp("resolved_at", i.resolved_at.as_deref());
    if let Some(r) = &i.resolution {
        p.check("resolution", free_text(r));
    }
    p.day("payment_due", i.payment_due.as_deref());
    if let Some(paid) = &i.paid_at {
        if check_timestamp(paid).is_err() {
            p.day("paid_at", Some(paid));
        }
    }
    if let Some(d) = &i.direction {
        p.check("direction", parse_direction(d));
    }
    p.timestamp("created_at", Some(&i.created_at));
    p.timestamp("updated_at", Some(&i.updated_at));
    p
}

pub fn follow_up(f: &FollowUpRecord) -> Problems {
    let mut p = Problems::default();
    p.id("id", f.id);
    p.uid(&f.uid);
    p.id("contact_id", f.contact_id);
    p.day("due", Some(&f.due));
    if let Some(t) = &f.time {
        if chrono::NaiveTime::parse_from_str(t, "%H:%M").is_err() || t.len() != 5 {
            p.say(
                "time",
                format!(
                    "'{}' is not a time of day: expected HH:MM",
                    crate::domain::text::shown(t)
                ),
            );
        }
    }
    match clean_text(&f.note) {
        Ok(Some(_)) => {}
        Ok(None) => p.say("note", "it is empty".into()),
        Err(e) => p.say("note", e.to_string()),
    }
    if let Some(every) = &f.every {
        p.check("every", Duration::parse(every));
    }
    p.day("anchor", Some(&f.anchor));
    p.timestamp("done_at", f.done_at.as_deref());
    match f.outcome.as_deref() {
        None | Some("done") | Some("cancelled") => {}
        Some(other) => p.say(
            "outcome",
            format!(
                "'{}' is not an outcome: expected done or cancelled",
                crate::domain::text::shown(other)
            ),
        ),
    }
    if let Some(n) = &f.outcome_note {
        p.check("outcome_note", clean_text(n));
    }
    p.timestamp("created_at", Some(&f.created_at));
    p.timestamp("updated_at", Some(&f.updated_at));
    p
}

pub fn consent(r: &crate::store::ConsentRecord) -> Problems {
    let mut p = Problems::default();
    p.id("id", r.id);
    p.uid(&r.uid);
    p.id("contact_id", r.contact_id);
    match clean_text(&r.purpose) {
        Ok(Some(t)) if t.len() <= 100 => {}
        Ok(Some(_)) => p.say("purpose", "it is longer than 100 characters".into()),
        Ok(None) => p.say("purpose", "it is empty".into()),
        Err(e) => p.say("purpose", e.to_string()),
    }
    if let Some(how) = &r.how {
        p.check("how", clean_text(how));
    }
    p.day("given_on", Some(&r.given_on));
    p.day("withdrawn_on", r.withdrawn_on.as_deref());
    p.timestamp("updated_at", Some(&r.updated_at));
    p
}

pub fn points(r: &PointsRecord) -> Problems {
    let mut p = Problems::default();
    p.id("id", r.id);
    p.uid(&r.uid);
    p.id("contact_id", r.contact_id);
    if r.delta == 0 || r.delta.abs() > 1_000_000 {
        p.say("delta", Invalid::Points(r.delta.to_string()).to_string());
    }
    match clean_text(&r.reason) {
        Ok(Some(_)) => {}
        Ok(None) => p.say("reason", "it is empty".into()),
        Err(e) => p.say("reason", e.to_string()),
    }
    p.timestamp("at", Some(&r.at));
    p.timestamp("updated_at", Some(&r.updated_at));
    p
}

pub fn reminder(r: &ReminderRecord) -> Problems {
    let mut p = Problems::default();
    p.check("item", parse_item_id(&r.item));
    if r.spell.is_empty()
        || r.spell.len() > 64
        || !r
            .spell
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        p.say(
            "spell",
            format!(
                "'{}' is not a spell: expected a day or a word",
                crate::domain::text::shown(&r.spell)
            ),
        );
    }
    p.id("contact_id", r.contact_id);
    p.timestamp("done_at", r.done_at.as_deref());
    p.day("snoozed_until", r.snoozed_until.as_deref());
    p.timestamp("updated_at", Some(&r.updated_at));
    p
}
