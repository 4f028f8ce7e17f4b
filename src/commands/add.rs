use super::Ctx;
use crate::domain::contact::{
    clean_text, parse_field, validate_email, validate_name, validate_phone, validate_tag,
    NewContact,
};
use crate::domain::when::parse_birthday;
use crate::store::Access;
use anyhow::{anyhow, bail, Result};

/// The details shared by `add` and `edit`.
#[derive(Debug, Default, clap::Args)]
pub struct Details {
    #[arg(long, value_name = "E")]
    pub email: Option<String>,
    #[arg(long, value_name = "P")]
    pub phone: Option<String>,
    #[arg(long, value_name = "C")]
    pub company: Option<String>,
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    #[arg(long, value_name = "L")]
    pub location: Option<String>,
    /// Where they came from: linkedin, referral, website, …
    #[arg(long, value_name = "CHANNEL")]
    pub source: Option<String>,
    /// A stage of the pipeline [default: the first]
    #[arg(long, value_name = "STAGE")]
    pub stage: Option<String>,
    /// A tag; repeat for several
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// YYYY-MM-DD, or --MM-DD when the year is unknown
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub birthday: Option<String>,
    /// An interest, preference or anything else: KEY=VALUE; repeat for several
    #[arg(long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
    /// Who sent them your way
    #[arg(long, value_name = "CONTACT")]
    pub referred_by: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Full name [asked for on a terminal when left out]
    pub name: Option<String>,
    #[command(flatten)]
    pub details: Details,
    /// Mark as do-not-contact from the start
    #[arg(long)]
    pub do_not_contact: bool,
}

pub fn run(ctx: &mut Ctx, mut args: Args) -> Result<()> {
    if args.name.is_none() {
        if !ctx.ui.interactive() {
            bail!("add needs a NAME: none given, and there is no terminal to ask on (rapport add \"Ada Lovelace\" --email ada@example.com)");
        }
        ask_for_details(ctx, &mut args)?;
    }
    let d = &args.details;
    let today = ctx.clock.today();
    let mut new = NewContact {
        name: validate_name(args.name.as_deref().unwrap_or_default())
            .map_err(anyhow::Error::msg)?,
        email: d
            .email
            .as_deref()
            .map(validate_email)
            .transpose()
            .map_err(anyhow::Error::msg)?,
        phone: d
            .phone
            .as_deref()
            .map(validate_phone)
            .transpose()
            .map_err(anyhow::Error::msg)?
            .map(|p| p.0),
        company: d.company.as_deref().and_then(clean_text),
        title: d.title.as_deref().and_then(clean_text),
        location: d.location.as_deref().and_then(clean_text),
        source: d.source.as_deref().and_then(clean_text),
        stage: d.stage.clone(),
        tags: d
            .tags
            .iter()
            .map(|t| validate_tag(t))
            .collect::<Result<_, _>>()
            .map_err(anyhow::Error::msg)?,
        birthday: d
            .birthday
            .as_deref()
            .map(|b| parse_birthday(b, today))
            .transpose()
            .map_err(anyhow::Error::msg)?,
        fields: d
            .fields
            .iter()
            .map(|f| parse_field(f))
            .collect::<Result<_, _>>()
            .map_err(anyhow::Error::msg)?,
        referred_by: None,
        note: d.note.as_deref().and_then(clean_text),
        do_not_contact: args.do_not_contact,
    };
    let mut store = ctx.open(Access::Write)?;
    if let Some(reference) = &d.referred_by {
        new.referred_by = Some(ctx.resolve_contact(&store.read(), reference)?);
    }
    let contact = store.write(|db| {
        if let Some(email) = &new.email {
            if let Some((id, name)) = db.contact_with_email(email, None)? {
                bail!("email '{email}' already belongs to #{id} {name}: expected a new address (edit that contact instead)");
            }
        }
        if let Some(referrer) = new.referred_by {
            if !db.contact_exists(referrer)? {
                bail!("the referring contact #{referrer} no longer exists");
            }
        }
        let id = db.insert_contact(&new, "added")?;
        db.contact(id)?.ok_or_else(|| anyhow!("contact #{id} vanished"))
    })?;
    let line = format!(
        "Added contact #{} {} ({})",
        contact.id, contact.name, contact.stage
    );
    ctx.ui.confirm(&contact, &line)
}

/// On a terminal: the details a new contact usually starts with.
fn ask_for_details(ctx: &Ctx, args: &mut Args) -> Result<()> {
    use dialoguer::Input;
    let name: String = Input::new()
        .with_prompt("Name")
        .validate_with(|s: &String| validate_name(s).map(|_| ()))
        .interact_text()?;
    args.name = Some(name);
    let optional = |prompt: &str, current: &Option<String>| -> Result<Option<String>> {
        if current.is_some() {
            return Ok(current.clone());
        }
        let value: String = Input::new()
            .with_prompt(prompt)
            .allow_empty(true)
            .interact_text()?;
        Ok(clean_text(&value))
    };
    let d = &mut args.details;
    loop {
        let email = optional("Email (optional)", &d.email)?;
        match email.as_deref().map(validate_email) {
            Some(Err(e)) => eprintln!("{e}"),
            _ => {
                d.email = email;
                break;
            }
        }
    }
    d.company = optional("Company (optional)", &d.company)?;
    d.source = optional("Where did they come from? (optional)", &d.source)?;
    if d.stage.is_none() {
        let store = ctx.open(Access::Read)?;
        let stages = store.read().pipeline()?;
        let choice = dialoguer::Select::new()
            .with_prompt("Stage")
            .items(&stages)
            .default(0)
            .interact()?;
        d.stage = Some(stages[choice].clone());
    }
    Ok(())
}
