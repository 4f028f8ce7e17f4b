//! `export` and `import all`.

use crate::util::World;
use serde_json::Value;

fn rich() -> World {
    let w = World::seeded();
    w.ok(&[
        "add",
        "Kay",
        "--referred-by",
        "ada",
        "--field",
        "diet=vegan",
        "--tag",
        "friend",
    ]);
    w.ok(&[
        "log",
        "ada",
        "Starter pack",
        "--kind",
        "purchase",
        "--amount",
        "49.90",
        "--at",
        "2026-11-01",
    ]);
    w.ok(&["log", "grace", "Cannot log in", "--kind", "ticket"]);
    w.ok(&["log", "grace", "Printer jam", "--kind", "ticket"]);
    w.ok(&["resolve", "3", "Cleared it"]);
    w.ok(&[
        "log", "alan", "Loved it", "--kind", "feedback", "--rating", "10",
    ]);
    w.ok(&["stage", "ada", "conversion", "--reason", "first order"]);
    w.ok(&[
        "follow-up",
        "alan",
        "2026-12-01",
        "Check-in",
        "--every",
        "1m",
    ]);
    w.ok(&["follow-up", "grace", "today", "Call back"]);
    w.ok(&["done", "2"]);
    // What issues 4 and 5 keep must come back too.
    w.ok(&[
        "template",
        "add",
        "hi",
        "--subject",
        "Hi {first_name}",
        "--body",
        "Hello",
    ]);
    w.ok(&[
        "rules",
        "add",
        "--tag",
        "vip",
        "--every",
        "2w",
        "--template",
        "hi",
    ]);
    w.ok(&["stage", "grace", "acquisition"]);
    w.ok(&["points", "ada", "+40", "loyal"]);
    w.ok(&["edit", "kay", "--birthday", "--11-25"]);
    w.ok(&["snooze", "birthday-4", "2026-11-24"]);
    w
}

#[test]
fn export_all_round_trips_byte_for_byte() {
    let w = rich();
    let first = w.dir.path().join("all.json");
    w.ok(&["export", "all", "--output", first.to_str().unwrap()]);
    let mut restored = World::new();
    restored.db = w.dir.path().join("restored.db");
    let out = restored.ok(&["import", "all", first.to_str().unwrap()]);
    assert!(
        out.starts_with("Restored 4 contacts, 4 interactions and 3 follow-ups"),
        "{out}"
    );
    let second = w.dir.path().join("again.json");
    restored.ok(&["export", "all", "--output", second.to_str().unwrap()]);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    restored.ok(&["check"]);
    assert_eq!(
        restored.json(&["show", "kay"])["referred_by_name"],
        "Ada Lovelace"
    );
    assert_eq!(
        restored.json(&["search", "jam"])[0]["name"],
        "Grace Hopper",
        "the search index is rebuilt"
    );
    let dump: Value = serde_json::from_slice(&std::fs::read(&first).unwrap()).unwrap();
    assert_eq!(dump["format"], "rapport-export");
    assert_eq!(dump["pipeline"].as_array().unwrap().len(), 4);
    let ticket = dump["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["summary"] == "Printer jam")
        .unwrap();
    assert_eq!(ticket["resolution"], "Cleared it");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&first).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn import_all_refuses_a_database_with_contacts() {
    let w = rich();
    let file = w.dir.path().join("all.json");
    w.ok(&["export", "all", "--output", file.to_str().unwrap()]);
    w.fails(
        &["import", "all", file.to_str().unwrap()],
        "empty database only",
    );
    let junk = w.dir.path().join("junk.json");
    std::fs::write(&junk, "{\"hello\": 1}").unwrap();
    let empty = World::new();
    empty.fails(
        &["import", "all", junk.to_str().unwrap()],
        "not a rapport export",
    );
}

#[test]
fn contacts_csv_carries_custom_fields_and_reads_back() {
    let w = rich();
    let csv = w.ok(&["export", "contacts"]);
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",note,field:diet,field:interest"),
        "{header}"
    );
    assert!(csv.contains("Kay,"));
    let file = w.dir.path().join("contacts.csv");
    std::fs::write(&file, &csv).unwrap();
    let mut other = World::new();
    other.db = w.dir.path().join("other.db");
    other.ok(&["import", "contacts", file.to_str().unwrap()]);
    let ada = other.json(&["show", "ada"]);
    assert_eq!(ada["fields"]["interest"], "analytics");
    assert_eq!(ada["tags"], serde_json::json!(["vip"]));
    assert_eq!(ada["stage"], "conversion");
    assert_eq!(other.json(&["list"]).as_array().unwrap().len(), 4);
}

#[test]
fn interactions_as_csv_and_json() {
    let w = rich();
    let csv = w.ok(&["export", "interactions", "--format", "csv"]);
    assert!(csv.starts_with(
        "id,contact_id,contact,kind,at,summary,channel,amount,rating,resolved_at,resolution\n"
    ));
    assert_eq!(csv.lines().count(), 5);
    let json = w.json(&["export", "interactions"]);
    assert_eq!(json.as_array().unwrap().len(), 4);
    w.fails(&["export", "all", "--format", "csv"], "JSON only");
    let empty = World::new();
    assert_eq!(empty.ok(&["export", "contacts", "--json"]), "[]\n");
}
