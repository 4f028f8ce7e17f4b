//! `import contacts`: one streaming pass, one transaction, every row
//! validated, matched against the book, and added, merged or rejected.

use super::dates::{self, DateOrder};
use super::input::CsvInput;
use super::mapping::{generic_target, location_rank, Pair, Target};
use super::merge::{self, Change};
use super::presets::Preset;
use super::{cells, OnDuplicate, Rejects, Summary};
use crate::domain::contact::{
    clean_text, phone_key, validate_email, validate_field_key, validate_name, validate_phone,
    validate_tag, NewContact,
};
use crate::error::Result;
use crate::ops::rules::RuleEffect;
use crate::store::Db;
use crate::{internal, refused};
use std::collections::BTreeMap;

pub struct Options {
    pub source: String,
    /// `--preset`; None reads the header row to recognise one.
    pub preset: Option<&'static dyn Preset>,
    pub maps: Vec<(String, Target)>,
    pub stage_maps: Vec<(String, String)>,
    pub on_duplicate: OnDuplicate,
    /// Whether entering a stage by import fires its on-enter rules.
    pub fire_rules: bool,
    /// `--date-order`: how to read every ambiguous numeric date.
    pub date_order: Option<DateOrder>,
    /// `--keep-unmapped`: a column nothing reads becomes a custom field.
    pub keep_unmapped: bool,
}

/// What each column feeds, decided once from the header row.
struct Plan {
    columns: Vec<Option<Target>>,
    preset: Option<&'static dyn Preset>,
    pipeline: Vec<String>,
    stage_maps: Vec<(String, String)>,
    /// Birthdays after today are refused, as `add` refuses them.
    today: chrono::NaiveDate,
    now: String,
    /// Each column's date order: --date-order, else the file's evidence,
    /// else the preset's; None refuses an ambiguous date.
    date_orders: Vec<Option<DateOrder>>,
    /// Where each column's part goes in a joined location, read once.
    location_ranks: Vec<u8>,
}

pub fn run(
    db: &Db<'_>,
    input: &mut CsvInput,
    options: &Options,
    rejects: Option<&mut dyn Rejects>,
    tick: &mut dyn FnMut(),
) -> Result<Summary> {
    let mut summary = Summary {
        source: options.source.clone(),
        encoding: input.encoding.map(String::from),
        delimiter: (input.delimiter != b',').then(|| (input.delimiter as char).to_string()),
        ..Summary::default()
    };
    let mut plan = plan_columns(db, &input.headers, options, &mut summary)?;
    plan.date_orders = (0..input.headers.len())
        .map(|i| {
            options
                .date_order
                .or(input.date_evidence.get(i).copied().flatten())
                .or(plan.preset.and_then(|p| p.date_order()))
        })
        .collect();
    let batch = db.create_import_batch("contacts", &options.source, summary.preset.as_deref())?;
    summary.batch = Some(batch);
    db.begin_bulk()?;
    let headers = input.headers.clone();
    let (offset, line_column) = (input.line_offset, input.line_column);
    let dropped = std::cell::RefCell::new(Vec::new());
    super::each_record(
        input,
        &mut summary,
        rejects,
        tick,
        |record| {
            let mut bad = Vec::new();
            let row = read_row(&plan, &headers, record, &mut bad);
            if !bad.is_empty() && row.is_ok() {
                let line = super::record_line(record, offset, line_column);
                let mut d = dropped.borrow_mut();
                for why in bad {
                    if d.len() < super::REPORTED_ROWS {
                        d.push((line, why));
                    }
                }
            }
            match row? {
                Some(incoming) => {
                    store_row(db, batch, &plan, options, incoming).map_err(|e| e.to_string())
                }
                None => Ok(Outcome::Skipped(super::record_line(
                    record,
                    offset,
                    line_column,
                ))),
            }
        },
        |summary, outcome| match outcome {
            Outcome::Added(notes) => {
                summary.added += 1;
                summary.rule_effects(&notes);
            }
            Outcome::KeptApart(notes, pair) => {
                summary.added += 1;
                summary.rule_effects(&notes);
                summary.kept_apart_count += 1;
                if summary.kept_apart.len() < super::REPORTED_ROWS {
                    summary.kept_apart.push(pair);
                }
            }
            Outcome::Updated(notes) => {
                summary.updated += 1;
                summary.rule_effects(&notes);
            }
            Outcome::Unchanged => summary.unchanged += 1,
            Outcome::Skipped(line) => {
                summary.skipped += 1;
                if summary.skipped_lines.len() < super::REPORTED_ROWS {
                    summary.skipped_lines.push(line);
                }
            }
        },
    )?;
    summary.dropped_values = dropped.into_inner();
    db.finish_bulk()?;
    db.finish_import_batch(
        batch,
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.invalid,
    )?;
    Ok(summary)
}

/// A header as a field key: lower case, words joined by `_` ("Favourite
/// colour" → favourite_colour); None when nothing of it is left.
fn field_key_from_header(header: &str) -> Option<String> {
    let mut key = String::new();
    for c in header.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
    }
    let key = key.trim_end_matches('_').to_string();
    crate::domain::contact::validate_field_key(&key).ok()
}

fn plan_columns(
    db: &Db<'_>,
    headers: &[String],
    options: &Options,
    summary: &mut Summary,
) -> Result<Plan> {
    let preset = match options.preset {
        Some(p) => Some(p),
        None => {
            let found = super::presets::detect(headers);
            summary.preset_detected = found.is_some();
            found
        }
    };
    summary.preset = preset.map(|p| p.name().to_string());
    for (header, _) in &options.maps {
        if !headers.iter().any(|h| h.eq_ignore_ascii_case(header)) {
            return Err(refused!(
                "--map names '{header}', which is not a column of the file: its columns are {}",
                headers.join(", ")
            ));
        }
    }
    let mut columns: Vec<Option<Target>> = Vec::with_capacity(headers.len());
    for h in headers {
        let read = options
            .maps
            .iter()
            .find(|(m, _)| m.eq_ignore_ascii_case(h))
            .map(|(_, t)| t.clone())
            .or_else(|| preset.and_then(|p| p.target(h)))
            .or_else(|| generic_target(h));
        // --keep-unmapped: what nothing reads becomes a field, and is named.
        let kept = match read {
            None if options.keep_unmapped => field_key_from_header(h).map(Target::Field),
            _ => None,
        };
        if kept.is_some() {
            summary.kept_columns.push(h.clone());
        }
        columns.push(read.or(kept));
    }
    summary.ignored_columns = headers
        .iter()
        .zip(&columns)
        .filter(|(h, t)| t.is_none() && !h.is_empty())
        .map(|(h, _)| h.clone())
        .collect();
    let names = [
        Target::Name,
        Target::FirstName,
        Target::LastName,
        Target::Email,
    ];
    if !columns.iter().flatten().any(|t| names.contains(t)) {
        return Err(refused!(
            "no column gives a name or an email: expected a header such as name, first name, last name or email \
             (the columns are {}; use --map HEADER=name)",
            headers.join(", ")
        ));
    }
    let pipeline = db.pipeline()?;
    for (value, stage) in &options.stage_maps {
        if !pipeline.iter().any(|s| s.eq_ignore_ascii_case(stage)) {
            return Err(refused!(
                "--stage-map '{value}={stage}': unknown stage '{stage}': expected one of {}",
                pipeline.join(", ")
            ));
        }
    }
    Ok(Plan {
        columns,
        preset,
        pipeline,
        stage_maps: options.stage_maps.clone(),
        today: db.clock().today(),
        now: db.now(),
        date_orders: Vec::new(),
        location_ranks: headers.iter().map(|h| location_rank(h)).collect(),
    })
}

/// A row as a contact to add or merge, None for a row about nobody, or
/// the reason it is invalid.
/// Google's label and value columns, by pair: (label, value).
type LabelledPairs<'a> = BTreeMap<(Pair, u8), (Option<&'a str>, Option<&'a str>)>;

/// A value of an optional field that is not valid is dropped, and why is
/// pushed to `dropped`; the row stays. An ambiguous date is no bad value:
/// it refuses the row, naming --date-order.
fn read_row(
    plan: &Plan,
    headers: &[String],
    record: &csv::ByteRecord,
    dropped: &mut Vec<String>,
) -> Result<Option<NewContact>, String> {
    let mut optional = |what: &str, outcome: Result<(), String>| -> Result<(), String> {
        match outcome {
            Err(e) if !e.contains("--date-order") => {
                dropped.push(format!("{what}: {e}"));
                Ok(())
            }
            other => other,
        }
    };
    let values = cells(record, headers.len())?;
    let split = |v: &str| -> Vec<String> {
        match plan.preset {
            Some(p) => p.split(v).into_iter().map(String::from).collect(),
            None => v
                .split([',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        }
    };
    let mut name = None;
    let (mut first, mut middle, mut last) = (None, None, None);
    let mut emails: Vec<String> = Vec::new();
    let mut phones: Vec<String> = Vec::new();
    let mut locations: BTreeMap<u8, Vec<(u8, &str)>> = BTreeMap::new();
    let mut notes: Vec<&str> = Vec::new();
    let mut birth: [Option<&str>; 3] = [None; 3];
    let mut labelled: LabelledPairs<'_> = BTreeMap::new();
    let mut new = NewContact::default();
    for (column, (target, value)) in plan.columns.iter().zip(values).enumerate() {
        let order = plan.date_orders.get(column).copied().flatten();
        let value = value.trim();
        let Some(target) = target else { continue };
        if value.is_empty() {
            continue;
        }
        match target {
            Target::Name => name = Some(value),
            Target::FirstName => first = Some(value),
            Target::MiddleName => middle = Some(value),
            Target::LastName => last = Some(value),
            Target::Email => emails.extend(split(value)),
            Target::Phone => phones.extend(split(value)),
            Target::Company if new.company.is_none() => new.company = clean_text(value)?,
            Target::Title if new.title.is_none() => new.title = clean_text(value)?,
            Target::Company | Target::Title => {}
            Target::Location(group) => {
                let rank = plan.location_ranks.get(column).copied().unwrap_or(1);
                locations.entry(*group).or_default().push((rank, value))
            }
            Target::Created | Target::Milestone(_) => {
                let mut moment = None;
                let what = if *target == Target::Created {
                    "created"
                } else {
                    "milestone"
                };
                optional(
                    what,
                    dates::parse_moment_in(value, order).map(|m| moment = m),
                )?;
                let Some(at) = moment.map(crate::clock::format_timestamp) else {
                    continue;
                };
                match target {
                    Target::Milestone(stage) => {
                        let mut known = None;
                        optional(
                            &headers[column],
                            resolve_stage(plan, stage).map(|s| known = Some(s)),
                        )?;
                        if let Some(stage) = known {
                            new.milestones.push((stage, at));
                        }
                    }
                    _ => new.created = Some(at),
                }
            }
            Target::Source => new.source = clean_text(value)?,
            Target::Stage => new.stage = Some(resolve_stage(plan, value)?),
            Target::Tags => {
                for label in split(value) {
                    let tag = plan.preset.map_or(Some(label.clone()), |p| p.tag(&label));
                    if let Some(tag) = tag.and_then(|t| tag_from_label(&t)) {
                        if !new.tags.contains(&tag) {
                            new.tags.push(tag);
                        }
                    }
                }
            }
            Target::Birthday => optional(
                "birthday",
                dates::parse_birthday_in(value, plan.today, order).map(|b| new.birthday = b),
            )?,
            Target::Note => notes.push(value),
            Target::Field(key) => {
                let value = if key == "connected_on" || key == "anniversary" {
                    let mut day = None;
                    optional(key, dates::parse_date_in(value, order).map(|d| day = d))?;
                    match day {
                        Some(d) => d.format("%Y-%m-%d").to_string(),
                        None => continue,
                    }
                } else {
                    value.to_string()
                };
                new.fields.retain(|(k, _)| k != key);
                new.fields.push((key.clone(), value));
            }
            Target::LastContacted => {
                let mut day = None;
                optional(
                    "last contacted",
                    dates::parse_date_in(value, order).map(|d| day = d),
                )?;
                if let Some(d) = day {
                    let noon =
                        d.and_time(chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default());
                    let at = crate::clock::format_timestamp(crate::clock::local_to_utc(noon));
                    // A last contact that would be in the future is the import day.
                    if at.as_str() <= plan.now.as_str() {
                        new.quiet_since = Some(at);
                    }
                }
            }
            Target::DoNotContact => {
                new.do_not_contact = !matches!(
                    value.to_ascii_lowercase().as_str(),
                    "false" | "no" | "0" | "n"
                )
            }
            Target::Uid => {
                let uid = value.trim();
                if uid.len() > 255 || uid.chars().any(char::is_control) {
                    return Err(format!(
                        "UID '{}' is not one rapport can keep: expected up to 255 printable characters",
                        crate::domain::text::shown(uid)
                    ));
                }
                new.uid = Some(uid.to_string());
            }
            Target::Fields => {
                for pair in split(value) {
                    let Some((key, v)) = pair.split_once('=') else {
                        continue;
                    };
                    let key = validate_field_key(key)?;
                    if !v.trim().is_empty() {
                        new.fields.retain(|(k, _)| *k != key);
                        new.fields.push((key, v.trim().to_string()));
                    }
                }
            }
            Target::MarketingStatus => {
                let v = value.to_ascii_lowercase();
                if v.contains("unsubscribed") || v.contains("opted out") || v.contains("opt-out") {
                    new.do_not_contact = true;
                }
            }
            Target::Labelled(pair, n, is_label) => {
                let slot = labelled.entry((*pair, *n)).or_insert((None, None));
                if *is_label {
                    slot.0 = Some(value);
                } else {
                    slot.1 = Some(value);
                }
            }
            Target::BirthPart(i) => birth[usize::from(*i).min(2)] = Some(value),
            Target::Consent(how) => {
                if let Some(d) = dates::parse_date_in(value, order)? {
                    let day = d.format("%Y-%m-%d").to_string();
                    // OPTIN_TIME and CONFIRM_TIME: the first consent is the one.
                    match new.consents.first_mut() {
                        _ if day.as_str() > plan.today.to_string().as_str() => {}
                        Some(c) if c.given_on == day && how.contains("double") => {
                            c.how = Some(how.to_string());
                        }
                        Some(c) if c.given_on <= day => {}
                        Some(c) => {
                            c.given_on = day;
                            c.how = Some(how.to_string());
                        }
                        None => new.consents.push(crate::domain::contact::Consent {
                            purpose: "email marketing".into(),
                            given_on: day,
                            how: Some(how.to_string()),
                        }),
                    }
                }
            }
            Target::Ignore => {}
        }
    }
    for ((pair, _), (label, value)) in labelled {
        let Some(value) = value else { continue };
        let label = label.unwrap_or(match pair {
            Pair::Event => "event",
            Pair::Custom => "custom",
            Pair::Relation => "relation",
        });
        let slug: String = label
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect::<String>()
            .split('_')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        let Ok(key) = validate_field_key(&slug) else {
            optional(label, Err(format!("'{label}' cannot name a field")))?;
            continue;
        };
        // An event's date as rapport keeps dates; a yearless one as written.
        let value = match (pair, dates::parse_date_in(value, Some(DateOrder::Mdy))) {
            (Pair::Event, Ok(Some(d))) => d.format("%Y-%m-%d").to_string(),
            _ => value.to_string(),
        };
        new.fields.retain(|(k, _)| *k != key);
        new.fields.push((key, value));
    }
    if let (None, [year, Some(month), Some(day)]) = (&new.birthday, birth) {
        let (m, d) = (month.parse::<u32>(), day.parse::<u32>());
        let (Ok(m), Ok(d)) = (m, d) else {
            return Err(format!(
                "birth month '{month}' and day '{day}' are not a date"
            ));
        };
        let text = match year.filter(|y| !y.is_empty()) {
            Some(y) => format!("{y}-{m:02}-{d:02}"),
            None => format!("--{m:02}-{d:02}"),
        };
        new.birthday = dates::parse_birthday(&text, plan.today)?;
    }
    if new.do_not_contact {
        // An unsubscribe's row: whatever they once agreed to, they took back.
        new.consents.clear();
    }
    let mut emails = emails.into_iter();
    new.email = emails.next().map(|e| validate_email(&e)).transpose()?;
    let others: Vec<String> = emails
        .map(|e| validate_email(&e))
        .collect::<Result<_, _>>()?;
    if !others.is_empty() {
        new.fields.push(("other_emails".into(), others.join(", ")));
    }
    let mut phones = phones.into_iter();
    if let Some(p) = phones.next() {
        optional("phone", import_phone(&p).map(|p| new.phone = Some(p)))?;
    }
    let others: Vec<String> = phones.collect();
    if !others.is_empty() {
        new.fields.push(("other_phones".into(), others.join(", ")));
    }
    new.location = locations.into_values().next().map(|mut parts| {
        parts.sort_by_key(|(rank, _)| *rank);
        parts
            .iter()
            .map(|(_, part)| *part)
            .collect::<Vec<_>>()
            .join(", ")
    });
    new.milestones.sort_by(|a, b| a.1.cmp(&b.1));
    new.note = (!notes.is_empty()).then(|| notes.join("\n"));
    if new.source.is_none() {
        new.source = plan
            .preset
            .and_then(|p| p.default_source())
            .map(String::from);
    }
    let joined = [first, middle, last]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let name = name
        .map(String::from)
        .or((!joined.is_empty()).then_some(joined))
        .or_else(|| new.email.clone());
    new.name = match name {
        Some(n) => validate_name(&n)?,
        None if new.phone.is_none() => return Ok(None),
        None => return Err("no name and no email: a contact needs at least one".to_string()),
    };
    for (key, _) in &new.fields {
        validate_field_key(key)?;
    }
    Ok(Some(new))
}

/// Exports write phones every way; an extension ("x12", "ext. 12") is kept
/// as written, and the number before it must be a phone number.
fn import_phone(text: &str) -> Result<String, String> {
    let lower = text.to_ascii_lowercase();
    let number = match lower.find(" x").or_else(|| lower.find("ext")) {
        Some(i) => &text[..i],
        None => text,
    };
    validate_phone(number.trim_start_matches('\''))?;
    Ok(text.trim().trim_start_matches('\'').to_string())
}

/// Labels as tags: lower case, one word ("Close friends" → close-friends).
fn tag_from_label(label: &str) -> Option<String> {
    let word: String = label
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_:/.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let word = word
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    validate_tag(&word).ok()
}

/// A stage value: --stage-map first, then a stage of the pipeline, then
/// what the preset knows (HubSpot's lifecycle stages).
fn resolve_stage(plan: &Plan, value: &str) -> Result<String, String> {
    if let Some((_, stage)) = plan
        .stage_maps
        .iter()
        .find(|(v, _)| v.eq_ignore_ascii_case(value))
    {
        return Ok(canonical(&plan.pipeline, stage));
    }
    if let Some(stage) = plan.pipeline.iter().find(|s| s.eq_ignore_ascii_case(value)) {
        return Ok(stage.clone());
    }
    if let Some(stage) = plan.preset.and_then(|p| p.stage(value, &plan.pipeline)) {
        return Ok(stage);
    }
    Err(format!(
        "unknown stage '{value}': expected one of {}, or map it with --stage-map '{value}=STAGE'",
        plan.pipeline.join(", ")
    ))
}

fn canonical(pipeline: &[String], stage: &str) -> String {
    pipeline
        .iter()
        .find(|s| s.eq_ignore_ascii_case(stage))
        .cloned()
        .unwrap_or_else(|| stage.to_string())
}

/// What became of a row, with what the rules said of it.
enum Outcome {
    Added(Vec<RuleEffect>),
    /// Added, though their phone is another contact's (of another name).
    KeptApart(Vec<RuleEffect>, String),
    /// A row about nobody (no name, email or phone: LinkedIn's members who
    /// hide their details), at this line.
    Skipped(u64),
    Updated(Vec<RuleEffect>),
    Unchanged,
}

fn store_row(
    db: &Db<'_>,
    batch: i64,
    plan: &Plan,
    options: &Options,
    new: NewContact,
) -> Result<Outcome> {
    let fire_rules = options.fire_rules;
    let phone = new.phone.as_deref().map(phone_key);
    // A card exported from this book (or imported before) is its contact.
    let by_uid = match &new.uid {
        Some(uid) => db.contact_by_uid(uid)?,
        None => None,
    };
    // A row without a name of its own (its email stands in) agrees with any.
    let nameless = new.email.as_deref() == Some(new.name.as_str());
    let same_person = |other: &str| nameless || same_name(&new.name, other);
    let (existing, apart) = match by_uid {
        Some(id) => (Some(id), None),
        None => db.find_duplicate(
            new.email.as_deref(),
            phone.as_deref(),
            &new.name,
            new.company.as_deref(),
            &same_person,
        )?,
    };
    let Some(id) = existing else {
        let (id, notes, moves) = crate::ops::contact::insert(db, &new, "import", fire_rules)?;
        // How many stage moves are the batch's own (a dated journey has more).
        db.record_import_change(batch, id, "added", None, Some(&moves.to_string()))?;
        // Their consents are the batch's own: undo tells them from later ones.
        for c in &new.consents {
            let what = format!("{} {}", c.given_on, c.purpose);
            db.record_import_change(batch, id, "consent", None, Some(&what))?;
        }
        if let Some((other, _)) = &apart {
            // Listed by `import list --possible-duplicates` until merged.
            db.record_import_change(batch, id, "kept_apart", None, Some(&other.to_string()))?;
        }
        return Ok(match apart {
            Some((other, other_name)) => Outcome::KeptApart(
                notes,
                format!(
                    "#{id} {} shares a phone with #{other} {}",
                    crate::domain::text::shown(&new.name),
                    crate::domain::text::shown(&other_name)
                ),
            ),
            None => Outcome::Added(notes),
        });
    };
    let contact = db
        .contact(id)?
        .ok_or_else(|| internal!("contact #{id} vanished"))?;
    match options.on_duplicate {
        OnDuplicate::Skip => return Ok(Outcome::Unchanged),
        OnDuplicate::Error => {
            return Err(refused!(
                "duplicate of #{id} {} (--on-duplicate error)",
                contact.name
            ))
        }
        OnDuplicate::Merge => {}
    }
    let revision_before = db.contact_revision(id)?;
    let mut notes = Vec::new();
    let mut merge = merge::plan(&contact, &new, &plan.pipeline);
    if let Some(Some(email)) = &merge.changes.email {
        // Matched by phone or name, with an email that someone else has.
        if db.contact_with_email(email, Some(id))?.is_some() {
            merge.changes.email = None;
            merge.record.retain(|c| c.target != "email");
        }
    }
    if !new.consents.is_empty() {
        let held = db.consents(id)?;
        for c in &new.consents {
            let known = held
                .iter()
                .any(|h| h.purpose == c.purpose && h.given_on == c.given_on && h.how == c.how);
            if !known {
                merge.changes.add_consents.push(c.clone());
                merge.record.push(Change {
                    target: "consent".into(),
                    old: None,
                    // What undo takes back: `DAY PURPOSE`.
                    new: Some(format!("{} {}", c.given_on, c.purpose)),
                });
            }
        }
    }
    if merge.is_empty() {
        return Ok(Outcome::Unchanged);
    }
    if !merge.changes.is_empty() {
        let changes = merge.changes.clone().validated(plan.today)?;
        db.update_contact(id, &changes)?;
    }
    if let Some(stage) = &merge.stage {
        // Leaving cancels what the old stage's rules scheduled either way;
        // only --fire-rules lets the new stage's rules schedule more.
        let entered = crate::ops::stage::enter(
            db,
            id,
            &contact.stage,
            stage,
            &db.now(),
            Some("import"),
            fire_rules,
        )?;
        notes = entered.effects;
        let history = entered.move_id;
        merge.record.push(Change {
            target: "stage".into(),
            old: Some(contact.stage.clone()),
            new: Some(stage.clone()),
        });
        merge.record.push(Change {
            target: "stage_move".into(),
            old: Some(contact.stage_since.clone()),
            new: Some(history.to_string()),
        });
    }
    for change in &merge.record {
        db.record_import_change(
            batch,
            id,
            &change.target,
            change.old.as_deref(),
            change.new.as_deref(),
        )?;
    }
    // The revision before and after: undo puts it back, so that undoing a
    // later batch first leaves this one undoable.
    let revision = db.contact_revision(id)?;
    db.record_import_change(
        batch,
        id,
        "revision",
        Some(&revision_before.to_string()),
        Some(&revision.to_string()),
    )?;
    Ok(Outcome::Updated(notes))
}

/// Whether two names are one person's: the same words, whatever their
/// case, accents or order ("Lima, Ana" and "ana lima").
fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        let mut w: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(crate::domain::text::folded)
            .collect();
        w.sort();
        w
    };
    let (a, b) = (words(a), words(b));
    !a.is_empty() && a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_become_tags() {
        assert_eq!(
            tag_from_label("Close friends").as_deref(),
            Some("close-friends")
        );
        assert_eq!(tag_from_label("VIP").as_deref(), Some("vip"));
        assert_eq!(tag_from_label("  "), None);
    }

    #[test]
    fn phones_with_extensions() {
        assert_eq!(
            import_phone("+1 (555) 010-0000 x12").unwrap(),
            "+1 (555) 010-0000 x12"
        );
        assert_eq!(import_phone("555-0100 ext. 7").unwrap(), "555-0100 ext. 7");
        assert!(import_phone("call me").is_err());
    }
}
