//! `import interactions`: each row names its contact by email or id, with
//! a kind, a date, a summary and the kind's extras. Rows already in the
//! book (same contact, kind, time and summary) are left unchanged.

use super::input::CsvInput;
use super::mapping::normalise;
use super::{cells, Rejects, Summary};
use crate::clock::{format_timestamp, local_to_utc};
use crate::domain::contact::{validate_email, validate_name, NewContact};
use crate::domain::interaction::{check_extras, parse_direction, parse_rating, Cents, Kind};
use crate::error::Result;
use crate::refused;
use crate::store::{Db, NewInteraction};
use chrono::NaiveTime;

pub struct Options {
    pub source: String,
    pub maps: Vec<(String, String)>,
    pub create_contacts: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Email,
    ContactId,
    Name,
    Kind,
    Date,
    Summary,
    Amount,
    Rating,
    Channel,
    Direction,
}

fn column(name: &str) -> Option<Column> {
    let c = match normalise(name).as_str() {
        "email" | "emailaddress" | "contactemail" => Column::Email,
        "contactid" | "contact" | "id" => Column::ContactId,
        "name" | "contactname" | "fullname" => Column::Name,
        "kind" | "type" | "activitytype" => Column::Kind,
        "date" | "at" | "when" | "time" | "timestamp" => Column::Date,
        "summary" | "subject" | "description" | "note" | "notes" => Column::Summary,
        "amount" | "value" | "price" | "total" => Column::Amount,
        "rating" | "score" | "nps" => Column::Rating,
        "channel" | "via" => Column::Channel,
        "direction" | "inout" => Column::Direction,
        _ => return None,
    };
    Some(c)
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
    for (header, _) in &options.maps {
        if !input.headers.iter().any(|h| h.eq_ignore_ascii_case(header)) {
            return Err(refused!(
                "--map names '{header}', which is not a column of the file: its columns are {}",
                input.headers.join(", ")
            ));
        }
    }
    let mut columns: Vec<Option<Column>> = Vec::new();
    for h in &input.headers {
        let mapped = options.maps.iter().find(|(m, _)| m.eq_ignore_ascii_case(h));
        let c = match mapped {
            Some((_, field)) if field.eq_ignore_ascii_case("ignore") => None,
            Some((_, field)) => Some(column(field).ok_or_else(|| {
                refused!(
                    "'{field}' is not an interaction field to map to: expected email, contact_id, name, kind, date, summary, amount, rating, channel or ignore"
                )
            })?),
            None => column(h),
        };
        if c.is_none() && !h.is_empty() {
            summary.ignored_columns.push(h.clone());
        }
        columns.push(c);
    }
    let has = |c: Column| columns.contains(&Some(c));
    if !has(Column::Email) && !has(Column::ContactId) {
        return Err(refused!(
            "no column names the contact: expected an email or contact_id column (the columns are {})",
            input.headers.join(", ")
        ));
    }
    if !has(Column::Summary) {
        return Err(refused!(
            "no summary column: expected summary (or subject, description, note)"
        ));
    }
    let batch = db.create_import_batch("interactions", &options.source, None)?;
    summary.batch = Some(batch);
    db.begin_bulk()?;
    let headers = input.headers.clone();
    super::each_record(
        input,
        &mut summary,
        rejects,
        tick,
        |record| {
            row(db, &columns, &headers, record)
                .and_then(|r| store(db, batch, options, r).map_err(|e| e.to_string()))
        },
        |summary, added| {
            if added {
                summary.added += 1
            } else {
                summary.unchanged += 1
            }
        },
    )?;
    db.finish_bulk()?;
    db.finish_import_batch(batch, summary.added, 0, summary.unchanged, summary.invalid)?;
    Ok(summary)
}

struct Row {
    contact: Result<i64, (String, Option<String>)>,
    interaction: NewInteraction,
}

fn row(
    db: &Db<'_>,
    columns: &[Option<Column>],
    headers: &[String],
    record: &csv::ByteRecord,
) -> Result<Row, String> {
    let values = cells(record, headers.len())?;
    let get = |c: Column| -> Option<&str> {
        columns
            .iter()
            .zip(&values)
            .find(|(col, v)| **col == Some(c) && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    };
    let kind = get(Column::Kind)
        .map(Kind::parse)
        .transpose()?
        .unwrap_or(Kind::Note);
    let summary = get(Column::Summary)
        .ok_or("the summary is empty: say what happened")?
        .to_string();
    let amount = get(Column::Amount).map(Cents::parse_positive).transpose()?;
    let rating = get(Column::Rating).map(parse_rating).transpose()?;
    check_extras(kind, amount, rating)?;
    let date = get(Column::Date).ok_or("no date: expected YYYY-MM-DD or YYYY-MM-DD HH:MM")?;
    let at = parse_instant(date)?;
    if at > db.now() {
        return Err(format!(
            "date '{date}' is in the future: expected a time that has passed"
        ));
    }
    let contact = match (get(Column::ContactId), get(Column::Email)) {
        (Some(id), _) => {
            let id: i64 = id
                .trim_start_matches('#')
                .parse()
                .map_err(|_| format!("contact id '{id}' is not a number"))?;
            if !db.contact_exists(id).map_err(|e| e.to_string())? {
                return Err(format!("no contact #{id}"));
            }
            Ok(id)
        }
        (None, Some(email)) => {
            let email = validate_email(email)?;
            match db
                .contact_with_email(&email, None)
                .map_err(|e| e.to_string())?
            {
                Some((id, _)) => Ok(id),
                None => Err((email, get(Column::Name).map(String::from))),
            }
        }
        (None, None) => return Err("no email or contact id: the row names no contact".to_string()),
    };
    let interaction = NewInteraction {
        contact_id: 0,
        kind,
        summary,
        channel: get(Column::Channel).map(String::from),
        at,
        amount,
        rating,
        payment_due: None,
        direction: get(Column::Direction)
            .map(parse_direction)
            .transpose()?
            .map(String::from),
    };
    Ok(Row {
        contact,
        interaction: crate::ops::interaction::checked(&interaction)?,
    })
}

/// A date as a stored timestamp: RFC 3339 as it is, a local date and time,
/// or a bare day at noon (so no time zone moves it to another day).
fn parse_instant(text: &str) -> Result<String, String> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(format_timestamp(t.with_timezone(&chrono::Utc)));
    }
    for format in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%m/%d/%Y %H:%M",
    ] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(text, format) {
            return Ok(format_timestamp(local_to_utc(t)));
        }
    }
    match super::dates::parse_date(text)? {
        Some(d) => Ok(format_timestamp(local_to_utc(
            d.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()),
        ))),
        None => Err(format!(
            "'{text}' is not a date: expected YYYY-MM-DD or YYYY-MM-DD HH:MM"
        )),
    }
}

/// True when the interaction was added, false when it was already there.
fn store(db: &Db<'_>, batch: i64, options: &Options, row: Row) -> Result<bool> {
    let contact_id = match row.contact {
        Ok(id) => id,
        Err((email, name)) if options.create_contacts => {
            let name = validate_name(name.as_deref().unwrap_or(&email))?;
            let new = NewContact {
                name,
                email: Some(email),
                ..NewContact::default()
            };
            let (id, _, _) = crate::ops::contact::insert(db, &new, "import", false)?;
            db.record_import_change(batch, id, "added", None, Some("0"))?;
            id
        }
        Err((email, _)) => {
            return Err(refused!(
                "no contact with email '{email}': add them first, or use --create-contacts"
            ))
        }
    };
    let new = NewInteraction {
        contact_id,
        ..row.interaction
    };
    if db.same_interaction_exists(&new)? {
        return Ok(false);
    }
    let id = db.insert_interaction(&new)?;
    crate::ops::points::earn_for_purchase(db, id)?;
    db.record_import_change(
        batch,
        contact_id,
        "interaction",
        None,
        Some(&id.to_string()),
    )?;
    Ok(true)
}
