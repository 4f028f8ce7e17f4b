//! The formats people already have (issue "Speak the formats"): calendars
//! that repeat and keep their events, a person's whole record.

use crate::util::World;
use std::collections::BTreeMap;

/// Each event of an .ics as property name → (parameters, value), read by
/// the `ical` crate, a maintained parser rapport does not use itself.
fn events(ics: &str) -> Vec<BTreeMap<String, (String, String)>> {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let calendar = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none());
    calendar
        .events
        .into_iter()
        .map(|e| {
            e.properties
                .into_iter()
                .map(|p| {
                    let params = p
                        .params
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(k, v)| format!("{k}={}", v.join(",")))
                        .collect::<Vec<_>>()
                        .join(";");
                    (p.name, (params, p.value.unwrap_or_default()))
                })
                .collect()
        })
        .collect()
}

fn by_summary<'e>(
    events: &'e [BTreeMap<String, (String, String)>],
    summary: &str,
) -> &'e BTreeMap<String, (String, String)> {
    events
        .iter()
        .find(|e| e["SUMMARY"].1 == summary)
        .unwrap_or_else(|| panic!("no event {summary:?} in {events:#?}"))
}

#[test]
fn calendars_repeat_keep_their_uids_and_know_the_time() {
    let mut w = World::seeded_empty();
    w.ok(&["add", "Cal Date", "--birthday", "1990-11-30"]);
    w.ok(&[
        "follow-up",
        "cal",
        "2026-12-03 15:30",
        "Call about the quote",
    ]);
    w.ok(&[
        "follow-up",
        "cal",
        "2026-12-01",
        "Weekly check-in",
        "--every",
        "2w",
    ]);
    w.ok(&[
        "follow-up",
        "cal",
        "2026-12-02",
        "Monthly report",
        "--every",
        "1m",
    ]);
    let ics = w.ok(&["calendar", "--within", "30d"]);
    let all = events(&ics);
    assert_eq!(all.len(), 4, "{ics}");

    let birthday = by_summary(&all, "Cal Date: Birthday");
    assert_eq!(
        birthday["DTSTART"],
        ("VALUE=DATE".into(), "20261130".into())
    );
    assert_eq!(birthday["RRULE"].1, "FREQ=YEARLY");
    assert!(
        birthday["DESCRIPTION"].1.contains("turns 36"),
        "{birthday:?}"
    );

    let timed = by_summary(&all, "Cal Date: Call about the quote");
    assert_eq!(
        timed["DTSTART"],
        (String::new(), "20261203T153000Z".into()),
        "TZ=UTC"
    );
    assert_eq!(timed["DURATION"].1, "PT30M");
    assert!(!timed.contains_key("RRULE"));
    assert!(
        !ics.contains("(at 15:30)"),
        "the time is the event's, not its title"
    );

    let weekly = by_summary(&all, "Cal Date: Weekly check-in");
    assert_eq!(weekly["RRULE"].1, "FREQ=WEEKLY;INTERVAL=2");
    assert_eq!(weekly["DTSTART"], ("VALUE=DATE".into(), "20261201".into()));
    assert_eq!(
        by_summary(&all, "Cal Date: Monthly report")["RRULE"].1,
        "FREQ=MONTHLY"
    );

    // Snoozing moves the event: the same UID on another day. Each
    // follow-up has its own, from its uid.
    let uid = timed["UID"].1.clone();
    let uids: std::collections::BTreeSet<&String> = all.iter().map(|e| &e["UID"].1).collect();
    assert_eq!(uids.len(), all.len(), "{uids:?}");
    assert!(
        uid.starts_with("follow-up-01") && uid.ends_with("@rapport"),
        "{uid}"
    );
    let id = w
        .json(&["due", "--within", "30d"])
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            i["what"]
                .as_str()
                .unwrap()
                .starts_with("Call about the quote")
        })
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    w.ok(&["snooze", &id, "2026-12-10"]);
    let after = events(&w.ok(&["calendar", "--within", "30d"]));
    let moved = by_summary(&after, "Cal Date: Call about the quote");
    assert_eq!(moved["UID"].1, uid);
    assert!(moved["DTSTART"].1.starts_with("20261210"), "{moved:?}");
    // Next year the birthday is the same event.
    let birthday_uid = birthday["UID"].1.clone();
    w.at("2027-11-20T09:00:00Z");
    let next_year = events(&w.ok(&["calendar", "--within", "30d"]));
    let again = by_summary(&next_year, "Cal Date: Birthday");
    assert_eq!(again["UID"].1, birthday_uid);
    assert_eq!(again["DTSTART"].1, "20271130");
}

#[test]
fn a_named_time_zone_is_the_events_time_zone() {
    let w = World::seeded_empty();
    w.ok(&["add", "Zed"]);
    w.ok(&["follow-up", "zed", "2026-12-03 15:30", "Call"]);
    let out = w
        .cmd(&["calendar", "--within", "30d"])
        .env("TZ", "Europe/Paris")
        .output()
        .unwrap();
    assert!(out.status.success());
    let all = events(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(
        all[0]["DTSTART"],
        ("TZID=Europe/Paris".into(), "20261203T153000".into())
    );
}

/// A data-access request: every kind of record about one person, and
/// nothing about anyone else.
#[test]
fn export_contact_holds_everything_about_one_person() {
    let w = World::seeded();
    let csv = w.dir.path().join("people.csv");
    std::fs::write(
        &csv,
        "name,email,title\nAda Lovelace,ada@example.com,Countess\n",
    )
    .unwrap();
    w.ok(&["import", "contacts", csv.to_str().unwrap()]);
    w.ok(&["edit", "grace", "--referred-by", "ada"]);
    w.ok(&["log", "ada", "Intro call", "--kind", "call"]);
    w.ok(&[
        "log",
        "ada",
        "Starter pack",
        "--kind",
        "purchase",
        "--amount",
        "49.90",
        "--due",
        "2026-12-01",
    ]);
    w.ok(&["log", "ada", "Cannot log in", "--kind", "ticket"]);
    w.ok(&[
        "log", "ada", "Loved it", "--kind", "feedback", "--rating", "9",
    ]);
    w.ok(&["log", "grace", "Grace's own call", "--kind", "call"]);
    w.ok(&["follow-up", "ada", "2026-12-01", "Send the deck"]);
    w.ok(&["follow-up", "ada", "2026-11-24", "Old one"]);
    w.ok(&["done", "2"]);
    w.ok(&["points", "ada", "+50", "referred Grace"]);
    w.ok(&["stage", "ada", "conversion", "--reason", "first order"]);
    let record = w.json(&["export", "contact", "ada"]);
    assert_eq!(record["format"], "rapport-contact");
    assert_eq!(record["contact"]["email"], "ada@example.com");
    assert_eq!(record["contact"]["title"], "Countess");
    assert_eq!(record["contact"]["fields"]["interest"], "analytics");
    let kinds: Vec<&str> = record["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["call", "purchase", "ticket", "feedback"],
        "{record}"
    );
    assert_eq!(record["interactions"][1]["payment_due"], "2026-12-01");
    assert_eq!(record["interactions"][3]["rating"], 9);
    assert_eq!(
        record["follow_ups"].as_array().unwrap().len(),
        2,
        "done ones too"
    );
    assert_eq!(record["points_balance"], 50);
    assert_eq!(record["stage_history"].as_array().unwrap().len(), 2);
    assert_eq!(record["referred"][0]["name"], "Grace Hopper");
    let imports = record["imports"].as_array().unwrap();
    assert_eq!(imports.len(), 1, "{record}");
    assert_eq!(
        imports[0]["changes"][0],
        serde_json::json!(["title", null, "Countess"])
    );
    let text = record.to_string();
    assert!(!text.contains("Grace's own call"), "nobody else's records");
    // To a file, private; JSON only; a contact that does not exist is refused.
    let out = w.dir.path().join("ada.json");
    w.ok(&[
        "export",
        "contact",
        "ada",
        "--output",
        out.to_str().unwrap(),
    ]);
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(written["interactions"], record["interactions"]);
    w.fails(
        &["export", "contact", "ada", "--format", "csv"],
        "JSON only",
    );
    w.fails(&["export", "contact", "nobody"], "nobody");
    w.fails(&["export", "contacts", "ada"], "only `export contact`");
}

/// Each card of a .vcf as property name → values, read by the `ical`
/// crate's vCard parser.
fn cards(vcf: &str) -> Vec<BTreeMap<String, Vec<String>>> {
    ical::VcardParser::new(std::io::BufReader::new(vcf.as_bytes()))
        .map(|card| {
            let mut props: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for p in card.expect("the card parses").properties {
                props
                    .entry(p.name)
                    .or_default()
                    .push(p.value.unwrap_or_default());
            }
            props
        })
        .collect()
}

#[test]
fn contacts_export_as_vcards_a_phone_and_a_card_folder_read() {
    let w = World::seeded();
    w.ok(&[
        "edit",
        "ada",
        "--note",
        "line one\nline two; with, punctuation",
        "--title",
        "Countess",
    ]);
    w.ok(&["edit", "alan", "--birthday", "--06-23"]);
    let vcf = w.ok(&["export", "contacts", "--format", "vcard"]);
    assert!(vcf.lines().all(|l| l.len() <= 76), "folded at 75 octets");
    let all = cards(&vcf);
    assert_eq!(all.len(), 3);
    let ada = all.iter().find(|c| c["FN"] == ["Ada Lovelace"]).unwrap();
    assert_eq!(ada["VERSION"], ["4.0"]);
    assert_eq!(ada["N"], ["Lovelace;Ada;;;"]);
    assert_eq!(ada["EMAIL"], ["ada@example.com"]);
    assert_eq!(ada["TEL"], ["+44 20 7946 0000"]);
    assert_eq!(ada["ORG"], ["Analytical Engines"]);
    assert_eq!(ada["TITLE"], ["Countess"]);
    assert_eq!(ada["BDAY"], ["18151210"]);
    assert_eq!(ada["CATEGORIES"], ["vip"]);
    assert_eq!(ada["NOTE"], ["line one\\nline two\\; with\\, punctuation"]);
    let show = w.json(&["show", "ada"]);
    assert_eq!(ada["UID"], [show["uid"].as_str().unwrap()]);
    let alan = all.iter().find(|c| c["FN"] == ["Alan Turing"]).unwrap();
    assert_eq!(alan["BDAY"], ["--0623"], "a yearless birthday");

    let v3 = cards(&w.ok(&[
        "export",
        "contacts",
        "--format",
        "vcard",
        "--vcard-version",
        "3.0",
    ]));
    let ada3 = v3.iter().find(|c| c["FN"] == ["Ada Lovelace"]).unwrap();
    assert_eq!(ada3["VERSION"], ["3.0"]);
    assert_eq!(ada3["BDAY"], ["1815-12-10"]);

    // A folder of one card per contact, named by UID; again, the same files.
    let dir = w.dir.path().join("cards");
    let target = format!("{}/", dir.display());
    w.ok(&[
        "export", "contacts", "--format", "vcard", "--output", &target,
    ]);
    let names = |dir: &std::path::Path| -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    let first = names(&dir);
    assert_eq!(first.len(), 3);
    assert!(first.contains(&format!("{}.vcf", show["uid"].as_str().unwrap())));
    std::fs::write(
        dir.join("phone-own.vcf"),
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kept\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let alan_file = format!("{}.vcf", w.json(&["show", "alan"])["uid"].as_str().unwrap());
    assert!(first.contains(&alan_file));
    w.ok(&["forget", "alan", "--yes"]);
    w.ok(&[
        "export",
        "contacts",
        "--format",
        "vcard",
        "--output",
        dir.to_str().unwrap(),
    ]);
    let second = names(&dir);
    assert_eq!(second.len(), 3, "{second:?}");
    assert!(
        second.contains(&"phone-own.vcf".to_string()),
        "a card rapport did not write is kept"
    );
    assert!(
        !second.contains(&alan_file),
        "a forgotten contact's card goes"
    );
    let ada_file = format!("{}.vcf", show["uid"].as_str().unwrap());
    assert_eq!(
        cards(&std::fs::read_to_string(dir.join(&ada_file)).unwrap())[0]["FN"],
        ["Ada Lovelace"]
    );
    // vCard is for contacts only.
    w.fails(&["list", "--format", "vcard"], "export contacts");
    w.fails(
        &["export", "interactions", "--format", "vcard"],
        "export contacts",
    );
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn import_counts(w: &World, args: &[&str]) -> [u64; 4] {
    let mut all = vec!["import", "contacts"];
    all.extend_from_slice(args);
    let v = w.json(&all);
    ["added", "updated", "unchanged", "invalid"].map(|k| v[k].as_u64().unwrap())
}

/// The address books people have: an iPhone's (3.0, groups, labels, a
/// yearless birthday, a photo), Google's, desktop Outlook's (2.1,
/// quoted-printable, Windows-1252) and a 4.0 file; each imports exactly,
/// again as nothing new, and undoes.
#[test]
fn vcards_from_phones_and_mail_clients_import_exactly() {
    let w = World::seeded_empty();
    assert_eq!(
        import_counts(&w, &[&fixture("apple-icloud.vcf")]),
        [2, 0, 0, 0]
    );
    let ada = w.json(&["show", "ada"]);
    assert_eq!(ada["email"], "ada@example.com", "the preferred email");
    assert_eq!(ada["phone"], "+44 20 7946 0000");
    assert_eq!(ada["company"], "Analytical Engines");
    assert_eq!(ada["title"], "Countess");
    assert_eq!(ada["location"], "London, United Kingdom");
    assert_eq!(ada["birthday"], "--12-10", "Apple's 1604 is no year");
    assert_eq!(ada["tags"], serde_json::json!(["clients"]));
    assert_eq!(
        ada["note"],
        "Prefers letters.\nAsk about the engine, and the notes."
    );
    assert_eq!(ada["fields"]["other_emails"], "ada.home@example.org");
    assert_eq!(ada["fields"]["other_phones"], "+44 20 7946 0001");
    assert_eq!(
        ada["fields"]["anniversary"], "2011-07-08",
        "X-ABDATE labelled Anniversary"
    );
    assert_eq!(
        ada["fields"]["social_profiles"],
        "http://www.linkedin.com/in/adalovelace"
    );
    assert_eq!(ada["fields"]["photo"], "a photo, not imported");
    assert_eq!(w.json(&["show", "zoë"])["birthday"], "1990-03-07");

    assert_eq!(
        import_counts(&w, &[&fixture("google-contacts.vcf")]),
        [2, 0, 0, 0]
    );
    let grace = w.json(&["show", "grace"]);
    assert_eq!(grace["email"], "grace@navy.example");
    assert_eq!(grace["fields"]["website"], "https://grace.example.com");
    assert_eq!(grace["location"], "Arlington, VA, United States");
    assert_eq!(
        grace["tags"],
        serde_json::json!(["speakers"]),
        "Google's myContacts is no tag"
    );
    assert_eq!(w.json(&["show", "alan"])["birthday"], "--06-23");

    assert_eq!(
        import_counts(&w, &[&fixture("outlook-2.1.vcf")]),
        [1, 0, 0, 0]
    );
    let jurgen = w.json(&["show", "juergen.weiss@example.de"]);
    assert_eq!(jurgen["name"], "Jürgen Weiß");
    assert_eq!(jurgen["company"], "Bäckerei Weiß GmbH");
    assert_eq!(
        jurgen["note"],
        "Kunde seit 2019.\nMöchte Angebote per E-Mail, nicht telefonisch."
    );
    assert_eq!(jurgen["birthday"], "1975-03-14");
    assert_eq!(jurgen["fields"]["other_phones"], "+49 171 7654321");

    assert_eq!(
        import_counts(&w, &[&fixture("vcard-4.0.vcf"), "--preset", "vcard"]),
        [1, 0, 0, 0]
    );
    let kay = w.json(&["show", "kay"]);
    assert_eq!(
        kay["uid"], "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
        "UID kept"
    );
    assert_eq!(kay["email"], "kay@example.com", "PREF=1 first");
    assert_eq!(kay["phone"], "+1-555-555-0199");
    assert_eq!(kay["birthday"], "--04-15");
    assert_eq!(kay["fields"]["anniversary"], "2009-08-08");
    assert_eq!(kay["fields"]["department"], "Research");

    for f in [
        "apple-icloud.vcf",
        "google-contacts.vcf",
        "outlook-2.1.vcf",
        "vcard-4.0.vcf",
    ] {
        let [added, updated, _, invalid] = import_counts(&w, &[&fixture(f)]);
        assert_eq!((added, updated, invalid), (0, 0, 0), "{f} again");
    }
    let before = w.json(&["list"]).as_array().unwrap().len();
    w.ok(&["import", "undo", "4"]);
    assert_eq!(w.json(&["list"]).as_array().unwrap().len(), before - 1);
    w.fails(&["show", "kay"], "kay");
}

/// All or nothing, every bad card named by the line of its BEGIN.
#[test]
fn a_bad_card_is_named_by_its_line_and_nothing_is_imported() {
    let w = World::seeded_empty();
    let file = w.dir.path().join("phone.vcf");
    std::fs::write(
        &file,
        "\nBEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEMAIL:good@example.com\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Bad One\nEMAIL:not-an-email\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Born Later\nBDAY:2099-01-01\nEND:VCARD\n",
    )
    .unwrap();
    let err = w.fails(
        &["import", "contacts", file.to_str().unwrap()],
        "1 invalid row",
    );
    assert!(err.contains("line 7: "), "{err}");
    assert!(err.contains("not-an-email"), "{err}");
    // A birthday in the future is a bad optional value: left out, the card kept.
    assert!(err.contains("line 12: birthday"), "{err}");
    assert!(w.json(&["list"]).as_array().unwrap().is_empty());
    // --skip-invalid keeps the good card.
    let out = w.run(&[
        "import",
        "contacts",
        file.to_str().unwrap(),
        "--skip-invalid",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let names: Vec<String> = w
        .json(&["list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Born Later", "Good One"]);
    assert_eq!(
        w.json(&["show", "born"])["birthday"],
        serde_json::Value::Null
    );
}

/// Export, import into an empty book, export again: the same cards.
#[test]
fn vcards_round_trip() {
    let w = World::seeded();
    w.ok(&[
        "edit",
        "ada",
        "--note",
        "two\nlines; and, more",
        "--title",
        "Countess",
        "--location",
        "London",
    ]);
    w.ok(&[
        "edit",
        "alan",
        "--birthday",
        "--06-23",
        "--field",
        "anniversary=2020-05-01",
    ]);
    w.ok(&["stage", "grace", "conversion"]);
    let first = w.ok(&["export", "contacts", "--format", "vcard"]);
    let file = w.dir.path().join("cards.vcf");
    std::fs::write(&file, &first).unwrap();
    let mut other = World::seeded_empty();
    other.at(&w.now.clone());
    assert_eq!(
        import_counts(&other, &[file.to_str().unwrap()]),
        [3, 0, 0, 0]
    );
    let again = other.ok(&["export", "contacts", "--format", "vcard"]);
    assert_eq!(cards(&again), cards(&first));
    assert_eq!(again, first, "byte for byte");
    // And the book's own cards come back as the same contacts.
    assert_eq!(import_counts(&w, &[file.to_str().unwrap()]), [0, 0, 3, 0]);
}

/// Consent: recorded with what, when and how; withdrawn but kept; shown,
/// exported and restored; imported from Mailchimp; and rules that need it.
#[test]
fn consent_is_recorded_shown_exported_imported_and_required_by_rules() {
    let w = World::seeded();
    w.ok(&[
        "edit",
        "ada",
        "--consent",
        "Newsletter 2026-03-01 web form",
        "--consent",
        "sms",
    ]);
    let consents = w.json(&["show", "ada"])["consents"].clone();
    assert_eq!(consents[0]["purpose"], "newsletter");
    assert_eq!(consents[0]["given_on"], "2026-03-01");
    assert_eq!(consents[0]["how"], "web form");
    assert_eq!(consents[1]["purpose"], "sms");
    assert_eq!(consents[1]["given_on"], "2026-11-23", "today without a day");
    assert!(w
        .ok(&["show", "ada"])
        .contains("newsletter since 2026-03-01, web form"));
    w.fails(
        &["edit", "ada", "--consent", "newsletter 2027-01-01"],
        "future",
    );
    w.fails(
        &["edit", "ada", "--consent", "2026-01-01 form"],
        "not a consent",
    );
    w.fails(
        &["edit", "ada", "--withdraw-consent", "fax"],
        "no consent to 'fax'",
    );
    w.ok(&["edit", "ada", "--withdraw-consent", "SMS"]);
    let consents = w.json(&["show", "ada"])["consents"].clone();
    assert_eq!(consents[1]["withdrawn_on"], "2026-11-23", "withdrawn, kept");
    assert_eq!(w.json(&["export", "contact", "ada"])["consents"], consents);

    // Restored by import all, checked by check.
    let dump = w.ok(&["export", "all"]);
    let restored = World::new();
    let file = restored.dir.path().join("all.json");
    std::fs::write(&file, &dump).unwrap();
    restored.ok(&["import", "all", file.to_str().unwrap()]);
    assert_eq!(restored.json(&["show", "ada"])["consents"], consents);
    restored.ok(&["check"]);
    assert!(dump.contains("\"given_on\":\"2026-03-01\""), "{dump}");
    let bad = dump.replace("\"given_on\":\"2026-03-01\"", "\"given_on\":\"someday\"");
    let bad_file = restored.dir.path().join("bad.json");
    std::fs::write(&bad_file, bad).unwrap();
    let fresh = World::new();
    let err = fresh.fails(
        &["import", "all", bad_file.to_str().unwrap()],
        "1 invalid record",
    );
    assert!(
        err.contains("consents") && err.contains("given_on"),
        "{err}"
    );

    // Mailchimp's opt-in is a consent; again, nothing new; undone with the batch.
    let m = World::seeded_empty();
    let csv = fixture("mailchimp-subscribed.csv");
    m.ok(&["import", "contacts", &csv]);
    let ada = m.json(&["show", "ada"]);
    assert_eq!(ada["consents"][0]["purpose"], "email marketing");
    assert_eq!(ada["consents"][0]["given_on"], "2024-01-02");
    assert_eq!(ada["consents"][0]["how"], "Mailchimp double opt-in");
    assert_eq!(import_counts(&m, &[&csv]), [0, 0, 2, 0]);
    // A consent recorded later stops undo (it would go with the contact).
    let undo_ok = World::seeded_empty();
    undo_ok.ok(&["import", "contacts", &csv]);
    undo_ok.ok(&["edit", "ada", "--consent", "sms"]);
    undo_ok.fails(&["import", "undo", "1"], "cannot undo import batch #1");
    m.ok(&["import", "contacts", &fixture("mailchimp-unsubscribed.csv")]);
    let unsub = m.json(&["export", "all"])["consents"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(unsub, 2, "the unsubscribed file records no consent");

    // A rule that needs consent reminds only those who hold one.
    let r = World::seeded();
    r.ok(&[
        "rules",
        "add",
        "--on-enter",
        "acquisition",
        "--after",
        "1d",
        "--note",
        "Send the newsletter offer",
        "--needs-consent",
    ]);
    assert!(r.ok(&["rules"]).contains("with consent"));
    r.ok(&["edit", "grace", "--consent", "newsletter"]);
    r.ok(&["stage", "ada", "acquisition"]);
    r.ok(&["stage", "grace", "acquisition"]);
    let offers = |w: &World| -> Vec<String> {
        w.json(&["due", "--within", "1w"])
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["what"] == "Send the newsletter offer")
            .map(|i| i["contact"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(offers(&r), ["Grace Hopper"]);
    r.ok(&["edit", "grace", "--withdraw-consent", "newsletter"]);
    assert!(offers(&r).is_empty(), "withdrawing cancels");
    let cancelled = r.json(&["show", "grace"])["cancelled_follow_ups"].clone();
    assert!(
        cancelled[0]["why"]
            .as_str()
            .unwrap()
            .contains("consent withdrawn"),
        "{cancelled}"
    );
}
