//! `import contacts` and `import interactions` with files shaped like the
//! real exports in tests/fixtures/import.

use crate::util::{dump, World};
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn summary(w: &World, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = w.run(&all);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

fn counts(v: &Value) -> [u64; 4] {
    ["added", "updated", "unchanged", "invalid"].map(|k| v[k].as_u64().unwrap())
}

#[test]
fn hubspot_export_maps_lifecycle_stages() {
    let w = World::seeded_empty();
    let s = summary(
        &w,
        &["import", "contacts", &fixture("hubspot-contacts.csv")],
    );
    assert_eq!(counts(&s), [5, 0, 0, 0]);
    assert_eq!(s["preset"], "hubspot");
    assert_eq!(s["preset_detected"], true);
    let stage = |email: &str| w.json(&["show", email])["stage"].clone();
    assert_eq!(stage("ada@example.com"), "conversion", "Customer");
    assert_eq!(stage("grace@navy.example"), "acquisition", "Opportunity");
    assert_eq!(stage("alan@example.org"), "reach", "Subscriber");
    assert_eq!(stage("kj@nasa.example"), "retention", "Evangelist");
    assert_eq!(
        stage("edsger@example.nl"),
        "acquisition",
        "Marketing Qualified Lead"
    );
    let ada = w.json(&["show", "ada@example.com"]);
    assert_eq!(ada["location"], "London, United Kingdom");
    assert_eq!(ada["title"], "Countess");
    assert_eq!(ada["source"], "Organic Search");
    assert_eq!(ada["stage_history"][0]["reason"], "import");
    let grace = w.json(&["show", "grace"]);
    assert_eq!(grace["fields"]["lead_status"], "Open deal");
    // Again: nothing changes.
    let again = summary(
        &w,
        &["import", "contacts", &fixture("hubspot-contacts.csv")],
    );
    assert_eq!(counts(&again), [0, 0, 5, 0]);
    assert_eq!(
        again["batch"],
        Value::Null,
        "no batch is kept when nothing changed"
    );
}

#[test]
fn hubspot_stages_that_do_not_map_need_stage_map() {
    let w = World::seeded_empty();
    let err = w.fails(
        &["import", "contacts", &fixture("hubspot-other-stage.csv")],
        "1 invalid row",
    );
    assert!(err.contains("line 2: unknown stage 'Other'"), "{err}");
    assert!(err.contains("--stage-map 'Other=STAGE'"), "{err}");
    w.fails(
        &[
            "import",
            "contacts",
            &fixture("hubspot-other-stage.csv"),
            "--stage-map",
            "Other=nowhere",
        ],
        "'nowhere'",
    );
    w.ok(&[
        "import",
        "contacts",
        &fixture("hubspot-other-stage.csv"),
        "--stage-map",
        "other=Retention",
    ]);
    assert_eq!(w.json(&["show", "barbara"])["stage"], "retention");
}

#[test]
fn google_contacts_labels_emails_and_yearless_birthdays() {
    let w = World::seeded_empty();
    let s = summary(&w, &["import", "contacts", &fixture("google-contacts.csv")]);
    assert_eq!(counts(&s), [3, 0, 0, 0]);
    assert_eq!(s["preset"], "google");
    let ada = w.json(&["show", "ada@example.com"]);
    assert_eq!(
        ada["tags"],
        json!(["clients", "starred"]),
        "* myContacts is not a tag"
    );
    assert_eq!(ada["fields"]["other_emails"], "ada.king@example.net");
    assert_eq!(ada["fields"]["website"], "https://ada.example.com");
    assert_eq!(ada["birthday"], "1815-12-10");
    assert_eq!(
        ada["note"],
        "Met at the Babbage salon.\nLikes \"poetical science\"."
    );
    assert_eq!(ada["location"], "London, GB");
    let mary = w.json(&["show", "mary@example.com"]);
    assert_eq!(mary["name"], "Mary Jackson Smith");
    assert_eq!(mary["birthday"], "--05-17");
    assert_eq!(mary["tags"], json!(["close-friends"]));
    assert_eq!(mary["phone"], "+1 757 555 0199");
    assert_eq!(mary["fields"]["other_phones"], "+1 757 555 0142");
    assert_eq!(
        counts(&summary(
            &w,
            &["import", "contacts", &fixture("google-contacts.csv")]
        )),
        [0, 0, 3, 0]
    );
}

#[test]
fn linkedin_connections_skip_the_preamble_and_match_by_name_and_company() {
    let w = World::seeded_empty();
    let s = summary(
        &w,
        &["import", "contacts", &fixture("linkedin-connections.csv")],
    );
    assert_eq!(counts(&s), [3, 0, 0, 0]);
    let grace = w.json(&["show", "grace"]);
    assert_eq!(grace["email"], Value::Null);
    assert_eq!(grace["source"], "linkedin");
    assert_eq!(grace["title"], "Rear Admiral");
    assert_eq!(grace["fields"]["connected_on"], "2023-11-15");
    assert_eq!(
        grace["fields"]["linkedin"],
        "https://www.linkedin.com/in/gracehopper"
    );
    // No email, no phone: the same name at the same company is the same person.
    assert_eq!(
        counts(&summary(
            &w,
            &["import", "contacts", &fixture("linkedin-connections.csv")]
        )),
        [0, 0, 3, 0]
    );
}

#[test]
fn outlook_both_shapes() {
    let w = World::seeded_empty();
    let s = summary(&w, &["import", "contacts", &fixture("outlook-com.csv")]);
    assert_eq!(counts(&s), [2, 0, 0, 0]);
    assert_eq!(s["preset"], "outlook");
    assert!(s["ignored_columns"]
        .as_array()
        .unwrap()
        .contains(&json!("Pager")));
    let dorothy = w.json(&["show", "dorothy"]);
    assert_eq!(dorothy["birthday"], "1910-09-20", "M/D/YYYY");
    assert_eq!(
        dorothy["title"], "Supervisor",
        "Job Title, not the honorific"
    );
    assert_eq!(dorothy["fields"]["honorific"], "Mrs.");
    assert_eq!(dorothy["location"], "Hampton, VA, United States");
    assert!(
        dorothy["fields"].get("anniversary").is_none(),
        "0/0/00 is no date"
    );
    let hedy = w.json(&["show", "hedy"]);
    assert_eq!(hedy["birthday"], Value::Null);
    assert_eq!(
        hedy["location"], "Vienna, Austria",
        "home address when there is no business one"
    );
    assert_eq!(hedy["fields"]["other_emails"], "h.lamarr@example.net");

    let s = summary(&w, &["import", "contacts", &fixture("outlook-desktop.csv")]);
    assert_eq!(counts(&s), [2, 0, 0, 0]);
    let barbara = w.json(&["show", "barbara"]);
    assert_eq!(barbara["tags"], json!(["clients", "speakers"]));
    assert_eq!(barbara["birthday"], "1939-11-07");
    assert_eq!(barbara["phone"], "+1 (617) 555-0150 x12");
    assert_eq!(barbara["fields"]["honorific"], "Dr.");
}

#[test]
fn pipedrive_people() {
    let w = World::seeded_empty();
    let s = summary(
        &w,
        &["import", "contacts", &fixture("pipedrive-people.csv")],
    );
    assert_eq!(counts(&s), [2, 0, 0, 0]);
    assert_eq!(s["preset"], "pipedrive");
    let annie = w.json(&["show", "annie"]);
    assert_eq!(annie["company"], "NASA Lewis");
    assert_eq!(annie["tags"], json!(["hot-lead"]));
    assert_eq!(annie["title"], "Rocket scientist");
    let jean = w.json(&["show", "jean"]);
    assert_eq!(jean["email"], "jean@ibm.example");
    assert_eq!(jean["fields"]["other_emails"], "jean.sammet@example.net");
    assert_eq!(jean["birthday"], "1928-03-23");
}

#[test]
fn mailchimp_unsubscribes_become_do_not_contact() {
    let w = World::seeded();
    let s = summary(
        &w,
        &["import", "contacts", &fixture("mailchimp-subscribed.csv")],
    );
    assert_eq!(
        counts(&s),
        [1, 1, 0, 0],
        "Ada is merged, the subscriber is new"
    );
    let ada = w.json(&["show", "ada"]);
    assert_eq!(ada["tags"], json!(["customer", "newsletter", "vip"]));
    assert_eq!(ada["company"], "Analytical Engines", "never overwritten");
    assert_eq!(ada["birthday"], "1815-12-10", "the user's value stays");
    let subscriber = w.json(&["show", "subscriber@example.com"]);
    assert_eq!(subscriber["name"], "subscriber@example.com");
    assert_eq!(subscriber["birthday"], Value::Null);
    let s = summary(
        &w,
        &["import", "contacts", &fixture("mailchimp-unsubscribed.csv")],
    );
    assert_eq!(counts(&s), [0, 1, 0, 0]);
    let grace = w.json(&["show", "grace"]);
    assert_eq!(grace["do_not_contact"], true);
    assert_eq!(
        grace["fields"]["unsubscribe_reason"],
        "I no longer want to receive these emails"
    );
}

#[test]
fn a_file_with_bad_rows_imports_nothing_and_names_every_line() {
    let w = World::seeded();
    let err = w.fails(
        &["import", "contacts", &fixture("two-bad-rows.csv")],
        "2 invalid rows",
    );
    assert!(
        err.contains("line 3: 'lee-at-example.com' is not an email address"),
        "{err}"
    );
    assert!(err.contains("line 5: unknown stage 'nowhere'"), "{err}");
    assert_eq!(w.json(&["list"]).as_array().unwrap().len(), 3);
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let w = World::seeded();
    let before = dump(&w.db);
    let s = summary(
        &w,
        &[
            "import",
            "contacts",
            &fixture("two-bad-rows.csv"),
            "--dry-run",
            "--skip-invalid",
        ],
    );
    assert_eq!(counts(&s), [2, 0, 0, 2]);
    assert_eq!(s["dry_run"], true);
    assert_eq!(before, dump(&w.db));
    assert!(!w.dir.path().join("two-bad-rows.csv.rejected.csv").exists());
    let out = w.ok(&[
        "import",
        "contacts",
        &fixture("hubspot-contacts.csv"),
        "--dry-run",
    ]);
    assert_eq!(
        out,
        "Dry run, nothing written: 2 added, 3 updated, 0 unchanged, 0 invalid\n"
    );
    assert_eq!(before, dump(&w.db));
}

#[test]
fn skip_invalid_imports_the_rest_and_writes_the_rejects() {
    let w = World::seeded();
    let copy = w.dir.path().join("contacts.csv");
    std::fs::copy(fixture("two-bad-rows.csv"), &copy).unwrap();
    let out = w.run(&[
        "import",
        "contacts",
        copy.to_str().unwrap(),
        "--skip-invalid",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("2 added, 0 updated, 0 unchanged, 2 invalid"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("line 3: "), "{}", out.stderr);
    let rejects = std::fs::read_to_string(w.dir.path().join("contacts.csv.rejected.csv")).unwrap();
    let mut lines = rejects.lines();
    assert_eq!(lines.next(), Some("line,reason,name,email,company,stage"));
    assert!(lines
        .next()
        .unwrap()
        .starts_with("3,'lee-at-example.com' is not an email address"));
    assert!(lines
        .next()
        .unwrap()
        .starts_with("5,\"unknown stage 'nowhere'"));
    assert_eq!(
        w.json(&["show", "mo@example.com"])["company"],
        "Mo & Co, Ltd"
    );
    assert_eq!(w.json(&["show", "mo@example.com"])["stage"], "acquisition");
}

#[test]
fn duplicates_by_email_phone_then_name_and_company() {
    let w = World::seeded();
    let file = w.dir.path().join("d.csv");
    std::fs::write(
        &file,
        "name,email,phone,company,tags\n\
         Someone Else,ADA@EXAMPLE.COM,,Other Co,speaker\n\
         Phone Match,,+44 (20) 7946-0000,,caller\n\
         Grace Hopper,,,Navy,admiral\n\
         New Person,new@example.com,,,\n\
         New Person,NEW@example.com,,Acme,x\n",
    )
    .unwrap();
    let s = summary(&w, &["import", "contacts", file.to_str().unwrap()]);
    // Ada's phone under another name is someone else (an office line):
    // added, and named as kept apart.
    assert_eq!(counts(&s), [2, 3, 0, 0], "{s}");
    assert_eq!(
        s["kept_apart"],
        json!(["#4 Phone Match shares a phone with #1 Ada Lovelace"])
    );
    let ada = w.json(&["show", "ada"]);
    assert_eq!(ada["name"], "Ada Lovelace");
    assert_eq!(ada["company"], "Analytical Engines");
    assert_eq!(ada["tags"], json!(["speaker", "vip"]));
    assert_eq!(w.json(&["show", "grace"])["tags"], json!(["admiral"]));
    let new = w.json(&["show", "new@example.com"]);
    assert_eq!(
        new["company"], "Acme",
        "a row repeated in the file fills what the first left empty"
    );
    assert_eq!(new["tags"], json!(["x"]));
    assert_eq!(w.json(&["list"]).as_array().unwrap().len(), 5);
}

#[test]
fn on_duplicate_skip_and_error() {
    let w = World::seeded();
    let file = w.dir.path().join("d.csv");
    std::fs::write(&file, "name,email,title\nAda,ada@example.com,Countess\n").unwrap();
    let s = summary(
        &w,
        &[
            "import",
            "contacts",
            file.to_str().unwrap(),
            "--on-duplicate",
            "skip",
        ],
    );
    assert_eq!(counts(&s), [0, 0, 1, 0]);
    assert_eq!(w.json(&["show", "ada"])["title"], Value::Null);
    let err = w.fails(
        &[
            "import",
            "contacts",
            file.to_str().unwrap(),
            "--on-duplicate",
            "error",
        ],
        "1 invalid row",
    );
    assert!(
        err.contains("line 2: duplicate of #1 Ada Lovelace"),
        "{err}"
    );
}

#[test]
fn a_merge_moves_the_stage_forward_and_records_it() {
    let w = World::seeded();
    let file = w.dir.path().join("s.csv");
    std::fs::write(
        &file,
        "email,stage\nada@example.com,conversion\ngrace@navy.example,reach\n",
    )
    .unwrap();
    w.ok(&["stage", "grace", "acquisition"]);
    let s = summary(&w, &["import", "contacts", file.to_str().unwrap()]);
    assert_eq!(counts(&s), [0, 1, 1, 0], "Grace is not moved back");
    let ada = w.json(&["show", "ada"]);
    assert_eq!(ada["stage"], "conversion");
    let last = ada["stage_history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (
            last["from"].clone(),
            last["to"].clone(),
            last["reason"].clone()
        ),
        (json!("reach"), json!("conversion"), json!("import"))
    );
}

#[test]
fn undo_removes_what_was_added_and_restores_what_changed() {
    let w = World::seeded();
    let before = w.json(&["export", "all"]);
    let s = summary(
        &w,
        &["import", "contacts", &fixture("hubspot-contacts.csv")],
    );
    // Alan gains only what HubSpot knows beyond us: when it created him
    // and his marketing status (kept as fields).
    assert_eq!(counts(&s), [2, 3, 0, 0]);
    let batch = s["batch"].as_i64().unwrap().to_string();
    let list = w.json(&["import", "list"]);
    assert_eq!(list[0]["added"], 2);
    assert_eq!(list[0]["kind"], "contacts");
    let out = w.ok(&["import", "undo", &batch]);
    assert!(
        out.starts_with(&format!("Undid import batch #{batch}")),
        "{out}"
    );
    assert!(out.contains("removed 2 contacts"), "{out}");
    let after = w.json(&["export", "all"]);
    // Undo is itself a change, so revisions move on; all else is as it was.
    let without_revision = |v: &Value| -> Vec<Value> {
        v["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let mut c = c.clone();
                c.as_object_mut().unwrap().remove("revision");
                c
            })
            .collect()
    };
    assert_eq!(
        without_revision(&before),
        without_revision(&after),
        "every contact as it was"
    );
    assert_eq!(before["stage_history"], after["stage_history"]);
    w.fails(&["import", "undo", &batch], "already undone");
    w.fails(&["import", "undo", "99"], "no import batch #99");
    w.ok(&["check"]);
}

#[test]
fn undo_refuses_when_something_newer_touched_the_contacts() {
    let w = World::seeded();
    let s = summary(
        &w,
        &["import", "contacts", &fixture("hubspot-contacts.csv")],
    );
    let batch = s["batch"].as_i64().unwrap().to_string();
    w.ok(&["edit", "ada", "--note", "called her after the import"]);
    w.ok(&["log", "kj@nasa.example", "Hello", "--kind", "call"]);
    let err = w.fails(&["import", "undo", &batch], "2 contacts changed since it");
    assert!(err.contains("#1 Ada Lovelace was edited"), "{err}");
    assert!(
        err.contains("Katherine Johnson has, since the import: 1 interactions"),
        "{err}"
    );
}

#[test]
fn headers_match_loosely_and_map_overrides() {
    let w = World::seeded_empty();
    let file = w.dir.path().join("m.csv");
    std::fs::write(
        &file,
        "Full Name,E-Mail,Organisation,Diet,Shoe Size\nKay,kay@example.com,Acme,vegan,42\n",
    )
    .unwrap();
    let s = summary(
        &w,
        &[
            "import",
            "contacts",
            file.to_str().unwrap(),
            "--map",
            "Diet=field:diet",
        ],
    );
    assert_eq!(s["ignored_columns"], json!(["Shoe Size"]));
    assert_eq!(s["preset"], Value::Null);
    let kay = w.json(&["show", "kay"]);
    assert_eq!(kay["company"], "Acme");
    assert_eq!(kay["fields"]["diet"], "vegan");
    w.fails(
        &[
            "import",
            "contacts",
            file.to_str().unwrap(),
            "--map",
            "Hat=company",
        ],
        "'Hat'",
    );
    w.fails(
        &[
            "import",
            "contacts",
            file.to_str().unwrap(),
            "--map",
            "Diet=hat",
        ],
        "'hat'",
    );
    w.fails(
        &[
            "import",
            "contacts",
            file.to_str().unwrap(),
            "--preset",
            "salesforce",
        ],
        "'salesforce'",
    );
    std::fs::write(&file, "Shoe Size,Hat\n42,big\n").unwrap();
    w.fails(
        &["import", "contacts", file.to_str().unwrap()],
        "no column gives a name",
    );
}

#[test]
fn encodings_and_broken_rows() {
    let w = World::seeded_empty();
    let text = "name,email\r\nZoë Brontë,zoe@example.com\r\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let file = w.dir.path().join("u16.csv");
    std::fs::write(&file, utf16).unwrap();
    w.ok(&["import", "contacts", file.to_str().unwrap()]);
    assert_eq!(w.json(&["show", "zoe@example.com"])["name"], "Zoë Brontë");
    let bad = w.dir.path().join("bad.csv");
    std::fs::write(&bad, b"name,email\nOk,ok@example.com\nBad \xff\xfe,bad@example.com\nShort\n\"Open quote,x@example.com\n").unwrap();
    let err = w.fails(
        &["import", "contacts", bad.to_str().unwrap()],
        "invalid row",
    );
    // Not UTF-8 from the start: read as Windows-1252, not refused.
    assert!(err.contains("as windows-1252"), "{err}");
    assert!(!err.contains("line 3"), "{err}");
    assert!(
        err.contains("line 4: 1 fields, but the header row has 2"),
        "{err}"
    );
    // Bad UTF-8 past the first megabyte is still named by its line.
    let late = w.dir.path().join("late.csv");
    let mut bytes = b"name,email,note\n".to_vec();
    let long = "x".repeat(2000);
    for i in 0..600 {
        bytes.extend_from_slice(format!("Person {i},p{i}@example.com,{long}\n").as_bytes());
    }
    bytes.extend_from_slice(b"Bad \xff\xfe,bad@example.com,\n");
    std::fs::write(&late, bytes).unwrap();
    let err = w.fails(
        &["import", "contacts", late.to_str().unwrap()],
        "1 invalid row",
    );
    assert!(err.contains("line 602: not valid UTF-8"), "{err}");
    let empty = w.dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    w.fails(&["import", "contacts", empty.to_str().unwrap()], "empty");
    w.fails(
        &["import", "contacts", "/no/such/file.csv"],
        "/no/such/file.csv",
    );
}

#[test]
fn import_from_stdin() {
    let w = World::seeded_empty();
    let out = w
        .cmd(&["import", "contacts", "-"])
        .write_stdin("name,email\nOla Stdin,ola@example.com\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Imported stdin as batch #1"));
}

#[test]
fn interactions_by_email_with_kinds_amounts_and_ratings() {
    let mut w = World::seeded();
    w.ok(&[
        "log",
        "ada",
        "Earlier call",
        "--kind",
        "call",
        "--at",
        "2026-09-01",
    ]);
    let s = summary(
        &w,
        &["import", "interactions", &fixture("interactions.csv")],
    );
    assert_eq!(counts(&s), [4, 0, 0, 0]);
    let ada = w.json(&["show", "ada"]);
    assert_eq!(ada["interaction_count"], 4);
    assert_eq!(ada["last_contact_at"], "2026-10-20T12:00:00Z");
    let purchase = &ada["recent_interactions"][1];
    assert_eq!(purchase["amount"], json!(49.9));
    assert_eq!(purchase["at"], "2026-10-05T14:30:00Z");
    assert_eq!(
        w.json(&["show", "grace"])["open_tickets"][0]["summary"],
        "Cannot log in"
    );
    let again = summary(
        &w,
        &["import", "interactions", &fixture("interactions.csv")],
    );
    assert_eq!(counts(&again), [0, 0, 4, 0]);
    let batch = s["batch"].as_i64().unwrap().to_string();
    w.ok(&["import", "undo", &batch]);
    let ada = w.json(&["show", "ada"]);
    assert_eq!(ada["interaction_count"], 1);
    assert_eq!(ada["last_contact_at"], "2026-09-01T09:00:00Z");
    w.at("2026-11-24T09:00:00Z");
    w.ok(&["check"]);
}

#[test]
fn interactions_for_unknown_contacts() {
    let w = World::seeded();
    let file = w.dir.path().join("i.csv");
    std::fs::write(
        &file,
        "email,name,kind,date,summary,rating\nnew@example.com,Nova New,meeting,2026-11-02,Kickoff,\nada@example.com,,feedback,2026-11-02,Too good,11\n",
    )
    .unwrap();
    let err = w.fails(
        &["import", "interactions", file.to_str().unwrap()],
        "2 invalid rows",
    );
    assert!(
        err.contains("line 2: no contact with email 'new@example.com'"),
        "{err}"
    );
    assert!(err.contains("line 3: rating '11' is out of range"), "{err}");
    std::fs::write(
        &file,
        "email,name,kind,date,summary\nnew@example.com,Nova New,meeting,2026-11-02,Kickoff\n",
    )
    .unwrap();
    w.ok(&[
        "import",
        "interactions",
        file.to_str().unwrap(),
        "--create-contacts",
    ]);
    let nova = w.json(&["show", "new@example.com"]);
    assert_eq!(nova["name"], "Nova New");
    assert_eq!(nova["interaction_count"], 1);
    std::fs::write(
        &file,
        "contact_id,kind,date,summary\n3,call,2026-11-02,By id\n99,call,2026-11-02,Nobody\n",
    )
    .unwrap();
    let err = w.fails(
        &["import", "interactions", file.to_str().unwrap()],
        "1 invalid row",
    );
    assert!(err.contains("line 3: no contact #99"), "{err}");
    std::fs::write(
        &file,
        "contact_id,kind,date,summary\n3,call,2030-01-01,Future\n",
    )
    .unwrap();
    w.fails(
        &["import", "interactions", file.to_str().unwrap()],
        "1 invalid row",
    );
}
