//! Hostile data in, safe bytes out: one test per finding of the adversary's
//! report (issue 14), each named after what it reproduces.

use crate::util::{dump, World};
use serde_json::{json, Value};
use std::path::Path;

fn write(w: &World, name: &str, text: &str) -> String {
    let p = w.dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

/// An export of a small book, as JSON to edit.
fn exported(w: &World) -> Value {
    serde_json::from_str(&w.ok(&["export", "all"])).unwrap()
}

/// An export as `export all` orders it (`format` first).
fn export_text(d: &Value) -> String {
    let keys = [
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
    let parts: Vec<String> = keys
        .iter()
        .filter(|k| d.get(**k).is_some())
        .map(|k| format!("{}: {}", json!(k), d[*k]))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

// Finding 1: an edited export (Bcc in an email, an empty name, 2026-02-30,
// "yesterday-ish", an amount of 1e300, `paying-stage: nope`, `quiet-days:
// -5`, a bad tag and field, `every: 0d`) was restored with exit 0.
#[test]
fn import_all_refuses_an_edited_export_and_names_every_bad_record() {
    let w = World::seeded();
    w.ok(&[
        "log",
        "ada",
        "Starter pack",
        "--kind",
        "purchase",
        "--amount",
        "49.90",
    ]);
    w.ok(&["follow-up", "ada", "tomorrow", "Call"]);
    let mut d = exported(&w);
    d["settings"] = json!({"paying-stage": "nope", "quiet-days": "-5"});
    d["contacts"][0]["email"] = json!("ada@example.com\r\nBcc: spy@evil.com");
    d["contacts"][1]["name"] = json!("");
    d["contacts"][1]["birthday"] = json!("2026-02-30");
    d["contacts"][1]["created_at"] = json!("yesterday-ish");
    d["contacts"][2]["tags"] = json!(["bad tag!"]);
    d["contacts"][2]["fields"] = json!({"k": "v\u{1b}[31m"});
    d["interactions"][0]["amount"] = json!(1e300);
    d["follow_ups"][0]["every"] = json!("0d");
    let file = write(&w, "edited.json", &export_text(&d));
    let mut target = World::new();
    target.now = w.now.clone();
    let err = target.fails(
        &["import", "all", &file],
        "invalid records: nothing was restored",
    );
    assert!(
        !target.db.exists(),
        "a refused restore leaves no book behind"
    );
    for needle in [
        "settings (quiet-days)",
        "settings (paying-stage): unknown stage 'nope'",
        "contacts record 1 (id 1): email: 'ada@example.com\\r\\nBcc: spy@evil.com'",
        "contacts record 2 (id 2): name:",
        "contacts record 2 (id 2): birthday: '2026-02-30'",
        "contacts record 2 (id 2): created_at: 'yesterday-ish'",
        "contacts record 3 (id 3): tags: 'bad tag!'",
        "contacts record 3 (id 3): fields: 'v\\e[31m'",
        "follow_ups record 1 (id 1): every: '0d'",
    ] {
        assert!(err.contains(needle), "{needle}\n{err}");
    }
    assert!(
        err.contains("interactions record 1 (id 1): amount: amount '1e300' is too large"),
        "{err}"
    );
    // The same export, untouched, restores byte for byte.
    let clean = write(&w, "clean.json", &w.ok(&["export", "all"]));
    target.ok(&["import", "all", &clean]);
    assert_eq!(
        serde_json::from_str::<Value>(&target.ok(&["export", "all"])).unwrap(),
        serde_json::from_str::<Value>(&std::fs::read_to_string(&clean).unwrap()).unwrap()
    );
}

// Finding 1, the CSV way: purchases of 9,999,999,999,999 were accepted, and
// reports then failed with "integer overflow".
#[test]
fn amounts_are_bounded_and_sums_never_overflow() {
    let w = World::seeded();
    w.fails(
        &[
            "log",
            "ada",
            "x",
            "--kind",
            "purchase",
            "--amount",
            "9999999999999",
        ],
        "too large",
    );
    w.ok(&[
        "log",
        "ada",
        "x",
        "--kind",
        "purchase",
        "--amount",
        "1000000000",
    ]);
    let csv = write(
        &w,
        "big.csv",
        "email,kind,date,summary,amount\nada@example.com,purchase,2026-11-01,huge,9999999999999\n",
    );
    let out = w.run(&["import", "interactions", &csv]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("too large"), "{}", out.stderr);
    // What another program wrote: the largest integers SQLite holds.
    let conn = rusqlite::Connection::open(&w.db).unwrap();
    for i in 0..3 {
        conn.execute(
            "INSERT INTO interactions (uid, contact_id, kind, summary, at, amount_cents, created_at, updated_at, day) \
             VALUES (?1, 1, 'purchase', 'forged', '2026-11-01T10:00:00Z', 9223372036854775807, \
             '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z', '2026-11-01')",
            [format!("01FORGED{i}")],
        )
        .unwrap();
    }
    drop(conn);
    for report in ["revenue", "sources", "advocates"] {
        w.ok(&["report", report]);
    }
    let out = w.run(&["check"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("too large"), "{}", out.stdout);
}

// Finding 2: company, note, summaries kept ESC, BEL and CR and printed them
// raw (`add Zed --note $'n\e]0;pwn\a'` retitled the terminal).
#[test]
fn stored_control_characters_never_reach_the_screen_raw() {
    let w = World::seeded_empty();
    w.fails(
        &["add", "Zed", "--company", "Co\u{1b}[31mRed"],
        "control character",
    );
    w.fails(
        &["add", "Zed", "--title", "a\u{202e}b"],
        "direction override",
    );
    w.fails(
        &["config", "set", "from", "Sam <sam@x.com>\r\nBcc: spy@evil"],
        "from",
    );
    w.ok(&["add", "Zed", "--note", "n\u{1b}]0;pwn\u{7}"]);
    w.ok(&["log", "zed", "sum\rOVER"]);
    w.ok(&["log", "zed", "two\nlines \u{202e}reversed"]);
    for args in [
        vec!["show", "zed"],
        vec!["list"],
        vec!["search", "sum"],
        vec![],
        vec!["report", "activity"],
    ] {
        let out = w.ok(&args);
        assert!(
            !out.contains(['\u{1b}', '\u{7}', '\r', '\u{202e}']),
            "{args:?} printed raw controls: {out:?}"
        );
    }
    let show = w.ok(&["show", "zed"]);
    assert!(show.contains("n\\e]0;pwn\\a"), "{show}");
    assert!(show.contains("sum\\rOVER"), "{show}");
    assert!(show.contains("\\u{202e}reversed"), "{show}");
    // JSON keeps the exact string.
    assert_eq!(w.json(&["show", "zed"])["note"], "n\u{1b}]0;pwn\u{7}");
    // Error lines print what was given escaped, on one line.
    let out = w.run(&["show", "x\u{1b}]0;pwn\u{7}"]);
    assert_eq!(out.stderr.lines().count(), 1, "{:?}", out.stderr);
    assert!(out.stderr.contains("x\\e]0;pwn\\a"), "{}", out.stderr);
    let out = w.run(&["add", "Yy", "--email", "a\nb"]);
    assert_eq!(out.stderr.lines().count(), 1, "{:?}", out.stderr);
}

// Finding 3: `config set from $'Sam <sam@x.com>\r\nBcc: spy@evil'` became a
// second header line of every .eml draft.
#[test]
fn eml_headers_cannot_be_injected() {
    let w = World::seeded();
    w.ok(&[
        "template",
        "add",
        "hi",
        "--subject",
        "Hi {first_name}",
        "--body",
        "Hello",
    ]);
    w.fails(
        &["config", "set", "from", "Sam <sam@x.com>\r\nBcc: spy@evil"],
        "one line",
    );
    w.ok(&["config", "set", "from", "Sam <sam@example.com>"]);
    // Even a value another program stored cannot make a header of its own.
    let conn = rusqlite::Connection::open(&w.db).unwrap();
    conn.execute(
        "UPDATE settings SET value = 'Sam <sam@x.com>' || char(13, 10) || 'Bcc: spy@evil' WHERE key = 'from'",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE contacts SET email = 'ada@example.com' || char(10) || 'Cc: x@evil' WHERE id = 1",
        [],
    )
    .unwrap();
    drop(conn);
    let eml = w.dir.path().join("ada.eml");
    w.ok(&["draft", "ada", "hi", "--eml", eml.to_str().unwrap()]);
    let text = std::fs::read_to_string(&eml).unwrap();
    let headers = text.split("\r\n\r\n").next().unwrap();
    for line in headers.split("\r\n") {
        assert!(
            !line.starts_with("Bcc:") && !line.starts_with("Cc:"),
            "injected header: {line:?}\n{headers}"
        );
        assert!(!line.contains(['\r', '\n']), "{line:?}");
    }
}

/// A process that holds a read snapshot of the book until told to stop.
fn hold_snapshot(db: &Path) -> (std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>) {
    let (stop, wait) = std::sync::mpsc::channel::<()>();
    let (ready, started) = std::sync::mpsc::channel::<()>();
    let db = db.to_path_buf();
    let reader = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("BEGIN").unwrap();
        let _: i64 = conn
            .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
            .unwrap();
        ready.send(()).unwrap();
        let _ = wait.recv();
        conn.execute_batch("COMMIT").unwrap();
    });
    started.recv().unwrap();
    (stop, reader)
}

fn file_holds(db: &Path, needle: &str) -> bool {
    ["", "-wal"].iter().any(|suffix| {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        std::fs::read(std::path::PathBuf::from(p))
            .map(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
            .unwrap_or(false)
    })
}

// Finding 4: with another process holding a read snapshot, `forget` waited
// 5 s, exited 0 and said "nothing about them is left" while the email was
// still in the file.
#[test]
fn forget_says_only_what_it_verified() {
    let w = World::seeded();
    w.ok(&[
        "add",
        "Secret Person",
        "--email",
        "secret@hidden.example",
        "--note",
        "top secret",
    ]);
    assert!(file_holds(&w.db, "secret@hidden.example"));
    let (stop, reader) = hold_snapshot(&w.db);
    let out = w.run(&["forget", "secret", "--yes"]);
    stop.send(()).unwrap();
    reader.join().unwrap();
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("another process is reading an older copy"),
        "{}",
        out.stderr
    );
    assert!(!out.stdout.contains("nothing about them is left"));
    // The rows are gone; the next command, any command, scrubs the bytes.
    assert_eq!(w.run(&["show", "secret"]).code, 1);
    assert!(!file_holds(&w.db, "secret@hidden.example"));
    assert!(!file_holds(&w.db, "top secret"));
    // Without a reader, it verifies and says so.
    w.ok(&["add", "Other Secret", "--email", "other@hidden.example"]);
    let out = w.ok(&["forget", "other", "--yes"]);
    assert!(out.contains("nothing about them is left"), "{out}");
    assert!(!file_holds(&w.db, "other@hidden.example"));
    // A name inside another's ("Max Power" in "Max Powers") is no proof of
    // a copy left behind: forgetting one, the other stays, and all is well.
    w.ok(&["add", "Max Power", "--email", "max@power.example"]);
    w.ok(&["add", "Max Powers", "--email", "maxs@power.example"]);
    w.ok(&["forget", "max@power.example", "--yes"]);
    assert!(!file_holds(&w.db, "max@power.example"));
    assert_eq!(
        w.json(&["show", "maxs@power.example"])["name"],
        "Max Powers"
    );
}

// Finding 5: `=HYPERLINK(…)`, `+cmd|' /C calc'!A0` and `@SUM(…)` went out of
// `export contacts` and `sql --format csv` as they came in.
#[test]
fn csv_formula_cells_are_made_inert_and_phones_stay_readable() {
    let w = World::seeded_empty();
    w.ok(&[
        "add",
        "=HYPERLINK(\"http://evil\",\"x\")",
        "--company",
        "+cmd|' /C calc'!A0",
        "--phone",
        "+44 20 7946 0000",
    ]);
    w.ok(&["add", "Bob", "--title", "@SUM(A1:A9)", "--company=-12.50"]);
    let csv = w.ok(&["export", "contacts"]);
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""),
        "{csv}"
    );
    assert!(csv.contains(",'+cmd|' /C calc'!A0,"), "{csv}");
    assert!(csv.contains("'@SUM(A1:A9)"), "{csv}");
    assert!(csv.contains(",+44 20 7946 0000,"), "{csv}");
    assert!(csv.contains(",-12.50,"), "{csv}");
    let sql = w.ok(&[
        "sql",
        "SELECT name FROM contacts_v ORDER BY id",
        "--format",
        "csv",
    ]);
    assert!(sql.contains("'=HYPERLINK"), "{sql}");
    let listed = w.ok(&["list", "--format", "csv"]);
    assert!(listed.contains("'=HYPERLINK"), "{listed}");
    let raw = w.ok(&["export", "contacts", "--raw"]);
    assert!(raw.contains("\"=HYPERLINK("), "{raw}");
    // Read back by import, the cells are what was stored.
    let file = write(&w, "back.csv", &csv);
    let again = World::seeded_empty();
    again.ok(&["import", "contacts", &file]);
    assert_eq!(
        again.json(&["show", "bob"])["title"],
        "@SUM(A1:A9)",
        "the guard quote is taken off on import"
    );
}

// Finding 6: calendar, drafts and the rejects file wrote through a symlink
// into its target; a 0644 rejects file stayed 0644; a killed export left a
// `.partial` full of contact data until the next run to the same target.
#[cfg(unix)]
#[test]
fn output_files_never_follow_links_are_private_and_leave_no_partial() {
    use std::os::unix::fs::PermissionsExt;
    let w = World::seeded();
    let victim = w.dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let link = w.dir.path().join("link.ics");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    w.fails(
        &["calendar", "--output", link.to_str().unwrap()],
        "symbolic link",
    );
    w.ok(&[
        "template",
        "add",
        "hi",
        "--subject",
        "Hi",
        "--body",
        "Hello",
    ]);
    w.fails(
        &["draft", "ada", "hi", "--eml", link.to_str().unwrap()],
        "symbolic link",
    );
    let bad = write(&w, "bad.csv", "name,email\nAl,not-an-email\n");
    w.fails(
        &[
            "import",
            "contacts",
            &bad,
            "--skip-invalid",
            "--rejects",
            link.to_str().unwrap(),
        ],
        "symbolic link",
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    // A rejects file that was 0644 is replaced by a private one.
    let rejects = w.dir.path().join("bad.csv.rejected.csv");
    std::fs::write(&rejects, "old").unwrap();
    std::fs::set_permissions(&rejects, std::fs::Permissions::from_mode(0o644)).unwrap();
    w.ok(&[
        "import",
        "contacts",
        &bad,
        "--skip-invalid",
        "--rejects",
        rejects.to_str().unwrap(),
    ]);
    let mode = std::fs::metadata(&rejects).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // A run killed mid-write: its temporary file goes with the next command.
    let mut child = w
        .process(&[
            "export",
            "contacts",
            "--output",
            w.dir.path().join("out.csv").to_str().unwrap(),
        ])
        .spawn()
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let partial = w.dir.path().join(".out.csv.999999999.partial");
    std::fs::write(&partial, "Ada Lovelace,ada@example.com").unwrap();
    let notes = w.dir.path().join(".local/share/rapport/partial");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(notes.join("999999999-01KILLED"), partial.to_str().unwrap()).unwrap();
    w.ok(&["list"]);
    let left: Vec<String> = std::fs::read_dir(w.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(std::fs::read_dir(&notes).unwrap().count(), 0);
}

// Finding 7: `log ada x --at -2d`, `follow-up ada -2d x` and `report
// activity --since -30d` were usage errors ("unexpected argument '-2'").
#[test]
fn relative_dates_with_a_leading_dash_are_values() {
    let w = World::seeded();
    let logged = w.json(&["log", "ada", "x", "--kind", "call", "--at", "-2d"]);
    assert_eq!(logged["at"], "2026-11-21T09:00:00Z");
    let f = w.json(&["follow-up", "ada", "-2d", "Call back"]);
    assert_eq!(f["due"], "2026-11-21");
    w.ok(&["report", "activity", "--since", "-30d"]);
    // Flags still work around it.
    w.ok(&["follow-up", "ada", "--every", "1w", "tomorrow", "Weekly"]);
}

// Finding 8: years past 9999 were stored (`+10000-12-31`) and written into
// `.ics`; year 0000 was accepted; `d`, `12`, `2026`, `midnight` and `25pm`
// were read as dates.
#[test]
fn the_when_grammar_is_closed_and_years_have_four_digits() {
    let w = World::seeded();
    for bad in [
        "+10000-12-31",
        "0000-01-01",
        "0999-12-31",
        "d",
        "m",
        "y",
        "12",
        "2026",
        "25pm",
        "13:00",
        "in -3 days",
        "yesterday-ish",
    ] {
        let err = w.fails(&["follow-up", "ada", bad, "x"], "is not a date");
        assert!(err.contains("YYYY-MM-DD (years 1000-9999)"), "{err}");
    }
    w.fails(&["follow-up", "ada", "9000y", "x"], "is not a date");
    w.fails(&["add", "Old", "--birthday", "0100-01-01"], "birthday");
    let f = w.json(&["follow-up", "ada", "tomorrow midnight", "x"]);
    assert_eq!(
        (f["due"].as_str(), f["time"].as_str()),
        (Some("2026-11-24"), Some("00:00"))
    );
    let f = w.json(&["follow-up", "ada", "next friday 8pm", "x"]);
    assert_eq!(
        (f["due"].as_str(), f["time"].as_str()),
        (Some("2026-11-27"), Some("20:00"))
    );
    let ics = w.ok(&["calendar"]);
    assert!(!ics.contains("DTSTART;VALUE=DATE:+"), "{ics}");
}

// Finding 9: ATTACH of any readable SQLite file worked inside `sql`; a
// runaway query ran unbounded; a bare CR in a note reached the `.ics`.
#[test]
fn sql_stays_in_its_book_and_in_its_time_and_ics_escapes_cr() {
    let w = World::seeded();
    let other = World::seeded();
    w.fails(
        &["sql", &format!("ATTACH '{}' AS x", other.db.display())],
        "ATTACH is refused",
    );
    w.fails(
        &[
            "sql",
            &format!("SELECT 1; ATTACH '{}' AS y", other.db.display()),
        ],
        "ATTACH is refused",
    );
    let start = std::time::Instant::now();
    let err = w.fails(
        &[
            "sql",
            "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r",
            "--timeout",
            "1",
        ],
        "ran longer than 1s",
    );
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "{err}"
    );
    // Rows stream: a large result goes out without being held.
    let out = w.ok(&[
        "sql",
        "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r LIMIT 200000) SELECT i FROM r",
        "--format",
        "csv",
    ]);
    assert_eq!(out.lines().count(), 200_001);
    w.ok(&["follow-up", "ada", "tomorrow", "Ann: Call"]);
    let conn = rusqlite::Connection::open(&w.db).unwrap();
    conn.execute(
        "UPDATE follow_ups SET note = 'Ann: Call' || char(13) || 'LOCATION:evil'",
        [],
    )
    .unwrap();
    drop(conn);
    let ics = w.ok(&["calendar"]);
    assert!(!ics.contains("\rLOCATION:evil"), "{ics:?}");
    assert!(ics.contains("Ann: Call\\nLOCATION:evil"), "{ics:?}");
}

// Finding 10: `--db /dev/null` gave "disk I/O error" and created
// /dev/null-journal; `RAPPORT_DB=` was a usage error; a terminal of 0
// columns printed one character per line.
#[test]
fn odd_environments_get_clear_answers() {
    let w = World::new();
    for args in [
        vec!["--db", "/dev/null", "list"],
        vec!["--db", "/dev/null", "add", "X"],
    ] {
        let out = w.run(&args);
        assert_eq!(out.code, 1);
        assert!(out.stderr.contains("'/dev/null'"), "{}", out.stderr);
    }
    assert!(!Path::new("/dev/null-journal").exists());
    let out = w.cmd(&["list"]).env("RAPPORT_DB", "").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A read of an empty file changes nothing: no schema, mode kept.
    let empty = w.dir.path().join("empty.db");
    std::fs::write(&empty, "").unwrap();
    w.ok(&["--db", empty.to_str().unwrap(), "list"]);
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
    assert_eq!(dump(&empty), dump(&empty));
}

#[cfg(unix)]
#[test]
fn a_terminal_of_zero_columns_gets_eighty() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` to give a terminal");
        return;
    }
    let w = World::seeded();
    let bin = assert_cmd::cargo::cargo_bin("rapport");
    let out = std::process::Command::new("script")
        .args([
            "-qec",
            &format!("stty cols 0 rows 0; {} list", bin.display()),
            "/dev/null",
        ])
        .env("RAPPORT_DB", &w.db)
        .env("RAPPORT_NOW", &w.now)
        .env("NO_COLOR", "1")
        .env("HOME", w.dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let header = text.lines().next().unwrap_or_default();
    assert!(
        header.contains("NAME") && header.contains("EMAIL"),
        "{text}"
    );
}

/// Found by the million-case fuzz run: an export whose pipeline names one
/// stage twice reached the table's UNIQUE constraint, exit 70 ("internal
/// error") instead of a refusal naming the record.
#[test]
fn import_all_refuses_a_pipeline_that_names_a_stage_twice() {
    let w = World::seeded();
    let mut d = exported(&w);
    d["pipeline"][2]["name"] = d["pipeline"][1]["name"].clone();
    let file = write(&w, "twice.json", &export_text(&d));
    let target = World::new();
    let err = target.fails(&["import", "all", &file], "invalid record");
    assert!(
        err.contains("pipeline") && err.contains("already has a stage with this name"),
        "{err}"
    );
    let mut d = exported(&w);
    d["pipeline"][3]["uid"] = d["pipeline"][0]["uid"].clone();
    let file = write(&w, "uid.json", &export_text(&d));
    let err = target.fails(&["import", "all", &file], "invalid record");
    assert!(err.contains("already has a stage with this uid"), "{err}");
}
