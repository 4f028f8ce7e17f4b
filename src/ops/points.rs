//! Loyalty points that rules earn: per unit of currency spent, and for a
//! referral whose contact first pays. Each is recorded like a manual change,
//! with its reason, and tied to the purchase that earned it, so that a
//! purchase undone (an import undo) takes its points back.

use crate::domain::interaction::Kind;
use crate::domain::settings;
use crate::domain::text::shown;
use crate::error::Result;
use crate::store::Db;
use serde::Serialize;

fn setting(db: &Db<'_>, name: &str) -> Result<i64> {
    Ok(db
        .setting_or_default(settings::key(name)?)?
        .parse()
        .unwrap_or(0))
}

/// A purchase was recorded: the points it earns its buyer, and their
/// referrer when it is the buyer's first.
pub fn earn_for_purchase(db: &Db<'_>, purchase: i64) -> Result<()> {
    let Some(i) = db.interaction(purchase)? else {
        return Ok(());
    };
    if i.kind != Kind::Purchase {
        return Ok(());
    }
    let per_unit = setting(db, "points-per-purchase-unit")?;
    if let (true, Some(amount)) = (per_unit > 0, i.amount) {
        // Whole units of currency: 49.90 at 1 point per unit is 49 points.
        let points = (amount.0.saturating_mul(per_unit) / 100).min(1_000_000);
        if points > 0 {
            db.add_points_for(
                i.contact_id,
                points,
                &format!("purchase #{} ({amount})", i.id),
                &i.at,
                Some(i.id),
            )?;
        }
    }
    let per_referral = setting(db, "points-per-referral")?;
    if per_referral > 0 && db.first_purchase(i.contact_id)? == Some(i.id) {
        if let Some(referrer) = db.contact(i.contact_id)?.and_then(|c| c.referred_by) {
            db.add_points_for(
                referrer,
                per_referral.min(1_000_000),
                &format!(
                    "referral: #{} {} first paid (purchase #{})",
                    i.contact_id,
                    shown(&i.contact),
                    i.id
                ),
                &i.at,
                Some(i.id),
            )?;
        }
    }
    Ok(())
}

/// One contact's points, for `report points`.
#[derive(Debug, Serialize)]
pub struct Balance {
    pub contact_id: i64,
    pub contact: String,
    pub balance: i64,
    pub earned: i64,
    pub spent: i64,
    pub last_change: String,
}

/// `report points`: every contact with points, the largest balance first.
pub fn balances(db: &Db<'_>) -> Result<Vec<Balance>> {
    Ok(db
        .points_balances()?
        .into_iter()
        .map(
            |(contact_id, contact, balance, earned, spent, last_change)| Balance {
                contact_id,
                contact,
                balance,
                earned,
                spent,
                last_change,
            },
        )
        .collect())
}
