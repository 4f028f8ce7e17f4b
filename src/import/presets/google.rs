//! Google Contacts' CSV: "First Name, Middle Name, Last Name, …,
//! Organization Name, Organization Title, Birthday, Notes, Labels,
//! E-mail 1 - Label, E-mail 1 - Value, …", with ` ::: ` between several
//! values in one cell. The older shape ("Given Name", "Group Membership",
//! "Organization 1 - Name") is read too.

use super::{has, Preset};
use crate::import::mapping::{normalise, Pair, Target};

/// "event1label" → (Event, 1, true); "customfield2value" → (Custom, 2, false).
fn labelled(h: &str) -> Option<(Pair, u8, bool)> {
    let (pair, rest) = if let Some(r) = h.strip_prefix("event") {
        (Pair::Event, r)
    } else if let Some(r) = h.strip_prefix("customfield") {
        (Pair::Custom, r)
    } else if let Some(r) = h.strip_prefix("relation") {
        (Pair::Relation, r)
    } else {
        return None;
    };
    let (n, is_label) = if let Some(n) = rest.strip_suffix("label") {
        (n, true)
    } else {
        (rest.strip_suffix("value")?, false)
    };
    Some((pair, n.parse().ok()?, is_label))
}

pub struct Google;

impl Preset for Google {
    fn name(&self) -> &'static str {
        "google"
    }

    fn detect(&self, headers: &[String]) -> bool {
        has(headers, "E-mail 1 - Value")
            || has(headers, "Group Membership")
            || (has(headers, "Labels") && has(headers, "Organization Name"))
    }

    fn target(&self, header: &str) -> Option<Target> {
        let h = normalise(header);
        let t = match h.as_str() {
            "givenname" => Target::FirstName,
            "additionalname" => Target::MiddleName,
            "familyname" => Target::LastName,
            "nickname" => Target::Field("nickname".into()),
            "organizationname" | "organization1name" => Target::Company,
            "organizationtitle" | "organization1title" => Target::Title,
            "organizationdepartment" | "organization1department" => {
                Target::Field("department".into())
            }
            "labels" | "groupmembership" => Target::Tags,
            "address1city" => Target::Location(0),
            "address1region" => Target::Location(0),
            "address1country" => Target::Location(0),
            "website1value" => Target::Field("website".into()),
            "photo" | "fileas" | "nameprefix" | "namesuffix" | "phoneticfirstname"
            | "phoneticmiddlename" | "phoneticlastname" | "yominame" | "givennameyomi"
            | "familynameyomi" | "additionalnameyomi" => Target::Ignore,
            _ if labelled(&h).is_some() => {
                let (pair, n, is_label) = labelled(&h)?;
                Target::Labelled(pair, n, is_label)
            }
            _ if h.starts_with("email") && h.ends_with("value") => Target::Email,
            _ if h.starts_with("phone") && h.ends_with("value") => Target::Phone,
            _ if h.starts_with("email")
                || h.starts_with("phone")
                || h.starts_with("address")
                || h.starts_with("website")
                || h.starts_with("organization")
                || h.starts_with("relation")
                || h.starts_with("event")
                || h.starts_with("im")
                || h.starts_with("customfield") =>
            {
                Target::Ignore
            }
            _ => return None,
        };
        Some(t)
    }

    fn split<'a>(&self, value: &'a str) -> Vec<&'a str> {
        value
            .split(":::")
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// Google's own labels start with "* ": "* myContacts" is every
    /// contact and not a tag; "* starred" is.
    fn tag(&self, label: &str) -> Option<String> {
        match label.strip_prefix("* ") {
            Some("myContacts") => None,
            Some(system) => Some(system.to_string()),
            None => Some(label.to_string()),
        }
    }
}
