//! Which column feeds which contact field.

use crate::domain::contact::validate_field_key;

/// Where a column's value goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Name,
    FirstName,
    MiddleName,
    LastName,
    /// The first non-empty email column is the email; others are kept in
    /// the `other_emails` field.
    Email,
    Phone,
    Company,
    Title,
    /// Columns of one group are joined ("City, Region, Country"); the first
    /// group with a value wins (Outlook: business address, then home).
    Location(u8),
    Source,
    Stage,
    Tags,
    Birthday,
    Note,
    Field(String),
    /// When the person was last contacted, as the old tool knew it: their
    /// quiet spell starts then, not on the import day.
    LastContacted,
    /// A non-empty value marks the contact do-not-contact (Mailchimp's
    /// UNSUB_TIME), as does `true`/`yes`/`1` in our own export's column.
    DoNotContact,
    /// A card's UID (vCard): the contact's own when the book has no such
    /// contact yet, and the first thing a re-import matches on.
    Uid,
    /// `key=value` pairs (vCard's `X-RAPPORT-FIELD`s), one per value.
    Fields,
    /// A subscription status (Pipedrive's "Marketing status"): one that
    /// says unsubscribed or opted out marks the contact do-not-contact.
    MarketingStatus,
    /// Google's "Event N - Label" / "Custom Field N - Label" and their
    /// "- Value" columns: (kind, N, is the label). An event labelled
    /// Anniversary is the `anniversary` date field; any other pair is a
    /// custom field named by its label.
    Labelled(Pair, u8, bool),
    /// Thunderbird's birthday in three columns: year, month, day.
    BirthPart(u8),
    /// When they consented to email marketing, and how (Mailchimp's
    /// OPTIN_TIME and CONFIRM_TIME): the earliest date is kept.
    Consent(&'static str),
    /// When the relationship began (HubSpot's Create Date): the contact's
    /// created time and first stage entry.
    Created,
    /// When they reached the stage the preset calls this ("customer" for
    /// HubSpot's "Became a Customer Date"): a dated step of their history.
    Milestone(&'static str),
    Ignore,
}

/// What a labelled pair of columns holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pair {
    /// A date (Google's events: anniversaries and others).
    Event,
    /// Any value (Google's custom fields).
    Custom,
    /// A person related to them (Google's relations: spouse, assistant).
    Relation,
}

/// Where a part of an address goes when a location is joined, so that a
/// file's column order never gives "San Francisco, United States, CA":
/// street, city, region, postcode, country.
pub fn location_rank(header: &str) -> u8 {
    let h = normalise(header);
    let any = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if any(&["country", "land", "pays", "pas"]) && !h.contains("county") {
        4
    } else if any(&["postal", "zip", "postcode", "plz"]) && !h.contains("address") {
        3
    } else if any(&["state", "region", "province", "county", "bundesland"]) {
        2
    } else if any(&["city", "town", "ort", "stadt", "ville", "ciudad"]) {
        1
    } else if any(&["street", "address", "strasse", "rue", "calle"]) {
        0
    } else {
        1
    }
}

/// Lower case with everything but letters and digits dropped, so that
/// "E-mail Address", "email_address" and "Email address" are one header.
pub fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// What a header means in a plain CSV file.
pub fn generic_target(header: &str) -> Option<Target> {
    let h = header.trim();
    if let Some(key) = h.strip_prefix("field:") {
        return validate_field_key(key).ok().map(Target::Field);
    }
    // Thunderbird's "Birth Day" is the day of the month, not a birthday.
    match h.to_ascii_lowercase().as_str() {
        "birth year" => return Some(Target::BirthPart(0)),
        "birth month" => return Some(Target::BirthPart(1)),
        "birth day" => return Some(Target::BirthPart(2)),
        _ => {}
    }
    let t = match normalise(h).as_str() {
        // Excel and Thunderbird in German, French and Spanish (accented
        // letters drop out: "Prénom" is "prnom").
        "vorname" | "prnom" | "nombre" => Target::FirstName,
        "nachname" | "nom" | "nomdefamille" | "apellido" | "apellidos" => Target::LastName,
        "anzeigename" | "nomcomplet" | "nombrecompleto" => Target::Name,
        "emailadresse" | "primreemailadresse" | "mail1" | "adresseemail" | "courriel"
        | "correo" | "correoelectrnico" => Target::Email,
        "telefon" | "mobil" | "handy" | "mobiltelefon" | "telefongeschftlich" | "tlphone"
        | "portable" | "telfono" | "mvil" => Target::Phone,
        "firma" | "unternehmen" | "organisation1" | "socit" | "entreprise" | "empresa" => {
            Target::Company
        }
        "ort" | "stadt" | "land" | "ville" | "pays" | "ciudad" | "pas" => Target::Location(0),
        "notizen" | "notiz" | "bemerkung" | "bemerkungen" | "remarques" | "notas" => Target::Note,
        "geburtstag" | "datedenaissance" | "anniversaire" | "cumpleaos" => Target::Birthday,
        "name" | "fullname" | "displayname" | "contactname" | "contact" => Target::Name,
        "firstname" | "givenname" | "first" | "forename" => Target::FirstName,
        "middlename" | "additionalname" | "middle" => Target::MiddleName,
        "lastname" | "surname" | "familyname" | "last" => Target::LastName,
        "email" | "emailaddress" | "mail" | "primaryemail" | "workemail" | "email1" => {
            Target::Email
        }
        "phone" | "phonenumber" | "mobile" | "mobilephone" | "mobilenumber" | "telephone"
        | "tel" | "cell" | "cellphone" | "workphone" => Target::Phone,
        "company" | "companyname" | "organization" | "organisation" | "organizationname"
        | "org" | "employer" | "account" => Target::Company,
        "title" | "jobtitle" | "position" | "role" => Target::Title,
        "location" | "city" | "address" | "town" => Target::Location(0),
        "state" | "region" | "province" | "country" | "countryregion" => Target::Location(0),
        "source" | "channel" | "leadsource" | "originalsource" => Target::Source,
        "stage" | "lifecyclestage" => Target::Stage,
        "tags" | "tag" | "labels" | "categories" | "groups" => Target::Tags,
        "birthday" | "birthdate" | "dateofbirth" | "dob" => Target::Birthday,
        "note" | "notes" | "comment" | "comments" | "description" => Target::Note,
        "donotcontact" | "unsubscribed" | "optedout" => Target::DoNotContact,
        "lastcontacted" | "lastcontact" | "lastcontactdate" | "lastcontacteddate" => {
            Target::LastContacted
        }
        _ => return None,
    };
    Some(t)
}

/// `--map HEADER=FIELD`: FIELD is a contact field, `field:KEY` or `ignore`.
pub fn parse_map(text: &str) -> Result<(String, Target), String> {
    let (header, field) = text.rsplit_once('=').ok_or_else(|| {
        format!("'{text}' is not a mapping: expected HEADER=FIELD, like 'Organisation=company'")
    })?;
    let target = match field.trim().to_ascii_lowercase().replace('-', "_").as_str() {
        "name" => Target::Name,
        "first_name" => Target::FirstName,
        "middle_name" => Target::MiddleName,
        "last_name" => Target::LastName,
        "email" => Target::Email,
        "phone" => Target::Phone,
        "company" => Target::Company,
        "title" => Target::Title,
        "location" => Target::Location(0),
        "source" => Target::Source,
        "stage" => Target::Stage,
        "tags" | "tag" => Target::Tags,
        "birthday" => Target::Birthday,
        "note" | "notes" => Target::Note,
        "do_not_contact" => Target::DoNotContact,
        "last_contacted" => Target::LastContacted,
        "ignore" => Target::Ignore,
        other => match other.strip_prefix("field:") {
            Some(key) => Target::Field(validate_field_key(key).map_err(|e| format!("{e} (in --map '{text}')"))?),
            None => {
                return Err(format!(
                    "'{field}' is not a field to map to: expected name, first_name, last_name, email, phone, company, \
                     title, location, source, stage, tags, birthday, note, do_not_contact, ignore or field:KEY"
                ))
            }
        },
    };
    Ok((header.trim().to_string(), target))
}

/// `--stage-map VALUE=STAGE`.
pub fn parse_stage_map(text: &str) -> Result<(String, String), String> {
    let (value, stage) = text.rsplit_once('=').ok_or_else(|| {
        format!("'{text}' is not a stage mapping: expected VALUE=STAGE, like 'Other=reach'")
    })?;
    Ok((value.trim().to_string(), stage.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_whatever_their_spelling() {
        assert_eq!(generic_target("E-mail Address"), Some(Target::Email));
        assert_eq!(generic_target("email_address"), Some(Target::Email));
        assert_eq!(generic_target("First Name"), Some(Target::FirstName));
        assert_eq!(
            generic_target("field:interest"),
            Some(Target::Field("interest".into()))
        );
        assert_eq!(generic_target("Favourite colour"), None);
    }

    #[test]
    fn map_arguments() {
        assert_eq!(
            parse_map("Organisation=company").unwrap(),
            ("Organisation".into(), Target::Company)
        );
        assert_eq!(
            parse_map("Diet=field:diet").unwrap(),
            ("Diet".into(), Target::Field("diet".into()))
        );
        assert_eq!(
            parse_map("A=B=ignore").unwrap(),
            ("A=B".into(), Target::Ignore)
        );
        assert!(parse_map("Diet").unwrap_err().contains("'Diet'"));
        assert!(parse_map("Diet=shoe").unwrap_err().contains("'shoe'"));
    }
}
