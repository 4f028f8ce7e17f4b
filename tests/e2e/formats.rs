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

    // Snoozing moves the event: the same UID on another day.
    let uid = timed["UID"].1.clone();
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
