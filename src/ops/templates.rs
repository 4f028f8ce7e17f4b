//! Message templates and the drafts they make for a contact.

use crate::clock::Clock;
use crate::domain::contact::Contact;
use crate::domain::interaction::Kind;
use crate::domain::template::{contact_value, Draft, Template};
use crate::domain::text::shown;
use crate::domain::Invalid;
use crate::error::Result;
use crate::refused;
use crate::store::{Db, Store};

/// Saves a template, replacing one of the same name; true when it replaced
/// one. Every placeholder must be one a contact can fill (a built-in or a
/// custom field in use).
pub fn save(store: &mut Store, t: &Template) -> Result<bool> {
    super::write(store, |db| {
        t.check_placeholders(&db.field_keys()?)?;
        db.save_template(t)
    })
}

pub fn get(db: &Db<'_>, name: &str) -> Result<Template> {
    db.template(name)?.ok_or_else(|| {
        refused!(
            "no template '{}': `rapport template list` shows them",
            shown(name)
        )
    })
}

pub fn list(db: &Db<'_>) -> Result<Vec<Template>> {
    db.templates()
}

/// Removes a template that no rule uses.
pub fn remove(store: &mut Store, name: &str) -> Result<()> {
    super::write(store, |db| {
        get(db, name)?;
        db.delete_template(name)
    })
}

/// A template rendered for a contact, or why it cannot be (a placeholder
/// with no value).
pub fn render_for(
    db: &Db<'_>,
    template: &Template,
    contact: &Contact,
    clock: Clock,
) -> Result<std::result::Result<Draft, Invalid>> {
    let last_purchase = db
        .recent_interactions(Some(contact.id), 200)?
        .into_iter()
        .find(|i| i.kind == Kind::Purchase)
        .map(|i| i.summary);
    let today = clock.today();
    Ok(template.draft(&|key| contact_value(contact, last_purchase.as_deref(), today, key)))
}

/// `draft`: the message for one contact, or an error naming what is missing.
pub fn draft(db: &Db<'_>, contact: &Contact, template: &str, clock: Clock) -> Result<Draft> {
    let template = get(db, template)?;
    render_for(db, &template, contact, clock)?.map_err(|e| {
        refused!(
            "{e} for #{} {}: fill it in (rapport edit) or change the template",
            contact.id,
            shown(&contact.name)
        )
    })
}
