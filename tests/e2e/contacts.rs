use crate::util::World;
use serde_json::json;

#[test]
fn add_prints_a_line_or_the_record() {
    let w = World::new();
    let line = w.ok(&["add", "Ada Lovelace", "--email", "ada@example.com"]);
    assert_eq!(line, "Added contact #1 Ada Lovelace (reach)\n");
    let rec = w.json(&["add", "Grace Hopper", "--tag", "Navy", "--tag", "navy"]);
    assert_eq!(rec["id"], 2);
    assert_eq!(rec["tags"], json!(["navy"]));
    assert_eq!(rec["stage"], "reach");
    assert_eq!(rec["last_contact_at"], json!(null));
    assert_eq!(rec["created_at"], "2026-11-23T09:00:00Z");
    assert_eq!(
        rec["uid"].as_str().unwrap().len(),
        26,
        "a ULID beside the short id"
    );
}

#[test]
fn contact_json_has_every_key_of_the_contract() {
    let w = World::seeded();
    let ada = w.json(&["show", "ada"]);
    for key in [
        "id",
        "name",
        "email",
        "phone",
        "company",
        "stage",
        "source",
        "tags",
        "birthday",
        "do_not_contact",
        "created_at",
        "last_contact_at",
    ] {
        assert!(ada.get(key).is_some(), "missing {key}");
    }
    assert_eq!(ada["fields"], json!({"interest": "analytics"}));
    assert_eq!(ada["birthday"], "1815-12-10");
    assert_eq!(ada["phone"], "+44 20 7946 0000");
    assert_eq!(ada["do_not_contact"], false);
}

#[test]
fn contacts_are_found_by_id_email_or_part_of_a_name() {
    let w = World::seeded();
    assert_eq!(w.json(&["show", "1"])["name"], "Ada Lovelace");
    assert_eq!(w.json(&["show", "#1"])["name"], "Ada Lovelace");
    assert_eq!(
        w.json(&["show", "GRACE@navy.example"])["name"],
        "Grace Hopper"
    );
    assert_eq!(w.json(&["show", "turi"])["name"], "Alan Turing");
    w.ok(&["add", "Ada"]);
    // An exact name wins over partial matches.
    assert_eq!(w.json(&["show", "ada"])["id"], 4);
}

#[test]
fn ambiguous_reference_lists_the_candidates() {
    let w = World::seeded();
    w.ok(&["add", "Ada Byron", "--email", "byron@example.com"]);
    let err = w.fails(&["show", "ada"], "'ada' matches 2 contacts");
    assert!(err.contains("#1 Ada Lovelace <ada@example.com>"), "{err}");
    assert!(err.contains("#4 Ada Byron <byron@example.com>"), "{err}");
}

#[test]
fn edit_changes_clears_tags_and_fields() {
    let w = World::seeded();
    w.ok(&[
        "edit",
        "ada",
        "--company",
        "Engines Ltd",
        "--tag",
        "speaker",
        "--untag",
        "vip",
        "--field",
        "diet=vegan",
        "--clear",
        "interest",
        "--clear",
        "phone",
        "--do-not-contact",
    ]);
    let ada = w.json(&["show", "ada"]);
    assert_eq!(ada["company"], "Engines Ltd");
    assert_eq!(ada["tags"], json!(["speaker"]));
    assert_eq!(ada["fields"], json!({"diet": "vegan"}));
    assert_eq!(ada["phone"], json!(null));
    assert_eq!(ada["do_not_contact"], true);
    w.ok(&[
        "edit",
        "ada",
        "--allow-contact",
        "--name",
        "Augusta Ada King",
    ]);
    let ada = w.json(&["show", "1"]);
    assert_eq!(ada["name"], "Augusta Ada King");
    assert_eq!(ada["do_not_contact"], false);
}

#[test]
fn edit_stage_records_the_move() {
    let w = World::seeded();
    w.ok(&["edit", "grace", "--stage", "conversion"]);
    let g = w.json(&["show", "grace"]);
    assert_eq!(g["stage"], "conversion");
    assert_eq!(g["stage_history"][1]["reason"], "edit");
}

#[test]
fn referrals_name_the_referrer() {
    let w = World::seeded();
    w.ok(&["add", "Kay Referred", "--referred-by", "ada@example.com"]);
    let k = w.json(&["show", "kay"]);
    assert_eq!(k["referred_by"], 1);
    assert_eq!(k["referred_by_name"], "Ada Lovelace");
    w.fails(&["edit", "ada", "--referred-by", "kay"], "circle");
    w.fails(
        &["edit", "ada", "--referred-by", "ada@example.com"],
        "itself",
    );
}

#[test]
fn list_filters_and_sorts() {
    let mut w = World::seeded();
    let names = |v: serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names(w.json(&["list"])),
        ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    );
    assert_eq!(names(w.json(&["list", "--tag", "VIP"])), ["Ada Lovelace"]);
    assert_eq!(
        names(w.json(&["list", "--source", "Referral"])),
        ["Alan Turing"]
    );
    assert_eq!(names(w.json(&["list", "--limit", "1"])), ["Ada Lovelace"]);
    w.ok(&["stage", "grace", "acquisition"]);
    assert_eq!(
        names(w.json(&["list", "--stage", "acquisition"])),
        ["Grace Hopper"]
    );
    w.ok(&[
        "log",
        "grace",
        "Coffee",
        "--kind",
        "meeting",
        "--at",
        "2026-11-20",
    ]);
    w.ok(&["log", "ada", "Call", "--kind", "call", "--at", "2026-10-01"]);
    assert_eq!(
        names(w.json(&["list", "--sort", "last-contact"])),
        ["Alan Turing", "Ada Lovelace", "Grace Hopper"]
    );
    // Three weeks later: Grace spoke 24 days ago, Ada 74; Alan never (added 21 days ago).
    w.at("2026-12-14T09:00:00Z");
    assert_eq!(
        names(w.json(&["list", "--dormant", "30d"])),
        ["Ada Lovelace"]
    );
    assert_eq!(
        names(w.json(&["list", "--dormant", "3w"])),
        ["Ada Lovelace", "Grace Hopper"]
    );
    assert_eq!(names(w.json(&["list", "--dormant", "20d"])).len(), 3);
}

#[test]
fn list_as_csv_and_table() {
    let w = World::seeded();
    let csv = w.ok(&["list", "--format", "csv"]);
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("id,name,email,phone,company"));
    assert_eq!(lines.count(), 3);
    let table = w.ok(&["list"]);
    assert!(table.lines().next().unwrap().contains("NAME"));
    assert!(table.contains("Analytical Engines"));
    assert!(!table.contains('\x1b'), "no colour without a terminal");
    let empty = World::new();
    assert_eq!(empty.ok(&["list"]), "");
    assert_eq!(empty.ok(&["list", "--json"]).trim(), "[]");
}

#[test]
fn search_covers_names_fields_tags_and_interactions() {
    let w = World::seeded();
    w.ok(&[
        "log",
        "grace",
        "Discussed the COBOL migration",
        "--kind",
        "call",
    ]);
    let ids = |q: &str| -> Vec<i64> {
        w.json(&["search", q])
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids("lovelace"), [1]);
    assert_eq!(ids("analyt"), [1], "fields and company, by prefix");
    assert_eq!(ids("cobol migration"), [2]);
    assert_eq!(
        w.json(&["search", "cobol", "migr"])[0]["id"],
        2,
        "several words, unquoted"
    );
    assert_eq!(ids("vip"), [1]);
    assert_eq!(ids("example.org"), [3]);
    assert!(ids("nothing-like-this").is_empty());
    // Search syntax in user text is inert.
    assert!(ids("\"); DROP TABLE contacts;--").is_empty());
    let hit = &w.json(&["search", "cobol"])[0];
    assert!(hit["matched"].as_str().unwrap().contains("[COBOL]"));
}

#[test]
fn forget_erases_everything_about_the_contact() {
    let w = World::seeded();
    w.ok(&[
        "log",
        "alan",
        "Enigma chat, secret-word-xyzzy",
        "--kind",
        "call",
    ]);
    w.ok(&[
        "follow-up",
        "alan",
        "tomorrow",
        "Monthly check-in plugh",
        "--every",
        "1m",
    ]);
    w.ok(&["add", "Kay", "--referred-by", "alan"]);
    w.fails(&["forget", "alan"], "--yes");
    let line = w.ok(&["forget", "alan", "--yes"]);
    assert!(
        line.starts_with("Forgot #3 Alan Turing and 1 interaction"),
        "{line}"
    );
    w.fails(&["show", "alan@example.org"], "alan@example.org");
    assert_eq!(
        w.json(&["show", "kay"])["referred_by"],
        serde_json::Value::Null
    );
    assert!(w.json(&["search", "xyzzy"]).as_array().unwrap().is_empty());
    // Not in the file's bytes, nor in the WAL.
    for file in [w.db.clone(), w.db.with_extension("db-wal")] {
        if let Ok(bytes) = std::fs::read(&file) {
            for needle in ["alan@example.org", "Alan Turing", "xyzzy", "plugh"] {
                assert!(
                    !bytes
                        .windows(needle.len())
                        .any(|win| win == needle.as_bytes()),
                    "{needle} left in {}",
                    file.display()
                );
            }
        }
    }
    w.ok(&["check"]);
}

#[test]
fn add_without_a_name_or_terminal_never_prompts() {
    let w = World::new();
    let out = w
        .cmd(&["add"])
        .timeout(std::time::Duration::from_secs(10))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: add needs a NAME"));
    assert!(!w.db.exists(), "a failed add creates nothing");
}

#[test]
fn search_ranks_who_they_are_before_what_was_said() {
    let w = World::seeded();
    w.ok(&[
        "log",
        "grace",
        "Talked about Ada's engine",
        "--kind",
        "call",
    ]);
    w.ok(&[
        "log",
        "alan",
        "Later chat about the engine",
        "--kind",
        "call",
    ]);
    let ids: Vec<i64> = w
        .json(&["search", "engine"])
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect();
    // Ada's company matches; then the most recent conversation first.
    assert_eq!(ids, [1, 3, 2]);
}
