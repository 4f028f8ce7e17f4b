//! Interactions: logging them, resolving tickets, marking invoices paid.

use crate::clock::display_timestamp;
use crate::domain::contact::clean_opt;
use crate::domain::interaction::{check_extras, parse_direction, Cents, Interaction, Kind};
use crate::domain::text::{free_text, shown};
use crate::domain::when::{check_day, check_timestamp, When};
use crate::domain::Invalid;
use crate::error::Result;
use crate::store::{Db, NewInteraction, Store};
use crate::{internal, refused};

fn get(db: &Db<'_>, id: i64, what: &str) -> Result<Interaction> {
    db.interaction(id)?
        .ok_or_else(|| refused!("no {what} #{id}"))
}

/// `log`: the interaction, and the follow-up it asks for, in one go.
/// The one check every interaction passes, however it comes in (`log`,
/// `import interactions`, `import all`): normalised as `log` takes it.
pub fn checked(new: &NewInteraction) -> Result<NewInteraction, Invalid> {
    let mut new = new.clone();
    new.summary = free_text(&new.summary)?.ok_or(Invalid::Empty {
        what: "summary",
        hint: "say what happened",
    })?;
    new.channel = clean_opt(new.channel.as_deref())?;
    check_timestamp(&new.at)?;
    if let Some(amount) = new.amount {
        if amount.0 <= 0 || amount > Cents::MAX {
            return Err(Invalid::AmountTooLarge(amount.to_string()));
        }
    }
    if matches!(new.rating, Some(r) if r > 10) {
        return Err(Invalid::Rating(format!("{:?}", new.rating)));
    }
    check_extras(new.kind, new.amount, new.rating)?;
    if let Some(day) = &new.payment_due {
        check_day(day)?;
    }
    if let Some(d) = &new.direction {
        parse_direction(d)?;
    }
    Ok(new)
}

pub fn log(
    store: &mut Store,
    new: &NewInteraction,
    follow_up: Option<When>,
) -> Result<(Interaction, Option<i64>)> {
    let new = &checked(new)?;
    super::write(store, |db| {
        super::contact::get(db, new.contact_id)?;
        let id = db.insert_interaction(new)?;
        super::points::earn_for_purchase(db, id)?;
        let follow_up_id = match follow_up {
            Some(when) => Some(super::follow_up::schedule(
                db,
                new.contact_id,
                when,
                &format!("Follow up: {}", new.summary),
                None,
            )?),
            None => None,
        };
        let interaction = db
            .interaction(id)?
            .ok_or_else(|| internal!("interaction #{id} vanished"))?;
        Ok((interaction, follow_up_id))
    })
}

/// Closes an open ticket inside the caller's transaction.
pub fn close_ticket(db: &Db<'_>, id: i64, note: Option<&str>) -> Result<Interaction> {
    let ticket = get(db, id, "ticket")?;
    if ticket.kind != Kind::Ticket {
        return Err(refused!("#{id} is a {}, not a ticket", ticket.kind));
    }
    if ticket.resolved_at.is_some() {
        return Err(refused!(
            "ticket #{id} for {} is already resolved",
            shown(&ticket.contact)
        ));
    }
    db.resolve_ticket(id, &db.now(), note)?;
    get(db, id, "ticket")
}

/// `resolve`.
pub fn resolve_ticket(store: &mut Store, id: i64, note: Option<&str>) -> Result<Interaction> {
    super::write(store, |db| close_ticket(db, id, note))
}

/// `paid`: an invoiced purchase, paid at `at`.
pub fn mark_paid(store: &mut Store, id: i64, at: &str) -> Result<Interaction> {
    super::write(store, |db| {
        let p = get(db, id, "purchase")?;
        if p.kind != Kind::Purchase {
            return Err(refused!("#{id} is a {}, not a purchase", p.kind));
        }
        if let Some(paid) = &p.paid_at {
            return Err(refused!(
                "purchase #{id} of {} was already marked paid at {}",
                shown(&p.contact),
                display_timestamp(paid)
            ));
        }
        db.mark_paid(id, at)?;
        get(db, id, "purchase")
    })
}
