//! `rapport add NAME [details]`: a new contact, asked for on a terminal
//! when NAME is left out.

use super::{Ctx, Details};
use crate::domain::contact::{
    clean_opt, clean_text, parse_consent, parse_field, validate_email, validate_name,
    validate_phone, validate_tag, NewContact,
};
use crate::domain::text::free_text;
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
        company: clean_opt(d.company.as_deref())?,
        title: clean_opt(d.title.as_deref())?,
        location: clean_opt(d.location.as_deref())?,
        source: clean_opt(d.source.as_deref())?,
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
        note: d.note.as_deref().map(free_text).transpose()?.flatten(),
        do_not_contact: args.do_not_contact,
        quiet_since: None,
        uid: None,
        consents: d
            .consents
            .iter()
            .map(|c| parse_consent(c, today))
            .collect::<Result<_, _>>()?,
        created: None,
        milestones: Vec::new(),
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
    // Answers are checked as they are typed, and kept as typed: the same
    // validation as flags runs on them below.
    let line = |s: &str| clean_text(s).map(|_| ()).map_err(|e| e.to_string());
    if d.email.is_none() {
        let email = ctx.ui.ask("Email (optional)", true, |s| match s.trim() {
            "" => Ok(()),
            e => validate_email(e).map(|_| ()).map_err(|e| e.to_string()),
        })?;
        d.email = (!email.trim().is_empty()).then_some(email);
    }
    if d.company.is_none() {
        let company = ctx.ui.ask("Company (optional)", true, line)?;
        d.company = (!company.trim().is_empty()).then_some(company);
    }
    if d.source.is_none() {
        let source = ctx
            .ui
            .ask("Where did they come from? (optional)", true, line)?;
        d.source = (!source.trim().is_empty()).then_some(source);
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
