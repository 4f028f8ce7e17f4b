use crate::util::World;
use serde_json::json;

fn stage_names(w: &World) -> Vec<String> {
    w.json(&["stages"])
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn presets_and_custom_pipelines() {
    let w = World::new();
    w.ok(&["init", "--pipeline", "phases"]);
    assert_eq!(stage_names(&w), ["acquisition", "enhancement", "retention"]);
    let again = w.ok(&["init", "--pipeline", "phases"]);
    assert!(again.contains("already initialised"), "{again}");
    w.fails(&["init", "--pipeline", "lifecycle"], "stages set");
    let custom = World::new();
    custom.ok(&["init", "--pipeline", "lead,client,fan"]);
    assert_eq!(stage_names(&custom), ["lead", "client", "fan"]);
    custom.fails(&["init", "--pipeline", "solo"], "'solo'");
}

#[test]
fn the_first_write_creates_the_lifecycle_pipeline() {
    let w = World::new();
    w.ok(&["add", "Ada"]);
    assert_eq!(
        stage_names(&w),
        ["reach", "acquisition", "conversion", "retention"]
    );
}

#[test]
fn stage_moves_forward_back_and_keeps_history() {
    let mut w = World::seeded();
    w.at("2026-11-24T10:00:00Z");
    assert_eq!(
        w.ok(&["stage", "ada", "conversion", "--reason", "first order"]),
        "Moved #1 Ada Lovelace from reach to conversion\n"
    );
    w.at("2026-11-25T10:00:00Z");
    w.ok(&["advance", "ada"]);
    w.at("2026-11-26T10:00:00Z");
    w.ok(&["stage", "ada", "Acquisition", "--reason", "lapsed"]);
    let same = w.ok(&["stage", "ada", "acquisition"]);
    assert_eq!(
        same,
        "#1 Ada Lovelace is already in acquisition; nothing changed\n"
    );
    let ada = w.json(&["show", "ada"]);
    assert_eq!(ada["stage"], "acquisition");
    let history: Vec<_> = ada["stage_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["from"].clone(),
                m["to"].clone(),
                m["reason"].clone(),
                m["at"].clone(),
            )
        })
        .collect();
    assert_eq!(
        history,
        [
            (
                json!(null),
                json!("reach"),
                json!("added"),
                json!("2026-11-23T09:00:00Z")
            ),
            (
                json!("reach"),
                json!("conversion"),
                json!("first order"),
                json!("2026-11-24T10:00:00Z")
            ),
            (
                json!("conversion"),
                json!("retention"),
                json!(null),
                json!("2026-11-25T10:00:00Z")
            ),
            (
                json!("retention"),
                json!("acquisition"),
                json!("lapsed"),
                json!("2026-11-26T10:00:00Z")
            ),
        ]
    );
}

#[test]
fn stage_can_be_back_dated_but_not_before_the_last_move() {
    let mut w = World::seeded();
    w.at("2026-11-30T09:00:00Z");
    w.ok(&["stage", "grace", "conversion", "--at", "2026-11-25"]);
    assert_eq!(
        w.json(&["show", "grace"])["stage_since"],
        "2026-11-25T09:00:00Z"
    );
    w.fails(
        &["stage", "grace", "retention", "--at", "2026-11-24"],
        "before",
    );
    w.fails(
        &["stage", "grace", "retention", "--at", "tomorrow"],
        "future",
    );
}

#[test]
fn advance_stops_at_the_last_stage() {
    let w = World::seeded();
    w.ok(&["stage", "alan", "retention"]);
    w.fails(&["advance", "alan"], "last stage");
}

#[test]
fn stages_set_keeps_contacts_and_refuses_to_drop_a_used_stage() {
    let w = World::seeded();
    w.ok(&["stage", "ada", "conversion"]);
    w.ok(&["stage", "grace", "conversion"]);
    let err = w.fails(
        &["stages", "set", "reach,retention"],
        "'conversion' still has 2 contacts",
    );
    assert!(err.contains("stage"));
    // acquisition goes, and with it the welcome rule that named only it.
    w.fails(
        &["stages", "set", "lead,reach,conversion,retention,advocate"],
        "add --update-rules",
    );
    let out = w.run(&[
        "stages",
        "set",
        "lead,reach,conversion,retention,advocate",
        "--update-rules",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("Removed rule 1 (on-enter): it named only acquisition"),
        "{}",
        out.stderr
    );
    w.ok(&["due"]);
    w.ok(&["check"]);
    assert_eq!(
        stage_names(&w),
        ["lead", "reach", "conversion", "retention", "advocate"]
    );
    assert_eq!(w.json(&["show", "ada"])["stage"], "conversion");
    let stages = w.json(&["stages"]);
    assert_eq!(stages[2]["contacts"], 2);
    assert_eq!(stages[1]["contacts"], 1);
    w.fails(&["stages", "set", "a,b,a"], "twice");
}
