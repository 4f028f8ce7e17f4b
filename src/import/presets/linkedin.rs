//! LinkedIn's Connections.csv: a "Notes:" preamble, then
//! "First Name, Last Name, URL, Email Address, Company, Position,
//! Connected On" with mostly empty emails and dates like `15 Nov 2023`.

use super::{has, Preset};
use crate::import::mapping::{normalise, Target};

pub struct LinkedIn;

impl Preset for LinkedIn {
    /// A US export: month first.
    fn date_order(&self) -> Option<crate::import::dates::DateOrder> {
        Some(crate::import::dates::DateOrder::Mdy)
    }

    fn name(&self) -> &'static str {
        "linkedin"
    }

    fn detect(&self, headers: &[String]) -> bool {
        // 2024 has a URL column; 2018 had none (and wrote "1/8/18, 6:14 PM").
        has(headers, "Connected On") && has(headers, "First Name") && has(headers, "Last Name")
    }

    fn target(&self, header: &str) -> Option<Target> {
        let t = match normalise(header).as_str() {
            "url" | "profileurl" => Target::Field("linkedin".into()),
            "position" => Target::Title,
            "connectedon" => Target::Field("connected_on".into()),
            _ => return None,
        };
        Some(t)
    }

    fn default_source(&self) -> Option<&'static str> {
        Some("linkedin")
    }
}
