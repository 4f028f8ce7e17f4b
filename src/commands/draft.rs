//! `rapport draft CONTACT TEMPLATE [--eml FILE]`.

use super::Ctx;
use crate::error::Result;
use crate::output::eml;
use crate::{ops, refused};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An id, an email, or part of a name
    pub contact: String,
    /// A template's name, as `template list` shows it
    pub template: String,
    /// Write an RFC 5322 message (.eml) that a mail client opens as a draft
    #[arg(long, value_name = "FILE")]
    pub eml: Option<PathBuf>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let store = ctx.read()?;
    let db = store.read();
    let id = ctx.contact(&db, &args.contact)?;
    let contact = ops::contact::get(&db, id)?;
    let draft = ops::templates::draft(&db, &contact, &args.template, ctx.clock)?;
    if contact.do_not_contact {
        ctx.ui.note(&format!(
            "note: #{} {} is marked do-not-contact",
            contact.id, contact.name
        ))?;
    }
    let Some(path) = &args.eml else {
        return ctx.ui.confirm(
            &draft,
            &format!("Subject: {}\n\n{}", draft.subject, draft.body),
        );
    };
    let to = contact.email.as_deref().ok_or_else(|| {
        refused!(
            "#{} {} has no email: cannot address a message (rapport edit {} --email …)",
            contact.id,
            contact.name,
            contact.id
        )
    })?;
    let from = db.setting("from")?;
    let message = eml::message(
        from.as_deref(),
        &contact.name,
        to,
        &draft.subject,
        &draft.body,
        ctx.clock.now(),
    );
    ctx.ui
        .write_file(path, |w| Ok(w.write_all(message.as_bytes())?))?;
    ctx.ui.confirm(
        &draft,
        &format!("Wrote a draft to {} for {to}", path.display()),
    )
}
