//! `rapport add NAME [details]`: a new contact, asked for on a terminal
//! when NAME is left out.

use super::{Ctx, Details};
use crate::domain::contact::{
    clean_text, parse_field, validate_email, validate_name, validate_phone, validate_tag,
    NewContact,
};
use crate::domain::when::parse_birthday;
use crate::error::Result;
use crate::ops;
use crate::refused;

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
            return Err(refused!("add needs a NAME: none given, and there is no terminal to ask on (rapport add \"Ada Lovelace\" --email ada@example.com)"));
        }
        ask_for_details(ctx, &mut args)?;
    }
    let d = &args.details;
    let today = ctx.clock.today();
    let mut new = NewContact {
        name: validate_name(args.name.as_deref().unwrap_or_default())?,
        email: d.email.as_deref().map(validate_email).transpose()?,
        phone: d
            .phone
            .as_deref()
            .map(validate_phone)
            .transpose()?
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
            .collect::<Result<_, _>>()?,
        birthday: d
            .birthday
            .as_deref()
            .map(|b| parse_birthday(b, today))
            .transpose()?,
        fields: d
            .fields
            .iter()
            .map(|f| parse_field(f))
            .collect::<Result<_, _>>()?,
        referred_by: None,
        note: d.note.as_deref().and_then(clean_text),
        do_not_contact: args.do_not_contact,
        quiet_since: None,
    };
    let references: Vec<&str> = d.referred_by.as_deref().into_iter().collect();
    let (mut store, ids) = ctx.write_for(&references)?;
    new.referred_by = ids.first().copied();
    let contact = ops::contact::add(&mut store, new)?;
    let line = format!(
        "Added contact #{} {} ({})",
        contact.id, contact.name, contact.stage
    );
    ctx.ui.confirm(&contact, &line)
}

/// On a terminal: the details a new contact usually starts with.
fn ask_for_details(ctx: &mut Ctx, args: &mut Args) -> Result<()> {
    let name = ctx.ui.ask("Name", false, |s| {
        validate_name(s).map(|_| ()).map_err(|e| e.to_string())
    })?;
    args.name = Some(name);
    let d = &mut args.details;
    if d.email.is_none() {
        let email = ctx
            .ui
            .ask("Email (optional)", true, |s| match clean_text(s) {
                Some(e) => validate_email(&e).map(|_| ()).map_err(|e| e.to_string()),
                None => Ok(()),
            })?;
        d.email = clean_text(&email);
    }
    if d.company.is_none() {
        d.company = clean_text(&ctx.ui.ask("Company (optional)", true, |_| Ok(()))?);
    }
    if d.source.is_none() {
        d.source = clean_text(
            &ctx.ui
                .ask("Where did they come from? (optional)", true, |_| Ok(()))?,
        );
    }
    if d.stage.is_none() {
        let store = ctx.read()?;
        let stages = store.read().pipeline()?;
        if let Some(choice) = ctx.ui.pick("Stage", &stages)? {
            d.stage = Some(stages[choice].clone());
        }
    }
    Ok(())
}
