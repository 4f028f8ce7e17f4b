//! Outlook's contacts CSV, both the Outlook.com shape ("First Name, Middle
//! Name, Last Name, Title, …, E-mail Address, …, Birthday, …") and the
//! desktop one ("Title, First Name, …, Categories, …"). "Title" is the
//! honorific; "Job Title" is the job. Empty dates are `0/0/00`, dates are
//! M/D/YYYY, Categories are `;`-separated.

use super::{has, Preset};
use crate::import::mapping::{normalise, Target};

pub struct Outlook;

impl Preset for Outlook {
    /// A US export: month first.
    fn date_order(&self) -> Option<crate::import::dates::DateOrder> {
        Some(crate::import::dates::DateOrder::Mdy)
    }

    fn name(&self) -> &'static str {
        "outlook"
    }

    fn detect(&self, headers: &[String]) -> bool {
        has(headers, "E-mail Address")
            && (has(headers, "Business Phone")
                || has(headers, "Mobile Phone")
                || has(headers, "Categories")
                || has(headers, "Home Phone"))
    }

    fn target(&self, header: &str) -> Option<Target> {
        let h = normalise(header);
        let t = match h.as_str() {
            "title" => Target::Field("honorific".into()),
            "suffix" | "givenyomi" | "surnameyomi" | "companyyomi" => Target::Ignore,
            "nickname" => Target::Field("nickname".into()),
            "emailaddress" | "email2address" | "email3address" => Target::Email,
            "emailtype" | "emaildisplayname" | "email2type" | "email2displayname"
            | "email3type" | "email3displayname" => Target::Ignore,
            "primaryphone" | "mobilephone" | "businessphone" | "homephone" | "businessphone2"
            | "homephone2" | "otherphone" => Target::Phone,
            "jobtitle" => Target::Title,
            "department" => Target::Field("department".into()),
            "company" => Target::Company,
            // Outlook.com writes "Business Country", desktop Outlook
            // "Business Country/Region".
            "businesscity" | "businessstate" | "businesscountryregion" | "businesscountry" => {
                Target::Location(0)
            }
            "homecity" | "homestate" | "homecountryregion" | "homecountry" => Target::Location(1),
            "othercity" | "otherstate" | "othercountryregion" | "othercountry" => {
                Target::Location(2)
            }
            "categories" => Target::Tags,
            "anniversary" => Target::Field("anniversary".into()),
            "webpage" | "personalwebpage" => Target::Field("website".into()),
            "location" => Target::Location(3),
            "spouse" => Target::Field("spouse".into()),
            "hobby" => Target::Field("hobby".into()),
            _ if h.contains("fax")
                || h.contains("street")
                || h.contains("postalcode")
                || h.contains("pobox") =>
            {
                Target::Ignore
            }
            _ => return None,
        };
        Some(t)
    }

    fn split<'a>(&self, value: &'a str) -> Vec<&'a str> {
        value
            .split(';')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect()
    }
}
