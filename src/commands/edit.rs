//! `rapport edit CONTACT [details]`: change details, tags, fields, the
//! stage or the do-not-contact flag.

use super::{Ctx, Details};
use crate::domain::contact::{
    clean_text, parse_clearable, parse_consent, parse_field, validate_email, validate_name,
    validate_phone, validate_tag, Attribute, Clearable, ContactChanges,
};
use crate::domain::text::free_text;
use crate::domain::text::shown;
use crate::domain::when::parse_birthday;
use crate::error::Result;
use crate::ops;
use crate::refused;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An id, an email, or part of a name
    pub contact: String,
    /// Their new name
    #[arg(long, value_name = "N")]
    pub name: Option<String>,
    #[command(flatten)]
    pub details: Details,
    /// Remove a tag; repeat for several
    #[arg(long = "untag", value_name = "TAG")]
    pub untag: Vec<String>,
    /// Remove a value: email, phone, company, title, location, source, birthday, referred-by, note, or a field key
    #[arg(long = "clear", value_name = "FIELD")]
    pub clear: Vec<String>,
    /// Never send marketing or cadence reminders for this contact
    #[arg(long, conflicts_with = "allow_contact")]
    pub do_not_contact: bool,
    /// Lift do-not-contact
    #[arg(long)]
    pub allow_contact: bool,
    /// They took back their consent to this (kept in their record, dated today)
    #[arg(long = "withdraw-consent", value_name = "WHAT")]
    pub withdraw_consent: Vec<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let d = &args.details;
    let today = ctx.clock.today();
    let mut changes = ContactChanges {
        name: args.name.as_deref().map(validate_name).transpose()?,
        email: d
            .email
            .as_deref()
            .map(validate_email)
            .transpose()?
            .map(Some),
        phone: d
            .phone
            .as_deref()
            .map(validate_phone)
            .transpose()?
            .map(|p| Some(p.0)),
        company: d.company.as_deref().map(clean_text).transpose()?,
        title: d.title.as_deref().map(clean_text).transpose()?,
        location: d.location.as_deref().map(clean_text).transpose()?,
        source: d.source.as_deref().map(clean_text).transpose()?,
        birthday: d
            .birthday
            .as_deref()
            .map(|b| parse_birthday(b, today))
            .transpose()?
            .map(Some),
        note: d.note.as_deref().map(free_text).transpose()?,
        add_tags: d
            .tags
            .iter()
            .map(|t| validate_tag(t))
            .collect::<Result<_, _>>()?,
        remove_tags: args
            .untag
            .iter()
            .map(|t| validate_tag(t))
            .collect::<Result<_, _>>()?,
        set_fields: d
            .fields
            .iter()
            .map(|f| parse_field(f))
            .collect::<Result<_, _>>()?,
        add_consents: d
            .consents
            .iter()
            .map(|c| parse_consent(c, today))
            .collect::<Result<_, _>>()?,
        withdraw_consents: args
            .withdraw_consent
            .iter()
            .map(|w| w.trim().to_lowercase())
            .collect(),
        do_not_contact: if args.do_not_contact {
            Some(true)
        } else if args.allow_contact {
            Some(false)
        } else {
            None
        },
        ..ContactChanges::default()
    };
    for field in &args.clear {
        match parse_clearable(field)? {
            Clearable::Field(key) => changes.clear_fields.push(key),
            Clearable::Attribute(a) => match a {
                Attribute::Email => changes.email = Some(None),
                Attribute::Phone => changes.phone = Some(None),
                Attribute::Company => changes.company = Some(None),
                Attribute::Title => changes.title = Some(None),
                Attribute::Location => changes.location = Some(None),
                Attribute::Source => changes.source = Some(None),
                Attribute::Birthday => changes.birthday = Some(None),
                Attribute::ReferredBy => changes.referred_by = Some(None),
                Attribute::Note => changes.note = Some(None),
                Attribute::Name => {
                    return Err(refused!(
                        "a contact's name cannot be cleared: give --name to change it"
                    ))
                }
            },
        }
    }
    if changes.is_empty() && d.stage.is_none() && d.referred_by.is_none() {
        return Err(refused!(
            "nothing to change for '{}': give at least one option, like --email or --tag",
            shown(&args.contact)
        ));
    }
    let mut references = vec![args.contact.as_str()];
    references.extend(d.referred_by.as_deref());
    let (mut store, ids) = ctx.write_for(&references)?;
    let id = ids[0];
    if let Some(referrer) = ids.get(1) {
        changes.referred_by = Some(Some(*referrer));
    }
    let (contact, notes) = ops::contact::edit(&mut store, id, &changes, d.stage.as_deref())?;
    for n in &notes {
        ctx.ui.note(&n.to_string())?;
    }
    let line = format!("Updated contact #{} {}", contact.id, contact.name);
    ctx.ui.confirm(&contact, &line)
}
