//! Hostile input as property tests of the library: the parsers, contact
//! references, search, templates, the CSV importer, `import all` and whole
//! argument lists take anything with no panic, no hang, a clear error, and
//! nothing written after a refusal. The default counts keep `cargo test`
//! quick; `RAPPORT_FUZZ_CASES=1000000` is the long mode, shared among the
//! tests below (see `cases`). Counts and times are printed with --nocapture.

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

/// A test's cases: its share of `RAPPORT_FUZZ_CASES` in the long mode,
/// else its default.
fn cases(default: u32, share: f64) -> u32 {
    match std::env::var("RAPPORT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        Some(total) => ((total as f64) * share).ceil().max(1.0) as u32,
        None => default,
    }
}

/// The shares of the long mode: they add up to one.
const SHARE_PARSERS: f64 = 0.2;
const SHARE_CSV: f64 = 0.3;
const SHARE_EXPORT: f64 = 0.2;
const SHARE_ARGS: f64 = 0.3;

fn config(n: u32) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(n)
    }
}

#[test]
fn parsers_never_panic_and_name_the_bad_value() {
    let n = cases(2000, SHARE_PARSERS);
    let start = std::time::Instant::now();
    proptest::test_runner::TestRunner::new(config(n))
        .run(&nasty(), |text| parse_everything(&text))
        .unwrap();
    crate::output::test_report(&format!(
        "hostile: {n} texts through every parser in {:.1?}, no panic",
        start.elapsed()
    ));
}

fn parse_everything(text: &str) -> std::result::Result<(), TestCaseError> {
    let text = text.to_string();
    {
        if let Err(e) = when::parse_when(&text, now()) {
            let e = e.to_string();
            prop_assert!(
                e.contains(&format!("'{}'", crate::domain::text::shown(&text))),
                "{e}"
            );
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
        let _ = crate::domain::text::single_line(&text);
        let _ = crate::domain::text::csv_safe(&text);
    }
    Ok(())
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
            None,
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
        date_order: None,
        keep_unmapped: true,
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
fn the_csv_importer_takes_anything_without_panic() {
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
    let half = cases(600, SHARE_CSV).div_ceil(2);
    let start = std::time::Instant::now();
    proptest::test_runner::TestRunner::new(config(half))
        .run(&prop::collection::vec(any::<u8>(), 0..3000), attempt)
        .unwrap();
    proptest::test_runner::TestRunner::new(config(half))
        .run(&csv_file(), attempt)
        .unwrap();
    assert_eq!(ok.get() + refused.get(), 2 * half);
    let (ok, refused) = (ok.get(), refused.get());
    assert_eq!(before, book(&store.borrow()), "nothing was written");
    crate::output::test_report(&format!(
        "hostile: {} CSV inputs ({half} random bytes, {half} malformed CSV) in {:.1?}: {ok} read, {refused} refused, no panic, nothing written",
        2 * half,
        start.elapsed()
    ));
}

/// An export of a book with one of everything, as JSON.
fn sample_export() -> serde_json::Value {
    let (_dir, mut store) = scratch();
    ops::write(&mut store, |db| {
        db.insert_interaction(&crate::store::NewInteraction {
            contact_id: 1,
            kind: interaction::Kind::Purchase,
            summary: "Starter pack".into(),
            channel: Some("web".into()),
            at: "2026-11-20T10:00:00Z".into(),
            amount: Some(interaction::Cents(4990)),
            rating: None,
            payment_due: Some("2026-12-01".into()),
            direction: None,
        })?;
        Ok(())
    })
    .unwrap();
    serde_json::from_slice(&book(&store)).unwrap()
}

/// Where a mutation lands: a path of keys and indexes to a leaf.
fn leaves(
    v: &serde_json::Value,
    path: &mut Vec<serde_json::Value>,
    out: &mut Vec<Vec<serde_json::Value>>,
) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, child) in m {
                path.push(k.clone().into());
                leaves(child, path, out);
                path.pop();
            }
        }
        serde_json::Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                path.push(i.into());
                leaves(child, path, out);
                path.pop();
            }
        }
        _ => out.push(path.clone()),
    }
}

fn at_path<'v>(
    v: &'v mut serde_json::Value,
    path: &[serde_json::Value],
) -> Option<&'v mut serde_json::Value> {
    let mut cur = v;
    for p in path {
        cur = match p {
            serde_json::Value::String(k) => cur.get_mut(k.as_str())?,
            serde_json::Value::Number(i) => cur.get_mut(i.as_u64()? as usize)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        nasty().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f)
            .map_or(serde_json::Value::Null, serde_json::Value::Number)),
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        Just(serde_json::json!([])),
        Just(serde_json::json!({"x": 1})),
        Just(serde_json::Value::from("2026-02-30")),
        Just(serde_json::Value::from("+10000-12-31T00:00:00Z")),
        Just(serde_json::Value::from(1e300)),
    ]
}

/// The keys of an export in the order `export all` writes them.
fn in_export_order(v: &serde_json::Value) -> String {
    const KEYS: [&str; 12] = [
        "format",
        "version",
        "settings",
        "pipeline",
        "rules",
        "templates",
        "contacts",
        "stage_history",
        "interactions",
        "follow_ups",
        "points",
        "reminders",
    ];
    let parts: Vec<String> = KEYS
        .iter()
        .filter_map(|k| v.get(*k).map(|value| format!("\"{k}\": {value}")))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

#[test]
fn import_all_takes_any_edited_export_without_panic() {
    let sample = sample_export();
    let mut paths = Vec::new();
    leaves(&sample, &mut Vec::new(), &mut paths);
    let text = in_export_order(&sample);
    let clock = Clock::parse("2026-11-23T09:00:00Z").unwrap();
    let template = Store::open(
        std::path::Path::new("/nonexistent/rapport-fuzz.db"),
        Access::Read,
        clock,
    )
    .unwrap();
    let empty = book(&template);
    // The unedited export restores: the edits are what is refused.
    let mut store = template.copy_in_memory().unwrap();
    ops::dump::restore(&mut store, Cursor::new(text.clone().into_bytes())).unwrap();
    let n = cases(400, SHARE_EXPORT);
    let (ok, refused) = (std::cell::Cell::new(0u32), std::cell::Cell::new(0u32));
    let edits = prop::collection::vec((any::<prop::sample::Index>(), json_value()), 1..4);
    let strategy = prop_oneof![
        8 => edits.prop_map(Ok),
        1 => (0..text.len()).prop_map(Err),
    ];
    let start = std::time::Instant::now();
    proptest::test_runner::TestRunner::new(config(n))
        .run(&strategy, |edit| {
            let bytes = match edit {
                Ok(edits) => {
                    let mut v = sample.clone();
                    for (index, value) in edits {
                        let path: &Vec<serde_json::Value> = index.get(&paths);
                        if let Some(slot) = at_path(&mut v, path) {
                            *slot = value;
                        }
                    }
                    in_export_order(&v).into_bytes()
                }
                // Cut short anywhere.
                Err(cut) => text.as_bytes()[..cut].to_vec(),
            };
            let mut store = template.copy_in_memory().unwrap();
            match ops::dump::restore(&mut store, Cursor::new(bytes)) {
                Ok(_) => ok.set(ok.get() + 1),
                Err(e) => {
                    prop_assert!(
                        !matches!(e, crate::error::Error::Internal(_)),
                        "internal error: {e}"
                    );
                    prop_assert_eq!(&empty, &book(&store), "a refused restore wrote");
                    refused.set(refused.get() + 1);
                }
            }
            Ok(())
        })
        .unwrap();
    crate::output::test_report(&format!(
        "hostile: {n} edited or cut exports through import all in {:.1?}: {} restored, {} refused, no panic, nothing written on refusal",
        start.elapsed(),
        ok.get(),
        refused.get()
    ));
}

/// Argument lists as a script or a slip of the keyboard might give them:
/// a command, then values and flags with values, most of them plausible.
fn argument_list() -> impl Strategy<Value = Vec<String>> {
    let command = prop::sample::select(vec![
        "add",
        "edit",
        "show",
        "list",
        "search",
        "log",
        "stage",
        "advance",
        "stages",
        "follow-up",
        "done",
        "snooze",
        "due",
        "resolve",
        "paid",
        "rules add",
        "rules edit",
        "rules rm",
        "template add",
        "template show",
        "config set",
        "config get",
        "config unset",
        "report funnel",
        "report at-risk",
        "report revenue",
        "report activity",
        "score",
        "points",
        "sql",
        "forget",
        "check",
        "draft",
        "calendar",
    ]);
    let value = prop_oneof![
        3 => prop::sample::select(vec![
            "ada", "Ada Lovelace", "1", "2", "-2d", "tomorrow", "next friday 8pm", "acquisition",
            "conversion", "call", "purchase", "ticket", "feedback", "10", "49.90", "1e300",
            "9999999999999", "quiet-days", "from", "paying-stage", "dormant-2-1", "birthday-1",
            "csv", "json", "week", "vip", "7", "3w", "select name from contacts_v", "--12-10",
            "1815-12-10", "ada@example.com", "+44 20 7946 0000", "interest=analytics",
        ]).prop_map(String::from),
        2 => nasty(),
    ];
    // Each command's own flags, read from its definition.
    let flags_of = |words: &str| -> (Vec<String>, Vec<String>, usize) {
        let mut cmd = <crate::commands::Cli as clap::CommandFactory>::command();
        for w in words.split(' ') {
            cmd = cmd.find_subcommand(w).cloned().unwrap_or(cmd);
        }
        let (mut takes, mut switches) = (Vec::new(), Vec::new());
        let required = cmd
            .get_positionals()
            .filter(|a| a.is_required_set())
            .count();
        for a in cmd.get_arguments() {
            if let Some(long) = a.get_long() {
                // Never another book, and no file written where the tests run.
                if matches!(long, "db" | "output" | "eml" | "rejects") {
                    continue;
                }
                let flag = format!("--{long}");
                if matches!(a.get_action(), clap::ArgAction::SetTrue) {
                    switches.push(flag);
                } else {
                    takes.push(flag);
                }
            }
        }
        takes.push("--format".into());
        switches.push("--json".into());
        (takes, switches, required)
    };
    let command = command.prop_flat_map(move |c| {
        let (takes, switches, required) = flags_of(c);
        let flag = prop::sample::select(takes);
        let switch = prop::sample::select(switches);
        let item = prop_oneof![
            3 => value.clone().prop_map(|v| vec![v]),
            3 => (flag, value.clone()).prop_map(|(f, v)| vec![f, v]),
            1 => switch.prop_map(|s| vec![s]),
        ];
        let positionals = prop::collection::vec(value.clone(), required..=required);
        (Just(c), positionals, prop::collection::vec(item, 0..5))
    });
    command.prop_map(|(c, positionals, items)| {
        let mut args: Vec<String> = c.split(' ').map(String::from).collect();
        args.extend(positionals);
        args.extend(items.into_iter().flatten());
        args
    })
}

#[test]
fn argument_lists_never_panic_and_a_refusal_writes_nothing() {
    let (dir, store) = scratch();
    drop(store);
    let db = dir.path().join("f.db");
    let observer = rusqlite::Connection::open(&db).unwrap();
    let version = || -> i64 {
        observer
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .unwrap()
    };
    let clock = Clock::parse("2026-11-23T09:00:00Z").unwrap();
    let n = cases(300, SHARE_ARGS);
    let counts = std::cell::Cell::new((0u32, 0u32, 0u32));
    let start = std::time::Instant::now();
    proptest::test_runner::TestRunner::new(config(n))
        .run(&argument_list(), |args| {
            let (mut usage, mut ok, mut refused) = counts.get();
            let mut full = vec![
                "rapport".to_string(),
                "--db".into(),
                db.display().to_string(),
                "--no-input".into(),
            ];
            full.extend(args.iter().cloned());
            match <crate::commands::Cli as clap::Parser>::try_parse_from(&full) {
                Err(_) => usage += 1,
                Ok(cli) => {
                    let before = version();
                    let format = cli.format;
                    match crate::commands::run_with(cli, crate::output::sink_ui(format), clock) {
                        Ok(()) => ok += 1,
                        Err(e) => {
                            prop_assert!(
                                !matches!(e, crate::error::Error::Internal(_)),
                                "{args:?}: internal error: {e}"
                            );
                            prop_assert_eq!(
                                before,
                                version(),
                                "{:?} was refused ({}) but wrote",
                                args,
                                e
                            );
                            refused += 1;
                        }
                    }
                }
            }
            counts.set((usage, ok, refused));
            Ok(())
        })
        .unwrap();
    let (usage, ok, refused) = counts.get();
    crate::output::test_report(&format!(
        "hostile: {n} argument lists run in process in {:.1?}: {usage} usage errors, {ok} done, {refused} refused, no panic, no write after a refusal",
        start.elapsed()
    ));
}

#[test]
fn contact_references_and_search_take_anything() {
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
