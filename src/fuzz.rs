//! Hostile input as property tests of the library: the parsers, contact
//! references, search, templates and the CSV importer take anything with
//! no panic, no hang, a clear error, and nothing written. The case counts
//! are in the test names and printed.

use crate::clock::Clock;
use crate::domain::{contact, interaction, template, when};
use crate::error::Result;
use crate::import::{contacts, input, OnDuplicate};
use crate::ops;
use crate::store::{Access, Store};
use proptest::prelude::*;
use std::io::Cursor;

/// The whole book, as `export all` writes it: equal means unchanged.
fn book(store: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    ops::dump::all(&store.read(), &mut out).unwrap();
    out
}

fn now() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

/// Text with the characters that break naive parsers.
fn nasty() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("\"".to_string()),
            Just(",".to_string()),
            Just("\n".to_string()),
            Just("\r".to_string()),
            Just("\0".to_string()),
            Just("'); DROP TABLE contacts;--".to_string()),
            Just("{first_name}".to_string()),
            Just("{".to_string()),
            Just("}".to_string()),
            Just("é".to_string()),
            Just("@".to_string()),
            Just("::: ".to_string()),
            "[a-zA-Z0-9 +-]{0,8}",
            any::<char>().prop_map(String::from),
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parsers_never_panic_and_name_the_bad_value_2000_cases(text in nasty()) {
        if let Err(e) = when::parse_when(&text, now()) {
            let e = e.to_string();
            prop_assert!(e.contains(&format!("'{}'", crate::domain::text::shown(&text))), "{e}");
        }
        let _ = when::Duration::parse(&text);
        let _ = when::parse_birthday(&text, now().date());
        let _ = interaction::Cents::parse_positive(&text);
        let _ = contact::parse_field(&text);
        let _ = contact::validate_email(&text);
        let _ = contact::validate_phone(&text);
        let _ = contact::validate_tag(&text);
        let _ = contact::validate_name(&text);
        let _ = contact::parse_clearable(&text);
        let _ = crate::domain::due::parse_item_id(&text);
        let _ = crate::import::dates::parse_date(&text);
        let _ = crate::import::mapping::parse_map(&text);
        let _ = template::render(&text, &|k| (k == "first_name").then(|| "Ada".to_string()));
    }
}

/// One store for the library-level cases; every write is rolled back.
fn scratch() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::parse("2026-11-23T09:00:00Z").unwrap();
    let mut store = ops::open(&dir.path().join("f.db"), Access::Write, clock).unwrap();
    ops::write(&mut store, |db| {
        db.insert_contact(
            &contact::NewContact {
                name: "Ada Lovelace".into(),
                email: Some("ada@example.com".into()),
                ..Default::default()
            },
            "added",
        )?;
        Ok(())
    })
    .unwrap();
    (dir, store)
}

fn import_bytes(store: &mut Store, bytes: Vec<u8>) -> Result<()> {
    let options = contacts::Options {
        source: "fuzz".into(),
        preset: None,
        maps: vec![],
        stage_maps: vec![],
        on_duplicate: OnDuplicate::Merge,
        fire_rules: true,
    };
    store.write_or_rollback(|db| {
        let mut csv = input::from_reader(Box::new(Cursor::new(bytes)), None)?;
        contacts::run(db, &mut csv, &options, None, &mut || {})?;
        Ok(((), false))
    })
}

fn csv_file() -> impl Strategy<Value = Vec<u8>> {
    let header = prop::collection::vec(
        prop_oneof![
            Just("name"),
            Just("email"),
            Just("Phone"),
            Just("stage"),
            Just("tags"),
            Just("birthday"),
            Just("E-mail 1 - Value"),
            Just("Labels"),
            Just("Lifecycle Stage"),
            Just("x"),
            Just(""),
            Just("\"q\"")
        ],
        1..8,
    );
    let rows = prop::collection::vec(prop::collection::vec(nasty(), 0..9), 0..6);
    (header, rows).prop_map(|(h, rows)| {
        let mut text = h.join(",");
        for r in rows {
            text.push('\n');
            text.push_str(&r.join(","));
        }
        text.into_bytes()
    })
}

#[test]
fn the_csv_importer_takes_anything_without_panic_600_cases() {
    let (_dir, store) = scratch();
    let before = book(&store);
    let store = std::cell::RefCell::new(store);
    let (ok, refused) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
    let attempt = |bytes: Vec<u8>| {
        match import_bytes(&mut store.borrow_mut(), bytes) {
            Ok(()) => ok.set(ok.get() + 1),
            Err(_) => refused.set(refused.get() + 1),
        }
        Ok(())
    };
    let config = || ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(300)
    };
    proptest::test_runner::TestRunner::new(config())
        .run(&prop::collection::vec(any::<u8>(), 0..3000), attempt)
        .unwrap();
    proptest::test_runner::TestRunner::new(config())
        .run(&csv_file(), attempt)
        .unwrap();
    assert_eq!(ok.get() + refused.get(), 600);
    let (ok, refused) = (ok.get(), refused.get());
    assert_eq!(before, book(&store.borrow()), "nothing was written");
    crate::output::test_report(&format!("hostile: 600 CSV inputs (300 random bytes, 300 malformed CSV): {ok} read, {refused} refused, no panic, nothing written"));
}

#[test]
fn contact_references_and_search_take_anything_500_cases() {
    let (_dir, store) = scratch();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(500)
    });
    runner
        .run(&nasty(), |text| {
            let db = store.read();
            let _ = db.find_contacts(&text).unwrap();
            match db.search(&text, 20) {
                Ok(_) => {}
                Err(e) => prop_assert!(e.to_string().contains("no words"), "{e}"),
            }
            Ok(())
        })
        .unwrap();
    crate::output::test_report(
        "hostile: 500 contact references and searches, no panic, no search syntax error",
    );
}
