//! Pipedrive's people export: every header prefixed "Person - ", as in
//! "Person - Name, Person - Organization, Person - Email - Work, …".

use super::Preset;
use crate::import::mapping::{generic_target, normalise, Target};

pub struct Pipedrive;

impl Preset for Pipedrive {
    fn name(&self) -> &'static str {
        "pipedrive"
    }

    fn detect(&self, headers: &[String]) -> bool {
        headers
            .iter()
            .filter(|h| h.starts_with("Person - "))
            .count()
            >= 2
    }

    fn target(&self, header: &str) -> Option<Target> {
        let rest = header.trim().strip_prefix("Person - ")?;
        let h = normalise(rest);
        let t = match h.as_str() {
            "id" | "owner" | "visibleto" | "updatetime" | "addtime" | "people" => Target::Ignore,
            "label" | "labels" => Target::Tags,
            "organization" => Target::Company,
            "postaladdress" => Target::Location(0),
            "leadsource" | "source" => Target::Source,
            "marketingstatus" => Target::MarketingStatus,
            "website" => Target::Field("website".into()),
            "linkedinprofile" | "linkedin" => Target::Field("linkedin".into()),
            _ if h.starts_with("email") => Target::Email,
            _ if h.starts_with("phone") => Target::Phone,
            // Any other column is listed as ignored, never dropped unsaid.
            _ => return generic_target(rest),
        };
        Some(t)
    }
}
