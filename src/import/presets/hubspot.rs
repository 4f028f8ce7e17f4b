//! HubSpot's contacts export: "Record ID, First Name, Last Name, Email,
//! Phone Number, Lifecycle Stage, …". Its lifecycle stages map onto the
//! pipeline; values that do not map need --stage-map.

use super::{has, Preset};
use crate::domain::stage::{LIFECYCLE, PHASES};
use crate::import::mapping::{normalise, Target};

pub struct HubSpot;

impl Preset for HubSpot {
    /// A US export: month first.
    fn date_order(&self) -> Option<crate::import::dates::DateOrder> {
        Some(crate::import::dates::DateOrder::Mdy)
    }

    fn name(&self) -> &'static str {
        "hubspot"
    }

    fn detect(&self, headers: &[String]) -> bool {
        has(headers, "Lifecycle Stage") || (has(headers, "Record ID") && has(headers, "Email"))
    }

    fn target(&self, header: &str) -> Option<Target> {
        let t = match normalise(header).as_str() {
            "recordid" | "contactid" | "associatedcompanyid" | "lastmodifieddate" => Target::Ignore,
            "contactowner" => Target::Field("owner".into()),
            "createdate" => Target::Created,
            "becameacustomerdate" => Target::Milestone("customer"),
            "marketingcontactstatus" => Target::Field("marketing_status".into()),
            "unsubscribedfromallemail" | "optedoutofallemail" => Target::DoNotContact,
            "phonenumber" | "mobilephonenumber" => Target::Phone,
            "companyname" | "associatedcompany" => Target::Company,
            "jobtitle" => Target::Title,
            "city" | "stateregion" | "countryregion" => Target::Location(0),
            "lifecyclestage" => Target::Stage,
            "originalsource" => Target::Source,
            "leadstatus" => Target::Field("lead_status".into()),
            "lastcontacted" | "lastactivitydate" => Target::LastContacted,
            "websiteurl" => Target::Field("website".into()),
            _ => return None,
        };
        Some(t)
    }

    /// Subscribers are reached; leads up to opportunities are being
    /// acquired; customers have converted; evangelists are retained.
    fn stage(&self, value: &str, pipeline: &[String]) -> Option<String> {
        let stage_index = match normalise(value).as_str() {
            "subscriber" => 0,
            "lead"
            | "marketingqualifiedlead"
            | "mql"
            | "salesqualifiedlead"
            | "sql"
            | "opportunity" => 1,
            "customer" => 2,
            "evangelist" => 3,
            _ => return None,
        };
        let same = |preset: &[&str]| {
            pipeline.len() == preset.len()
                && pipeline
                    .iter()
                    .zip(preset)
                    .all(|(a, b)| a.eq_ignore_ascii_case(b))
        };
        if same(LIFECYCLE) {
            return Some(LIFECYCLE[stage_index].to_string());
        }
        if same(PHASES) {
            // acquisition, enhancement, retention
            return Some(PHASES[[0, 0, 1, 2][stage_index]].to_string());
        }
        None
    }
}
