//! Pipelines: the ordered stages a contact moves through.

use super::Invalid;
use serde::Serialize;

pub const LIFECYCLE: &[&str] = &["reach", "acquisition", "conversion", "retention"];
pub const PHASES: &[&str] = &["acquisition", "enhancement", "retention"];

/// `lifecycle`, `phases`, or a comma list of stage names.
pub fn parse_pipeline(spec: &str) -> Result<Vec<String>, Invalid> {
    match spec.trim().to_ascii_lowercase().as_str() {
        "lifecycle" => return Ok(LIFECYCLE.iter().map(|s| s.to_string()).collect()),
        "phases" => return Ok(PHASES.iter().map(|s| s.to_string()).collect()),
        _ => {}
    }
    let stages: Vec<String> = spec.split(',').map(|s| s.trim().to_string()).collect();
    if stages.len() < 2 && !spec.contains(',') {
        return Err(Invalid::Pipeline(spec.to_string()));
    }
    for stage in &stages {
        validate_stage_name(stage)?;
    }
    for (i, stage) in stages.iter().enumerate() {
        if stages[..i].iter().any(|s| s.eq_ignore_ascii_case(stage)) {
            return Err(Invalid::StageTwice {
                stage: stage.clone(),
                pipeline: spec.to_string(),
            });
        }
    }
    Ok(stages)
}

pub fn validate_stage_name(name: &str) -> Result<(), Invalid> {
    let ok = !name.is_empty()
        && name.len() <= 40
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(Invalid::StageName(name.to_string()))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    pub name: String,
    /// Kept from 0; shown, and written for scripts, from 1 as `stages` prints.
    #[serde(serialize_with = "from_one")]
    pub position: i64,
    pub contacts: i64,
}

fn from_one<S: serde::Serializer>(position: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i64(position + 1)
}

/// One move in a contact's journey; `from` is None for the first stage.
#[derive(Debug, Clone, Serialize)]
pub struct StageMove {
    pub id: i64,
    pub from: Option<String>,
    pub to: String,
    pub at: String,
    pub reason: Option<String>,
}

/// The stage after `current` in `pipeline`, or None at the last one.
pub fn next_stage<'a>(pipeline: &'a [String], current: &str) -> Option<&'a String> {
    let i = pipeline
        .iter()
        .position(|s| s.eq_ignore_ascii_case(current))?;
    pipeline.get(i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_custom_lists() {
        assert_eq!(parse_pipeline("lifecycle").unwrap(), LIFECYCLE);
        assert_eq!(parse_pipeline("Phases").unwrap(), PHASES);
        assert_eq!(
            parse_pipeline("lead, client,fan").unwrap(),
            ["lead", "client", "fan"]
        );
        assert!(parse_pipeline("lead,,fan").is_err());
        assert!(parse_pipeline("lead,Lead")
            .unwrap_err()
            .to_string()
            .contains("twice"));
        assert!(parse_pipeline("waterfall")
            .unwrap_err()
            .to_string()
            .contains("'waterfall'"));
        assert!(parse_pipeline("a b,c").is_err());
    }

    #[test]
    fn next_stage_stops_at_the_end() {
        let p: Vec<String> = LIFECYCLE.iter().map(|s| s.to_string()).collect();
        assert_eq!(next_stage(&p, "reach").unwrap(), "acquisition");
        assert_eq!(next_stage(&p, "retention"), None);
    }
}
