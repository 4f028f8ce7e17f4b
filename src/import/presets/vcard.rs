//! vCard files, read card by card into the columns of
//! `crate::import::vcard::HEADERS`; chosen by the file's content (a first
//! line `BEGIN:VCARD`), or with `--preset vcard`.

use super::Preset;
use crate::import::mapping::Target;
use crate::import::vcard::{HEADERS, SEPARATOR};

pub struct Vcard;

impl Preset for Vcard {
    fn name(&self) -> &'static str {
        "vcard"
    }

    fn detect(&self, headers: &[String]) -> bool {
        headers.len() == HEADERS.len() && headers.iter().zip(HEADERS).all(|(a, b)| a == b)
    }

    fn target(&self, header: &str) -> Option<Target> {
        let t = match header {
            "vCard line" => Target::Ignore,
            "UID" => Target::Uid,
            "Name" => Target::Name,
            "First Name" => Target::FirstName,
            "Middle Name" => Target::MiddleName,
            "Last Name" => Target::LastName,
            "Email" => Target::Email,
            "Phone" => Target::Phone,
            "Company" => Target::Company,
            "Department" => Target::Field("department".into()),
            "Title" => Target::Title,
            "Location" => Target::Location(0),
            "Birthday" => Target::Birthday,
            "Anniversary" => Target::Field("anniversary".into()),
            "Tags" => Target::Tags,
            "Note" => Target::Note,
            "Website" => Target::Field("website".into()),
            "Social" => Target::Field("social_profiles".into()),
            "Nickname" => Target::Field("nickname".into()),
            "Photo" => Target::Field("photo".into()),
            "Stage" => Target::Stage,
            "Source" => Target::Source,
            "Fields" => Target::Fields,
            _ => return None,
        };
        Some(t)
    }

    /// Google's label for every contact is no tag.
    fn tag(&self, label: &str) -> Option<String> {
        (!label.eq_ignore_ascii_case("myContacts")).then(|| label.to_string())
    }

    fn split<'a>(&self, value: &'a str) -> Vec<&'a str> {
        value
            .split(SEPARATOR)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect()
    }
}
