//! Interactions: every call, email, meeting, purchase, rating and ticket.

use super::Invalid;
use serde::{Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Call,
    Email,
    Meeting,
    Message,
    Note,
    Purchase,
    Feedback,
    Ticket,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Call,
        Kind::Email,
        Kind::Meeting,
        Kind::Message,
        Kind::Note,
        Kind::Purchase,
        Kind::Feedback,
        Kind::Ticket,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Call => "call",
            Kind::Email => "email",
            Kind::Meeting => "meeting",
            Kind::Message => "message",
            Kind::Note => "note",
            Kind::Purchase => "purchase",
            Kind::Feedback => "feedback",
            Kind::Ticket => "ticket",
        }
    }

    pub fn parse(text: &str) -> Result<Kind, Invalid> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| Invalid::Kind(text.to_string()))
    }

    /// Which way it went when not said: tickets, feedback and purchases
    /// come from the customer.
    pub fn default_direction(self) -> Option<&'static str> {
        matches!(self, Kind::Ticket | Kind::Feedback | Kind::Purchase).then_some("in")
    }

    /// A note is for the user alone: it is not contact with the customer,
    /// so it does not move `last_contact_at`.
    pub fn is_contact(self) -> bool {
        self != Kind::Note
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Money as whole cents, so that sums are exact; shown as a decimal number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cents(pub i64);

impl Cents {
    /// The most one purchase may be worth: 1,000,000,000.00. Sums of any
    /// number of purchases saturate instead of overflowing.
    pub const MAX: Cents = Cents(100_000_000_000);

    /// Cents added up without overflow.
    pub fn sum(values: impl IntoIterator<Item = i64>) -> i64 {
        values.into_iter().fold(0i64, i64::saturating_add)
    }

    /// A positive amount with at most two decimals: `49.90`, `1200`, `0.5`.
    pub fn parse_positive(text: &str) -> Result<Cents, Invalid> {
        let t = text.trim();
        let err = || Invalid::Amount(text.to_string());
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        if whole.is_empty() && frac.is_empty()
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !frac.chars().all(|c| c.is_ascii_digit())
            || frac.len() > 2
            || whole.len() > 13
        {
            return Err(err());
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| err())?
        };
        let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| err())?;
        let cents = whole * 100 + frac;
        if cents <= 0 {
            return Err(Invalid::AmountZero(text.to_string()));
        }
        if cents > Cents::MAX.0 {
            return Err(Invalid::AmountTooLarge(text.to_string()));
        }
        Ok(Cents(cents))
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl Serialize for Cents {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

/// A rating as typed: a whole number from 0 to 10.
pub fn parse_rating(text: &str) -> Result<u8, Invalid> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|r| *r <= 10)
        .ok_or_else(|| Invalid::Rating(text.to_string()))
}

/// Which extra values go with which kind, checked before anything is written.
/// `in`/`inbound`/`incoming`, `out`/`outbound`/`outgoing`.
pub fn parse_direction(text: &str) -> Result<&'static str, Invalid> {
    match text.trim().to_ascii_lowercase().as_str() {
        "in" | "inbound" | "incoming" => Ok("in"),
        "out" | "outbound" | "outgoing" => Ok("out"),
        _ => Err(Invalid::Direction(text.to_string())),
    }
}

pub fn check_extras(kind: Kind, amount: Option<Cents>, rating: Option<u8>) -> Result<(), Invalid> {
    if amount.is_some() && kind != Kind::Purchase {
        return Err(Invalid::Extra {
            flag: "--amount",
            kind: "purchase",
            given: kind.to_string(),
        });
    }
    if kind == Kind::Purchase && amount.is_none() {
        return Err(Invalid::PurchaseAmount);
    }
    if rating.is_some() && kind != Kind::Feedback {
        return Err(Invalid::Extra {
            flag: "--rating",
            kind: "feedback",
            given: kind.to_string(),
        });
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct Interaction {
    pub id: i64,
    pub uid: String,
    pub contact_id: i64,
    pub contact: String,
    pub kind: Kind,
    pub summary: String,
    pub channel: Option<String>,
    pub at: String,
    pub amount: Option<Cents>,
    pub rating: Option<u8>,
    /// For tickets: when it was resolved, None while open.
    pub resolved_at: Option<String>,
    pub resolution: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// For an invoiced purchase: when payment is due, and when it came.
    pub payment_due: Option<String>,
    pub paid_at: Option<String>,
    /// `in` when they came to you, `out` when you reached out; None if unknown.
    pub direction: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_exact_cents() {
        assert_eq!(Cents::parse_positive("49.90"), Ok(Cents(4990)));
        assert_eq!(Cents::parse_positive("49.9"), Ok(Cents(4990)));
        assert_eq!(Cents::parse_positive("1200"), Ok(Cents(120000)));
        assert_eq!(Cents::parse_positive(".5"), Ok(Cents(50)));
        assert_eq!(Cents(4990).to_string(), "49.90");
        for bad in [
            "-5",
            "0",
            "0.00",
            "1.234",
            "abc",
            "",
            ".",
            "1e3",
            "99999999999999",
        ] {
            let e = Cents::parse_positive(bad).unwrap_err().to_string();
            assert!(e.contains(&format!("'{bad}'")), "{bad}: {e}");
        }
    }

    #[test]
    fn extras_go_with_their_kind() {
        assert!(check_extras(Kind::Purchase, Some(Cents(1)), None).is_ok());
        assert!(check_extras(Kind::Purchase, None, None).is_err());
        assert!(check_extras(Kind::Call, Some(Cents(1)), None).is_err());
        assert!(check_extras(Kind::Call, None, Some(3)).is_err());
        assert!(check_extras(Kind::Feedback, None, Some(10)).is_ok());
        assert!(parse_rating("11").unwrap_err().to_string().contains("'11'"));
        assert!(parse_rating("-1").is_err());
        assert_eq!(parse_rating(" 7 "), Ok(7));
    }

    #[test]
    fn only_notes_are_not_contact() {
        assert!(Kind::ALL
            .iter()
            .filter(|k| !k.is_contact())
            .eq([Kind::Note].iter()));
    }
}
