//! Contacts: who they are, where they came from, what they care about.

use super::text::free_text;
use super::Invalid;
use serde::Serialize;
use std::collections::BTreeMap;

/// A contact as scripts see it (`--json`) and as every command shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Contact {
    pub id: i64,
    pub uid: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub stage: String,
    pub stage_since: String,
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub birthday: Option<String>,
    pub fields: BTreeMap<String, String>,
    pub referred_by: Option<i64>,
    pub referred_by_name: Option<String>,
    pub note: Option<String>,
    pub do_not_contact: bool,
    pub created_at: String,
    pub updated_at: String,
    pub last_contact_at: Option<String>,
    pub next_follow_up: Option<String>,
    /// When they left the pipeline (`lose`), and why; None while in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lost_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lost_reason: Option<String>,
}

/// The plain columns of a contact that add and edit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribute {
    Name,
    Email,
    Phone,
    Company,
    Title,
    Location,
    Source,
    Birthday,
    ReferredBy,
    Note,
}

impl Attribute {
    pub const CLEARABLE: &'static [(&'static str, Attribute)] = &[
        ("email", Attribute::Email),
        ("phone", Attribute::Phone),
        ("company", Attribute::Company),
        ("title", Attribute::Title),
        ("location", Attribute::Location),
        ("source", Attribute::Source),
        ("birthday", Attribute::Birthday),
        ("referred-by", Attribute::ReferredBy),
        ("note", Attribute::Note),
    ];
}

/// What `--clear FIELD` names: a built-in attribute or a custom field key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clearable {
    Attribute(Attribute),
    Field(String),
}

pub fn parse_clearable(text: &str) -> Result<Clearable, Invalid> {
    let t = text.trim().to_ascii_lowercase();
    let t = if t == "referred_by" {
        "referred-by".to_string()
    } else {
        t
    };
    if let Some((_, a)) = Attribute::CLEARABLE.iter().find(|(n, _)| *n == t) {
        return Ok(Clearable::Attribute(*a));
    }
    let key = t.strip_prefix("field:").unwrap_or(&t);
    validate_field_key(key)
        .map(Clearable::Field)
        .map_err(|_| Invalid::Clearable(text.to_string()))
}

pub fn validate_name(name: &str) -> Result<String, Invalid> {
    if name
        .chars()
        .any(|c| super::text::is_hostile(c) && !c.is_whitespace())
    {
        return Err(Invalid::NameControl(name.to_string()));
    }
    let n = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if n.is_empty() {
        return Err(Invalid::EmptyName);
    }
    if n.chars().count() > 200 {
        return Err(Invalid::NameTooLong(truncate(&n, 40)));
    }
    Ok(n)
}

/// Accepts an ordinary address (`local@domain.tld`); stored as typed, compared case-insensitively.
pub fn validate_email(email: &str) -> Result<String, Invalid> {
    let e = email.trim();
    let err = || Invalid::Email(email.to_string());
    let (local, domain) = e.split_once('@').ok_or_else(err)?;
    let valid = !local.is_empty()
        && local.len() <= 64
        && e.len() <= 254
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !e.chars().any(|c| {
            c.is_whitespace() || c.is_control() || c == ',' || c == ';' || c == '<' || c == '>'
        });
    if valid {
        Ok(e.to_string())
    } else {
        Err(err())
    }
}

/// A phone number keeps its written form; the digits (and a leading +) find duplicates.
pub fn validate_phone(phone: &str) -> Result<(String, String), Invalid> {
    let p = phone.trim();
    let key = phone_key(p);
    let digits = key.trim_start_matches('+').len();
    let allowed = p
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().x/".contains(c));
    if !allowed || !(4..=20).contains(&digits) {
        return Err(Invalid::Phone(phone.to_string()));
    }
    Ok((p.to_string(), key))
}

pub fn phone_key(phone: &str) -> String {
    let mut key = String::new();
    for (i, c) in phone.trim().chars().enumerate() {
        if c.is_ascii_digit() || (i == 0 && c == '+') {
            key.push(c);
        }
    }
    key
}

/// Tags are single words, compared case-insensitively, stored lower-case.
pub fn validate_tag(tag: &str) -> Result<String, Invalid> {
    let t = tag.trim().to_lowercase();
    let ok = !t.is_empty()
        && t.chars().count() <= 50
        && t.chars()
            .all(|c| c.is_alphanumeric() || "-_:/.".contains(c));
    if ok {
        Ok(t)
    } else {
        Err(Invalid::Tag(tag.to_string()))
    }
}

pub fn validate_field_key(key: &str) -> Result<String, Invalid> {
    let k = key.trim().to_lowercase();
    let ok = !k.is_empty()
        && k.len() <= 50
        && k.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(k)
    } else {
        Err(Invalid::FieldKey(key.to_string()))
    }
}

/// `--field key=value`, for interests, preferences and anything else worth keeping.
pub fn parse_field(text: &str) -> Result<(String, String), Invalid> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| Invalid::Field(text.to_string()))?;
    let key = validate_field_key(key).map_err(|e| Invalid::In {
        context: "--field",
        text: text.to_string(),
        inner: Box::new(e),
    })?;
    let Some(value) = clean_text(value)? else {
        return Err(Invalid::FieldEmpty {
            key,
            text: text.to_string(),
        });
    };
    Ok((key, value))
}

/// A single-line value such as a company or a source, as stored (see
/// `text::single_line`): empty means absent.
pub fn clean_text(value: &str) -> Result<Option<String>, Invalid> {
    super::text::single_line(value)
}

/// An optional single-line value.
pub fn clean_opt(value: Option<&str>) -> Result<Option<String>, Invalid> {
    Ok(value.map(clean_text).transpose()?.flatten())
}

fn truncate(text: &str, n: usize) -> String {
    text.chars().take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            validate_email(" ada@example.com ").unwrap(),
            "ada@example.com"
        );
        for bad in [
            "not-an-email",
            "a@b",
            "@x.com",
            "a b@x.com",
            "a@@x.com",
            "a@x..com",
            "a@.x.com",
        ] {
            assert!(
                validate_email(bad).unwrap_err().to_string().contains(bad),
                "{bad}"
            );
        }
    }

    #[test]
    fn phones_keep_their_form_and_compare_by_digits() {
        let (shown, key) = validate_phone("+44 20 7946 0000").unwrap();
        assert_eq!(shown, "+44 20 7946 0000");
        assert_eq!(key, "+442079460000");
        assert_eq!(phone_key("(020) 7946-0000"), "02079460000");
        assert!(validate_phone("call me").is_err());
        assert!(validate_phone("12").is_err());
    }

    #[test]
    fn fields_and_tags() {
        assert_eq!(
            parse_field("Interest=analytics").unwrap(),
            ("interest".into(), "analytics".into())
        );
        assert_eq!(
            parse_field("diet = vegan").unwrap(),
            ("diet".into(), "vegan".into())
        );
        assert!(parse_field("novalue").is_err());
        assert!(parse_field("x=")
            .unwrap_err()
            .to_string()
            .contains("--clear"));
        assert!(parse_field("a b=c").is_err());
        assert_eq!(validate_tag("VIP").unwrap(), "vip");
        assert!(validate_tag("two words").is_err());
    }

    #[test]
    fn clearables() {
        assert_eq!(
            parse_clearable("Email").unwrap(),
            Clearable::Attribute(Attribute::Email)
        );
        assert_eq!(
            parse_clearable("referred_by").unwrap(),
            Clearable::Attribute(Attribute::ReferredBy)
        );
        assert_eq!(
            parse_clearable("interest").unwrap(),
            Clearable::Field("interest".into())
        );
        assert!(parse_clearable("two words").is_err());
    }

    #[test]
    fn names_are_tidied() {
        assert_eq!(validate_name("  Ada   Lovelace ").unwrap(), "Ada Lovelace");
        assert!(validate_name("   ").is_err());
    }
}

/// A contact about to be added, already validated.
#[derive(Debug, Clone, Default)]
pub struct NewContact {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub source: Option<String>,
    /// None: the pipeline's first stage.
    pub stage: Option<String>,
    pub tags: Vec<String>,
    pub birthday: Option<String>,
    pub fields: Vec<(String, String)>,
    pub referred_by: Option<i64>,
    pub note: Option<String>,
    pub do_not_contact: bool,
    /// When the quiet spell of a contact with no interaction begins, when
    /// not when they are added: an import's last contact date.
    pub quiet_since: Option<String>,
    /// The uid to keep (a vCard's UID), when no contact has it yet.
    pub uid: Option<String>,
    /// What they agreed to, when and how.
    pub consents: Vec<Consent>,
    /// When the relationship began, as the old tool knew it (HubSpot's
    /// Create Date): the contact's created time and first stage entry.
    pub created: Option<String>,
    /// Stages reached before the import, with when (HubSpot's "Became a
    /// Customer Date"): kept in the stage history, oldest first.
    pub milestones: Vec<(String, String)>,
}

impl NewContact {
    /// The one check every way in passes (`add`, `import contacts`,
    /// `import all`): each field as `add` takes it, normalised the same way.
    pub fn validated(mut self, today: chrono::NaiveDate) -> Result<NewContact, Invalid> {
        self.name = validate_name(&self.name)?;
        self.email = self.email.as_deref().map(validate_email).transpose()?;
        self.phone = self
            .phone
            .as_deref()
            .map(|p| validate_phone(p).map(|(p, _)| p))
            .transpose()?;
        self.company = clean_opt(self.company.as_deref())?;
        self.title = clean_opt(self.title.as_deref())?;
        self.location = clean_opt(self.location.as_deref())?;
        self.source = clean_opt(self.source.as_deref())?;
        self.note = self.note.as_deref().map(free_text).transpose()?.flatten();
        self.tags = validate_tags(&self.tags)?;
        self.birthday = self
            .birthday
            .as_deref()
            .map(|b| super::when::parse_birthday(b, today))
            .transpose()?;
        self.fields = validate_fields(&self.fields)?;
        if let Some(at) = &self.quiet_since {
            super::when::check_timestamp(at)?;
        }
        if let Some(at) = &self.created {
            super::when::check_timestamp(at)?;
        }
        for (_, at) in &self.milestones {
            super::when::check_timestamp(at)?;
        }
        Ok(self)
    }
}

fn validate_tags(tags: &[String]) -> Result<Vec<String>, Invalid> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for t in tags {
        let t = validate_tag(t)?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

fn validate_fields(fields: &[(String, String)]) -> Result<Vec<(String, String)>, Invalid> {
    fields
        .iter()
        .map(|(k, v)| {
            let key = validate_field_key(k)?;
            let value = clean_text(v)?.ok_or_else(|| Invalid::FieldEmpty {
                key: key.clone(),
                text: format!("{k}={v}"),
            })?;
            Ok((key, value))
        })
        .collect()
}

/// What `edit` changes: `Some(None)` clears a value.
#[derive(Debug, Clone, Default)]
pub struct ContactChanges {
    pub name: Option<String>,
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub company: Option<Option<String>>,
    pub title: Option<Option<String>>,
    pub location: Option<Option<String>>,
    pub source: Option<Option<String>>,
    pub birthday: Option<Option<String>>,
    pub referred_by: Option<Option<i64>>,
    pub note: Option<Option<String>>,
    pub do_not_contact: Option<bool>,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
    pub set_fields: Vec<(String, String)>,
    pub clear_fields: Vec<String>,
    pub add_consents: Vec<Consent>,
    /// Purposes whose consent is withdrawn today.
    pub withdraw_consents: Vec<String>,
}

impl ContactChanges {
    /// The same checks as `NewContact::validated`, for what is set.
    pub fn validated(mut self, today: chrono::NaiveDate) -> Result<ContactChanges, Invalid> {
        if let Some(name) = &self.name {
            self.name = Some(validate_name(name)?);
        }
        let line = |v: Option<Option<String>>| -> Result<Option<Option<String>>, Invalid> {
            Ok(match v {
                Some(Some(text)) => Some(clean_text(&text)?),
                other => other,
            })
        };
        if let Some(Some(e)) = &self.email {
            self.email = Some(Some(validate_email(e)?));
        }
        if let Some(Some(p)) = &self.phone {
            self.phone = Some(Some(validate_phone(p)?.0));
        }
        self.company = line(self.company.take())?;
        self.title = line(self.title.take())?;
        self.location = line(self.location.take())?;
        self.source = line(self.source.take())?;
        if let Some(Some(note)) = &self.note {
            self.note = Some(free_text(note)?);
        }
        if let Some(Some(b)) = &self.birthday {
            self.birthday = Some(Some(super::when::parse_birthday(b, today)?));
        }
        self.add_tags = validate_tags(&self.add_tags)?;
        self.set_fields = validate_fields(&self.set_fields)?;
        Ok(self)
    }

    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.email.is_none()
            && self.phone.is_none()
            && self.company.is_none()
            && self.title.is_none()
            && self.location.is_none()
            && self.source.is_none()
            && self.birthday.is_none()
            && self.referred_by.is_none()
            && self.note.is_none()
            && self.do_not_contact.is_none()
            && self.add_tags.is_empty()
            && self.remove_tags.is_empty()
            && self.set_fields.is_empty()
            && self.clear_fields.is_empty()
            && self.add_consents.is_empty()
            && self.withdraw_consents.is_empty()
    }
}

/// A consent as `--consent` states it: what was agreed to, when, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub purpose: String,
    pub given_on: String,
    pub how: Option<String>,
}

/// `newsletter 2026-03-01 web form`: the words before the first date are
/// what was agreed to, the words after it how; without a date, today.
pub fn parse_consent(text: &str, today: chrono::NaiveDate) -> Result<Consent, Invalid> {
    let clean = clean_text(text)?.ok_or_else(|| Invalid::Consent(text.to_string()))?;
    let words: Vec<&str> = clean.split(' ').collect();
    let at = words
        .iter()
        .position(|w| chrono::NaiveDate::parse_from_str(w, "%Y-%m-%d").is_ok());
    let (purpose, given_on, how) = match at {
        Some(i) => (
            words[..i].join(" "),
            chrono::NaiveDate::parse_from_str(words[i], "%Y-%m-%d")
                .map_err(|_| Invalid::Consent(text.to_string()))?,
            words[i + 1..].join(" "),
        ),
        None => (clean.clone(), today, String::new()),
    };
    if purpose.is_empty() || purpose.len() > 100 {
        return Err(Invalid::Consent(text.to_string()));
    }
    if given_on > today {
        return Err(Invalid::ConsentFuture(given_on.to_string()));
    }
    Ok(Consent {
        purpose: purpose.to_lowercase(),
        given_on: given_on.to_string(),
        how: (!how.is_empty()).then_some(how),
    })
}

#[cfg(test)]
mod consent_tests {
    use super::*;

    #[test]
    fn what_when_and_how() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            parse_consent("Newsletter 2026-03-01 web form", today).unwrap(),
            Consent {
                purpose: "newsletter".into(),
                given_on: "2026-03-01".into(),
                how: Some("web form".into())
            }
        );
        let plain = parse_consent("email marketing", today).unwrap();
        assert_eq!(
            (plain.purpose.as_str(), plain.given_on.as_str(), plain.how),
            ("email marketing", "2026-11-23", None)
        );
        assert!(
            parse_consent("2026-03-01 web form", today).is_err(),
            "what is missing"
        );
        assert!(
            parse_consent("newsletter 2027-01-01", today).is_err(),
            "in the future"
        );
        assert!(parse_consent("", today).is_err());
    }
}
