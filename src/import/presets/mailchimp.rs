//! Mailchimp's audience export: "Email Address, First Name, Last Name,
//! Address, Phone Number, Birthday, MEMBER_RATING, OPTIN_TIME, …, TAGS".
//! The unsubscribed file adds UNSUB_TIME: its rows become do-not-contact.
//! TAGS holds quoted names: `"Customer","VIP"`; birthdays are MM/DD.

use super::{has, Preset};
use crate::import::mapping::{normalise, Target};

pub struct Mailchimp;

impl Preset for Mailchimp {
    /// A US export: month first.
    fn date_order(&self) -> Option<crate::import::dates::DateOrder> {
        Some(crate::import::dates::DateOrder::Mdy)
    }

    fn name(&self) -> &'static str {
        "mailchimp"
    }

    fn detect(&self, headers: &[String]) -> bool {
        has(headers, "Email Address")
            && (has(headers, "MEMBER_RATING") || has(headers, "LEID") || has(headers, "OPTIN_TIME"))
    }

    fn target(&self, header: &str) -> Option<Target> {
        let t = match normalise(header).as_str() {
            "address" => Target::Location(0),
            "unsubtime" => Target::DoNotContact,
            "memberrating" => Target::Field("member_rating".into()),
            "unsubreason" => Target::Field("unsubscribe_reason".into()),
            "optintime" => Target::Consent("Mailchimp opt-in"),
            "confirmtime" => Target::Consent("Mailchimp double opt-in"),
            "optinip" | "confirmip" | "latitude" | "longitude" | "gmtoff" | "dstoff"
            | "timezone" | "cc" | "region" | "lastchanged" | "leid" | "euid"
            | "unsubcampaigntitle" | "unsubcampaignid" | "unsubreasonother" | "cleantime"
            | "cleancampaigntitle" | "cleancampaignid" => Target::Ignore,
            _ => return None,
        };
        Some(t)
    }

    fn split<'a>(&self, value: &'a str) -> Vec<&'a str> {
        value
            .split(',')
            .map(|v| v.trim().trim_matches('"').trim())
            .filter(|v| !v.is_empty())
            .collect()
    }

    fn default_source(&self) -> Option<&'static str> {
        Some("mailchimp")
    }
}
