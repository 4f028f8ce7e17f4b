//! Real exports, real people (issue "Real exports"): references that fold
//! case and accents in every script, files as Excel and Outlook write them,
//! unsubscribes kept, phone numbers that never merge two people.

use crate::util::World;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn counts(w: &World, args: &[&str]) -> [u64; 4] {
    let mut all = vec!["import", "contacts"];
    all.extend_from_slice(args);
    let v = w.json(&all);
    ["added", "updated", "unchanged", "invalid"].map(|k| v[k].as_u64().unwrap())
}

#[test]
fn references_fold_case_and_accents_in_every_script() {
    let w = World::seeded_empty();
    for name in ["Zoë Brontë", "Jürgen Müller", "Καλλιόπη Παπαδοπούλου"] {
        w.ok(&["add", name]);
    }
    let shown = |r: &str| w.json(&["show", r])["name"].as_str().unwrap().to_string();
    assert_eq!(shown("ZOË"), "Zoë Brontë");
    assert_eq!(shown("zoë brontë"), "Zoë Brontë");
    assert_eq!(shown("JÜRGEN"), "Jürgen Müller");
    assert_eq!(shown("muller"), "Jürgen Müller");
    assert_eq!(shown("jurgen mull"), "Jürgen Müller");
    assert_eq!(shown("καλλιόπη"), "Καλλιόπη Παπαδοπούλου");
    assert_eq!(shown("ΚΑΛΛΙΌΠΗ"), "Καλλιόπη Παπαδοπούλου");
    // Folded, Zoë and Zoe are one word: both match, so it asks.
    w.ok(&["add", "Zoe Ball"]);
    assert_eq!(shown("Ball"), "Zoe Ball");
    w.fails(&["show", "ZOË"], "matches 2 contacts");
    w.fails(&["show", "nobody"], "nobody");
}

/// A shared office or family phone never merges two people: a phone match
/// needs the names to agree (case, accents and order aside).
#[test]
fn a_shared_phone_keeps_two_people_apart() {
    let w = World::seeded_empty();
    let out = w.run(&["import", "contacts", &fixture("shared-phones.csv")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("3 added, 1 updated, 1 unchanged, 0 invalid"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("1 possible duplicate kept apart"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("#2 Ana Souza shares a phone with #1 Ana Lima"),
        "{}",
        out.stderr
    );
    let lima = w.json(&["show", "ana.lima@example.com.br"]);
    assert_eq!(
        lima["company"],
        serde_json::Value::Null,
        "Ana Lima keeps her own details"
    );
    let souza = w.json(&["show", "ana.souza@example.com.br"]);
    assert_eq!(souza["company"], "Padaria Souza");
    // "Lima, Ana" is Ana Lima; José Müller is Jose Muller, given his email.
    assert_eq!(w.json(&["show", "jose@example.de"])["name"], "Jose Muller");
    assert_eq!(counts(&w, &[&fixture("shared-phones.csv")]), [0, 0, 5, 0]);
    w.ok(&["import", "undo", "1"]);
    assert!(w.json(&["list"]).as_array().unwrap().is_empty());
}

/// Dates are read by the file's own evidence, never guessed.
#[test]
fn day_month_dates_are_read_by_the_files_evidence_or_refused() {
    let w = World::seeded_empty();
    w.ok(&[
        "import",
        "contacts",
        &fixture("uk-dates.csv"),
        "--map",
        "Customer since=field:anniversary",
    ]);
    assert_eq!(
        w.json(&["show", "olivia"])["birthday"],
        "1982-07-03",
        "03/07 is 3 July"
    );
    assert_eq!(w.json(&["show", "harry"])["birthday"], "1980-12-25");
    assert_eq!(
        w.json(&["show", "olivia"])["fields"]["anniversary"],
        "2020-02-01"
    );
    let err = w.fails(
        &["import", "contacts", &fixture("ambiguous-dates.csv")],
        "1 invalid row",
    );
    assert!(
        err.contains(
            "line 2: '03/07/1982' could be day/month or month/day: give --date-order dmy or mdy"
        ),
        "{err}"
    );
    w.ok(&[
        "import",
        "contacts",
        &fixture("ambiguous-dates.csv"),
        "--date-order",
        "mdy",
    ]);
    assert_eq!(w.json(&["show", "ambig"])["birthday"], "1982-03-07");
    // Dots are day first; month names in English; LinkedIn 2018's form.
    let dotted = w.dir.path().join("de.csv");
    std::fs::write(&dotted, "Name,Email,Birthday\nDot Ted,dot@example.de,14.03.1985\nDot Two,dot2@example.de,03.07.1982\n").unwrap();
    w.ok(&["import", "contacts", dotted.to_str().unwrap()]);
    assert_eq!(
        w.json(&["show", "dot2@example.de"])["birthday"],
        "1982-07-03"
    );
    w.ok(&["import", "contacts", &fixture("linkedin-2018.csv")]);
    assert_eq!(
        w.json(&["show", "alan"])["fields"]["connected_on"],
        "2018-01-08"
    );
    assert_eq!(w.json(&["show", "alan"])["source"], "linkedin");
}

/// HubSpot's and Pipedrive's unsubscribes are do-not-contact; their dates (into the
/// history), owner, website and profile are kept; anything else is listed.
#[test]
fn unsubscribes_and_columns_are_kept() {
    let w = World::seeded_empty();
    w.ok(&["import", "contacts", &fixture("hubspot-unsubscribed.csv")]);
    let una = w.json(&["show", "una@example.com"]);
    assert_eq!(una["do_not_contact"], true);
    assert_eq!(una["fields"]["owner"], "Sam Seller");
    // Their history starts when HubSpot says, not on the import day, and
    // the city, region and country read in that order.
    assert_eq!(una["created_at"], "2023-01-10T09:00:00Z");
    assert_eq!(una["stage_since"], "2023-02-01T10:00:00Z");
    let steps: Vec<(String, String)> = una["stage_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["to"].as_str().unwrap().into(),
                m["at"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("reach".to_string(), "2023-01-10T09:00:00Z".to_string()),
            ("conversion".to_string(), "2023-02-01T10:00:00Z".to_string())
        ]
    );
    assert_eq!(una["location"], "San Francisco, CA, United States");
    let stay = w.json(&["show", "stay@example.com"]);
    assert_eq!(stay["created_at"], "2024-05-05T12:00:00Z");
    assert_eq!(stay["stage_history"].as_array().unwrap().len(), 2);
    assert_eq!(stay["stage_since"], "2026-11-23T09:00:00Z");
    assert_eq!(
        w.json(&["show", "stay@example.com"])["do_not_contact"],
        false
    );
    let out = w.run(&[
        "import",
        "contacts",
        &fixture("pipedrive-marketing-status.csv"),
    ]);
    assert!(
        out.stderr
            .contains("Ignored columns: Person - Favourite colour"),
        "{}",
        out.stderr
    );
    let otto = w.json(&["show", "otto@example.com"]);
    assert_eq!(otto["do_not_contact"], true);
    assert_eq!(otto["fields"]["website"], "https://otto.example");
    assert_eq!(otto["fields"]["linkedin"], "https://linkedin.com/in/otto");
    assert_eq!(
        w.json(&["show", "ina@example.com"])["do_not_contact"],
        false
    );
    for f in ["hubspot-unsubscribed.csv", "pipedrive-marketing-status.csv"] {
        assert_eq!(counts(&w, &[&fixture(f)])[..2], [0, 0], "{f} again");
    }
    // --keep-unmapped keeps what nothing reads as a field named after it.
    let w = World::seeded_empty();
    let out = w.run(&[
        "import",
        "contacts",
        &fixture("pipedrive-marketing-status.csv"),
        "--keep-unmapped",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("Kept as custom fields: Person - Favourite colour")
            && !out.stderr.contains("Ignored columns"),
        "{}",
        out.stderr
    );
    let otto = w.json(&["show", "otto@example.com"]);
    assert!(
        otto["fields"]["person_favourite_colour"].is_string(),
        "{otto}"
    );
}

/// Files as Windows and Excel write them: Windows-1252 without a word,
/// semicolons after `sep=;`, UTF-16 with tabs, empty trailing rows, and
/// LinkedIn's members who hide their details.
#[test]
fn files_as_outlook_excel_and_linkedin_write_them() {
    let w = World::seeded_empty();
    let out = w.run(&["import", "contacts", &fixture("outlook-desktop-cp1252.csv")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("as windows-1252"), "{}", out.stderr);
    let j = w.json(&["show", "juergen.weiss@example.de"]);
    assert_eq!(j["name"], "Jürgen Weiß");
    assert_eq!(j["note"], "Möchte Angebote per E-Mail – nicht telefonisch.");
    assert_eq!(j["location"], "München, Deutschland");
    assert_eq!(
        w.json(&["show", "francois@example.fr"])["company"],
        "Café Crème"
    );

    let out = w.run(&[
        "import",
        "contacts",
        &fixture("german-semicolon-cp1252.csv"),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("columns separated by ';'"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains("1 added, 0 updated, 1 unchanged"),
        "{}",
        out.stdout
    );
    let g = w.json(&["show", "gruesse@example.at"]);
    assert_eq!(g["name"], "Grüße Österreich");
    assert_eq!(g["location"], "Wien");
    assert_eq!(
        w.json(&["show", "juergen.weiss@example.de"])["company"],
        "Bäckerei Weiß GmbH"
    );

    let out = w.run(&["import", "contacts", &fixture("excel-unicode-text.txt")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        w.json(&["show", "kalliopi@example.gr"])["name"],
        "Καλλιόπη Παπαδοπούλου"
    );

    let out = w.run(&[
        "import",
        "contacts",
        &fixture("linkedin-hidden-members.csv"),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("2 added"), "{}", out.stdout);
    assert!(
        out.stderr
            .contains("skipped 2 rows with no name, email or phone (lines 6, 8)"),
        "{}",
        out.stderr
    );
    assert_eq!(
        w.json(&["show", "ada"])["fields"]["connected_on"],
        "2021-03-29",
        "29-Mar-21"
    );

    // --encoding and --delimiter say what the bytes do not.
    let latin = w.dir.path().join("latin.csv");
    std::fs::write(&latin, b"name|email\nJos\xe9 Garc\xeda|jose@example.es\n").unwrap();
    w.ok(&[
        "import",
        "contacts",
        latin.to_str().unwrap(),
        "--encoding",
        "iso-8859-1",
        "--delimiter",
        "|",
    ]);
    assert_eq!(w.json(&["show", "jose@example.es"])["name"], "José García");
    w.fails(
        &[
            "import",
            "contacts",
            latin.to_str().unwrap(),
            "--encoding",
            "klingon",
        ],
        "not an encoding",
    );
    w.fails(
        &[
            "import",
            "contacts",
            latin.to_str().unwrap(),
            "--delimiter",
            "x",
        ],
        "not a delimiter",
    );

    for f in [
        "outlook-desktop-cp1252.csv",
        "german-semicolon-cp1252.csv",
        "excel-unicode-text.txt",
        "linkedin-hidden-members.csv",
    ] {
        assert_eq!(counts(&w, &[&fixture(f)])[..2], [0, 0], "{f} again");
    }
}

/// A bad value in an optional field is left out with a warning naming its
/// line; the row, and the file, still import.
#[test]
fn a_bad_optional_value_is_dropped_not_the_row() {
    let w = World::seeded_empty();
    let file = w.dir.path().join("odd.csv");
    std::fs::write(
        &file,
        "name,email,phone,birthday\nAda,ada@example.com,call me maybe,1815-12-10\nGrace,grace@example.com,+1 555 0100,31/02/1906\nAlan,alan@example.com,,1912-06-23\n",
    )
    .unwrap();
    let out = w.run(&["import", "contacts", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("3 added"), "{}", out.stdout);
    assert!(
        out.stderr.contains("warning: 2 values not valid, left out"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("line 2: phone: 'call me maybe'"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("line 3: birthday: '31/02/1906'"),
        "{}",
        out.stderr
    );
    assert_eq!(w.json(&["show", "ada"])["phone"], serde_json::Value::Null);
    assert_eq!(w.json(&["show", "ada"])["birthday"], "1815-12-10");
    assert_eq!(
        w.json(&["show", "grace"])["birthday"],
        serde_json::Value::Null
    );
    assert_eq!(w.json(&["show", "grace"])["phone"], "+1 555 0100");
    // A bad email is no optional value: the row is invalid.
    let bad = w.dir.path().join("bad.csv");
    std::fs::write(&bad, "name,email\nZed,not-an-email\n").unwrap();
    w.fails(
        &["import", "contacts", bad.to_str().unwrap()],
        "1 invalid row",
    );
}

/// Google's events and custom fields, and Outlook.com's countries, are
/// kept rather than dropped.
#[test]
fn google_events_and_custom_fields_are_kept() {
    let w = World::seeded_empty();
    w.ok(&["import", "contacts", &fixture("google-2024-events.csv")]);
    let mara = w.json(&["show", "mara@example.dk"]);
    assert_eq!(mara["fields"]["anniversary"], "2015-06-20");
    assert_eq!(mara["fields"]["kick_off"], "2024-01-15");
    assert_eq!(mara["fields"]["favourite_coffee"], "Flat white");
    assert_eq!(mara["fields"]["spouse"], "Lars");
    assert_eq!(mara["tags"], serde_json::json!(["clients"]));
    assert_eq!(
        w.json(&["show", "tomas@example.se"])["fields"]["referral_code"],
        "TB-42"
    );
    assert_eq!(
        counts(&w, &[&fixture("google-2024-events.csv")]),
        [0, 0, 2, 0]
    );
    let outlook = w.dir.path().join("outlook-com.csv");
    std::fs::write(&outlook, "First Name,Last Name,E-mail Address,Business City,Business Country,Home Country\nIngrid,Olsen,ingrid@example.no,Oslo,Norway,Sweden\n").unwrap();
    w.ok(&[
        "import",
        "contacts",
        outlook.to_str().unwrap(),
        "--preset",
        "outlook",
    ]);
    assert_eq!(
        w.json(&["show", "ingrid@example.no"])["location"],
        "Oslo, Norway"
    );
}

/// `show --json` of a contact without what any write changes.
fn profile(w: &World, reference: &str) -> serde_json::Value {
    let mut v = w.json(&["show", reference]);
    let o = v.as_object_mut().unwrap();
    for k in ["updated_at", "revision"] {
        o.remove(k);
    }
    v
}

/// Two contacts that are one person become one, with everything each had;
/// undo gives both back exactly as they were.
#[test]
fn merge_joins_two_contacts_and_undo_separates_them() {
    let w = World::seeded_empty();
    w.ok(&["import", "contacts", &fixture("shared-phones.csv")]);
    let listed = w.json(&["import", "list", "--possible-duplicates"]);
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["contact_id"], 2);
    assert_eq!(listed[0]["other_id"], 1);
    w.ok(&[
        "log",
        "2",
        "Ordered bread",
        "--kind",
        "purchase",
        "--amount",
        "40",
    ]);
    w.ok(&["follow-up", "2", "+3d", "send the invoice"]);
    w.ok(&["edit", "2", "--tag", "baker", "--field", "oven=wood"]);
    w.ok(&["edit", "1", "--field", "oven=gas", "--do-not-contact"]);
    w.ok(&["add", "Carla Dias", "--referred-by", "2"]);
    let before = [profile(&w, "1"), profile(&w, "2"), profile(&w, "Carla")];

    let out = w.ok(&["merge", "Ana Lima", "ana.souza@example.com.br"]);
    assert!(
        out.contains("Merged #2 Ana Souza into #1 Ana Lima (1 interaction, 1 follow-up moved); undo with: rapport merge --undo 1"),
        "{out}"
    );
    let one = w.json(&["show", "1"]);
    assert_eq!(one["company"], "Padaria Souza", "an empty detail is filled");
    assert_eq!(
        one["fields"]["oven"], "gas",
        "ours wins where both have one"
    );
    assert_eq!(one["fields"]["other_emails"], "ana.souza@example.com.br");
    assert_eq!(one["tags"], serde_json::json!(["baker"]));
    assert_eq!(one["recent_interactions"].as_array().unwrap().len(), 1);
    assert_eq!(one["open_follow_ups"].as_array().unwrap().len(), 1);
    assert_eq!(one["lifetime_value"], before[1]["lifetime_value"]);
    assert_ne!(before[1]["lifetime_value"], before[0]["lifetime_value"]);
    assert_eq!(w.json(&["show", "Carla"])["referred_by"], 1);
    w.fails(&["show", "2"], "no contact matches '2'");
    assert!(w
        .json(&["import", "list", "--possible-duplicates"])
        .as_array()
        .unwrap()
        .is_empty());
    w.ok(&["check"]);

    let out = w.ok(&["merge", "--undo"]);
    assert!(
        out.contains("Separated #2 Ana Souza from #1 Ana Lima again"),
        "{out}"
    );
    let after = [profile(&w, "1"), profile(&w, "2"), profile(&w, "Carla")];
    assert_eq!(before, after);
    assert_eq!(w.json(&["search", "bread"])[0]["id"], 2);
    w.ok(&["check"]);
    w.fails(
        &["merge", "--undo", "1"],
        "merge #1 of Ana Souza was already undone",
    );
    w.fails(&["merge", "--undo"], "no merge to undo");
    w.fails(
        &["merge", "1", "ana.lima@example.com.br"],
        "expected two different contacts",
    );
    w.fails(&["merge", "1", "nobody@example.com"], "nobody@example.com");
    w.fails(
        &["import", "list", "--possible-duplicates", "9"],
        "no import batch #9",
    );
}

/// The merged-away contact's number taken by a new contact in between:
/// undo brings them back under the next free one, with all they had; and
/// forgetting the kept contact erases the merged one's copy too.
#[test]
fn merge_undo_after_the_number_was_reused_and_forget_after_merge() {
    let w = World::seeded_empty();
    w.ok(&["add", "Ana Lima", "--email", "ana@example.com"]);
    w.ok(&[
        "add",
        "Ana L.",
        "--email",
        "ana.l@example.com",
        "--company",
        "Zebrafish Ltd",
    ]);
    w.ok(&["log", "2", "Talked about zebrafish", "--kind", "call"]);
    w.ok(&["merge", "1", "2"]);
    w.ok(&["add", "Bruno Costa"]);
    assert_eq!(
        w.json(&["show", "Bruno"])["id"],
        2,
        "SQLite reuses the top number"
    );
    w.ok(&["merge", "--undo", "1"]);
    let back = w.json(&["show", "ana.l@example.com"]);
    assert_eq!(back["id"], 3);
    assert_eq!(back["company"], "Zebrafish Ltd");
    assert_eq!(
        back["recent_interactions"][0]["summary"],
        "Talked about zebrafish"
    );
    assert_eq!(w.json(&["show", "Bruno"])["name"], "Bruno Costa");
    w.ok(&["check"]);

    // Merged again, then the person asks to be forgotten.
    w.ok(&["merge", "1", "3"]);
    w.ok(&["forget", "1", "--yes"]);
    let bytes = std::fs::read(&w.db).unwrap();
    let found = bytes.windows(8).any(|win| win == b"Zebrafis");
    assert!(
        !found,
        "the merged contact's copy is erased with the kept one"
    );
    w.fails(&["merge", "--undo"], "no merge to undo");
}

/// Every realistic file: a second import adds nothing, and undo takes the
/// book back to empty.
#[test]
fn every_fixture_reimports_as_nothing_new_and_undoes() {
    let extra: &[(&str, &[&str])] = &[
        (
            "hubspot-other-stage.csv",
            &["--stage-map", "Other=retention"],
        ),
        ("ambiguous-dates.csv", &["--date-order", "dmy"]),
        ("two-bad-rows.csv", &["--skip-invalid"]),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "interactions.csv")
        .collect();
    names.sort();
    assert!(names.len() >= 20, "{names:?}");
    for name in names {
        let w = World::seeded_empty();
        let file = dir.join(&name);
        let mut args = vec!["import", "contacts", file.to_str().unwrap()];
        if let Some((_, more)) = extra.iter().find(|(n, _)| *n == name) {
            args.extend_from_slice(more);
        }
        let out = w.run(&args);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        let rejects = dir.join(format!("{name}.rejected.csv"));
        let _ = std::fs::remove_file(&rejects);
        let v = w.json(&args);
        let _ = std::fs::remove_file(&rejects);
        assert_eq!(v["added"], 0, "{name} again: {v}");
        assert_eq!(v["updated"], 0, "{name} again: {v}");
        // A re-import that changed nothing keeps no batch.
        let batches = w.json(&["import", "list"]);
        for b in batches.as_array().unwrap().iter().rev() {
            w.ok(&["import", "undo", &b["id"].to_string()]);
        }
        assert!(
            w.json(&["list"]).as_array().unwrap().is_empty(),
            "{name}: undo left contacts"
        );
    }
}
