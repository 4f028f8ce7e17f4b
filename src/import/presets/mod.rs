//! The export formats people leave other tools with, one file each,
//! behind one trait: which headers mean what, and the quirks of values.

mod google;
mod hubspot;
mod linkedin;
mod mailchimp;
mod outlook;
mod pipedrive;
mod vcard;

use super::mapping::Target;

pub trait Preset: Sync {
    fn name(&self) -> &'static str;
    /// Whether a header row is recognisably this export.
    fn detect(&self, headers: &[String]) -> bool;
    /// What a header means in this export; None falls back to the plain reading.
    fn target(&self, header: &str) -> Option<Target>;
    /// Several values in one cell (tags, emails).
    fn split<'a>(&self, value: &'a str) -> Vec<&'a str> {
        value
            .split([',', ';'])
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect()
    }
    /// A tag as this export writes it, or None for labels that are not tags.
    fn tag(&self, label: &str) -> Option<String> {
        Some(label.to_string())
    }
    /// This export's own stage value as a stage of `pipeline`.
    fn stage(&self, _value: &str, _pipeline: &[String]) -> Option<String> {
        None
    }
    /// How this export writes numeric dates, when its values do not say.
    fn date_order(&self) -> Option<super::dates::DateOrder> {
        None
    }
    /// Where contacts in this export came from, when the file says nothing.
    fn default_source(&self) -> Option<&'static str> {
        None
    }
}

pub static ALL: &[&dyn Preset] = &[
    &pipedrive::Pipedrive,
    &mailchimp::Mailchimp,
    &linkedin::LinkedIn,
    &google::Google,
    &outlook::Outlook,
    &hubspot::HubSpot,
    &vcard::Vcard,
];

pub fn by_name(name: &str) -> Option<&'static dyn Preset> {
    ALL.iter()
        .copied()
        .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
}

pub fn detect(headers: &[String]) -> Option<&'static dyn Preset> {
    ALL.iter().copied().find(|p| p.detect(headers))
}

pub fn names() -> Vec<&'static str> {
    ALL.iter().map(|p| p.name()).collect()
}

fn has(headers: &[String], name: &str) -> bool {
    headers.iter().any(|h| h.trim().eq_ignore_ascii_case(name))
}
