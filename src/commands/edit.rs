use super::add::Details;
use super::Ctx;
use crate::domain::contact::{
    clean_text, parse_clearable, parse_field, validate_email, validate_name, validate_phone,
    validate_tag, Attribute, Clearable, ContactChanges,
};
use crate::domain::when::parse_birthday;
use crate::store::Access;
use anyhow::{anyhow, bail, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    pub contact: String,
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
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let msg = anyhow::Error::msg;
    let d = &args.details;
    let today = ctx.clock.today();
    let mut changes = ContactChanges {
        name: args
            .name
            .as_deref()
            .map(validate_name)
            .transpose()
            .map_err(msg)?,
        email: d
            .email
            .as_deref()
            .map(validate_email)
            .transpose()
            .map_err(msg)?
            .map(Some),
        phone: d
            .phone
            .as_deref()
            .map(validate_phone)
            .transpose()
            .map_err(msg)?
            .map(|p| Some(p.0)),
        company: d.company.as_deref().map(clean_text),
        title: d.title.as_deref().map(clean_text),
        location: d.location.as_deref().map(clean_text),
        source: d.source.as_deref().map(clean_text),
        birthday: d
            .birthday
            .as_deref()
            .map(|b| parse_birthday(b, today))
            .transpose()
            .map_err(msg)?
            .map(Some),
        note: d.note.as_deref().map(clean_text),
        add_tags: d
            .tags
            .iter()
            .map(|t| validate_tag(t))
            .collect::<Result<_, _>>()
            .map_err(msg)?,
        remove_tags: args
            .untag
            .iter()
            .map(|t| validate_tag(t))
            .collect::<Result<_, _>>()
            .map_err(msg)?,
        set_fields: d
            .fields
            .iter()
            .map(|f| parse_field(f))
            .collect::<Result<_, _>>()
            .map_err(msg)?,
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
        match parse_clearable(field).map_err(msg)? {
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
                    bail!("a contact's name cannot be cleared: give --name to change it")
                }
            },
        }
    }
    if changes.is_empty() && d.stage.is_none() && d.referred_by.is_none() {
        bail!(
            "nothing to change for '{}': give at least one option, like --email or --tag",
            args.contact
        );
    }
    let mut store = ctx.open(Access::Write)?;
    let id = ctx.resolve_contact(&store.read(), &args.contact)?;
    if let Some(reference) = &d.referred_by {
        changes.referred_by = Some(Some(ctx.resolve_contact(&store.read(), reference)?));
    }
    let contact = store.write(|db| {
        let before = db.contact(id)?.ok_or_else(|| anyhow!("contact #{id} no longer exists"))?;
        if let Some(Some(email)) = &changes.email {
            if let Some((other, name)) = db.contact_with_email(email, Some(id))? {
                bail!("email '{email}' already belongs to #{other} {name}: expected an address of this contact's own");
            }
        }
        if let Some(Some(referrer)) = changes.referred_by {
            db.check_referrer(id, referrer)?;
        }
        if !changes.is_empty() {
            db.update_contact(id, &changes)?;
        }
        if let Some(stage) = &d.stage {
            let (_, to) = db.stage_id(stage)?;
            if !to.eq_ignore_ascii_case(&before.stage) {
                db.move_stage(id, &before.stage, &to, &db.now(), Some("edit"))?;
            }
        }
        db.contact(id)?.ok_or_else(|| anyhow!("contact #{id} vanished"))
    })?;
    let line = format!("Updated contact #{} {}", contact.id, contact.name);
    ctx.ui.confirm(&contact, &line)
}
