//! Nothing lost, ever: the paths around the crash-safe core. Each test
//! reproduces a finding that lost or changed data before it was fixed.

use crate::util::{dump, process, World, NOW};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

fn sha(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

fn contacts(db: &Path) -> Vec<String> {
    let out = process(
        db,
        NOW,
        &[
            "sql",
            "select name from contacts_v order by name",
            "--format",
            "csv",
        ],
    )
    .output()
    .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .map(String::from)
        .collect()
}

/// Finding 1: two first writes racing on a new path both succeed and both
/// are kept (they failed with "table settings already exists", or one was
/// deleted by the other's cleanup).
#[test]
fn two_first_writes_racing_on_a_new_book_are_both_kept() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..50 {
        let db = dir.path().join(format!("race{round}.db"));
        let a = process(&db, NOW, &["add", "Ada Lovelace"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let b = process(&db, NOW, &["add", "Grace Hopper"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        assert!(
            a.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&a.stderr)
        );
        assert!(
            b.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&b.stderr)
        );
        assert_eq!(
            contacts(&db),
            ["Ada Lovelace", "Grace Hopper"],
            "round {round}"
        );
    }
    assert!(
        std::fs::read_dir(dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".new")),
        "no half-made book is left behind"
    );
}

/// Finding 1: a failing first command never deletes the book another
/// process created and wrote meanwhile (the add was confirmed, then lost).
#[test]
fn a_failing_first_command_never_deletes_what_another_wrote() {
    let w = World::new();
    let csv = w.dir.path().join("bad.csv");
    let mut text = String::from("name,email\n");
    for i in 0..3_000 {
        text.push_str(&format!("Person {i},p{i}@example.com\n"));
    }
    text.push_str("Bad,not-an-email\n");
    std::fs::write(&csv, text).unwrap();
    for round in 0..6 {
        let db = w.dir.path().join(format!("r{round}.db"));
        let import = process(&db, NOW, &["import", "contacts", csv.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let failing = process(&db, NOW, &["show", "nobody"]).output().unwrap();
        assert_eq!(failing.status.code(), Some(1));
        let add = process(
            &db,
            NOW,
            &["add", "Ada Lovelace", "--email", "ada@example.com"],
        )
        .output()
        .unwrap();
        let import = import.wait_with_output().unwrap();
        assert_eq!(import.status.code(), Some(1), "the import has a bad row");
        // The add waits for the import's lock, which ends in a rollback.
        assert!(
            add.status.success(),
            "{}",
            String::from_utf8_lossy(&add.stderr)
        );
        assert_eq!(
            contacts(&db),
            ["Ada Lovelace"],
            "round {round}: a confirmed add was lost"
        );
    }
}

/// Finding 2: every output flag pointed at the database, its WAL, another
/// name of it, or the input file is refused and leaves every file as it was.
#[test]
fn output_paths_never_point_at_the_book_or_the_input() {
    let w = World::seeded();
    w.ok(&[
        "template",
        "add",
        "hi",
        "--subject",
        "Hi",
        "--body",
        "Hi {first_name}",
    ]);
    let db = w.db.to_str().unwrap().to_string();
    let wal = format!("{db}-wal");
    let link = w.dir.path().join("another-name.db");
    std::fs::hard_link(&w.db, &link).unwrap();
    let link = link.to_str().unwrap().to_string();
    let input = w.dir.path().join("in.csv");
    std::fs::write(&input, "name,email\nKay,kay@example.com\nBad,nope\n").unwrap();
    let input = input.to_str().unwrap().to_string();
    let before = (dump(&w.db), sha(Path::new(&input)));
    for target in [&db, &wal, &link] {
        w.fails(
            &["export", "contacts", "--output", target],
            "rapport will not write over it",
        );
        w.fails(
            &["export", "all", "--output", target],
            "rapport will not write over it",
        );
        w.fails(
            &["calendar", "--output", target],
            "rapport will not write over it",
        );
        w.fails(
            &["draft", "ada", "hi", "--eml", target],
            "rapport will not write over it",
        );
        w.fails(&["backup", target], "rapport will not write over it");
        w.fails(
            &[
                "import",
                "contacts",
                &input,
                "--skip-invalid",
                "--rejects",
                target,
            ],
            "rapport will not write over it",
        );
    }
    w.fails(
        &[
            "import",
            "contacts",
            &input,
            "--skip-invalid",
            "--rejects",
            &input,
        ],
        "the file being read",
    );
    assert_eq!(before, (dump(&w.db), sha(Path::new(&input))));
}

/// Finding 3: undo refuses, and names them, when points or a referral came
/// after the import (it threw them away); it undoes in reverse order, and a
/// file that repeats one person can be undone.
#[test]
fn undo_names_what_came_after_and_undoes_what_it_should() {
    let w = World::seeded_empty();
    w.ok(&["add", "Carl Contact", "--email", "carl@example.com"]);
    let file = w.dir.path().join("ann.csv");
    std::fs::write(&file, "name,email\nAnn Import,ann@example.com\n").unwrap();
    w.ok(&["import", "contacts", file.to_str().unwrap()]);
    w.ok(&["points", "ann", "+50", "referred Carl"]);
    w.ok(&["edit", "carl", "--referred-by", "ann"]);
    let err = w.fails(&["import", "undo", "1"], "changed since it");
    assert!(err.contains("1 loyalty points entries"), "{err}");
    assert!(err.contains("#1 Carl Contact's referral"), "{err}");

    // Two batches, undone newest first, then the older one.
    let w = World::seeded_empty();
    let one = w.dir.path().join("one.csv");
    std::fs::write(&one, "name,email\nMara Jones,mara@example.com\n").unwrap();
    let two = w.dir.path().join("two.csv");
    std::fs::write(
        &two,
        "name,email,company\nMara Jones,mara@example.com,Acme\n",
    )
    .unwrap();
    w.ok(&["import", "contacts", one.to_str().unwrap()]);
    w.ok(&["import", "contacts", two.to_str().unwrap()]);
    w.ok(&["import", "undo", "2"]);
    w.ok(&["import", "undo", "1"]);
    assert!(w.json(&["list"]).as_array().unwrap().is_empty());

    // One file that names one person twice.
    let w = World::seeded_empty();
    let twice = w.dir.path().join("twice.csv");
    std::fs::write(&twice, "name,email,phone\nMara J,mara@example.com,\nMara Jones,MARA@example.com,+44 20 7946 0001\n").unwrap();
    let s = w.json(&["import", "contacts", twice.to_str().unwrap()]);
    assert_eq!(
        (s["added"].as_i64(), s["updated"].as_i64()),
        (Some(1), Some(1))
    );
    w.ok(&["import", "undo", "1"]);
    assert!(w.json(&["list"]).as_array().unwrap().is_empty());
    w.ok(&["check"]);
}

/// Finding 4: a backup finishes while another process writes every 0.1 s
/// (it restarted on every write and never finished); the copy is 0600 and
/// opens.
#[test]
fn backup_finishes_under_a_busy_writer() {
    let w = World::seeded();
    for i in 0..300 {
        w.ok(&["log", "ada", &format!("note {i} {}", "x".repeat(200))]);
    }
    let db = w.db.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = process(&db, NOW, &["log", "grace", "still writing"]).output();
                n += 1;
                std::thread::sleep(Duration::from_millis(100));
            }
            n
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    let copy = w.dir.path().join("copy.db");
    let start = Instant::now();
    let out = w.run(&["backup", copy.to_str().unwrap()]);
    let took = start.elapsed();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let writes = writer.join().unwrap();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(writes > 0);
    eprintln!("backup under a writer: {took:?}, {writes} writes meanwhile");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let mut from_copy = World::new();
    from_copy.db = copy;
    from_copy.ok(&["check"]);
    assert_eq!(from_copy.json(&["show", "ada"])["email"], "ada@example.com");
}

/// Finding 5: a rule naming a stage that is gone never breaks `due`: it is
/// reported, the rest is listed, and `check` names it.
#[test]
fn a_broken_rule_is_reported_and_due_lists_the_rest() {
    let w = World::seeded();
    w.ok(&["follow-up", "ada", "today", "Call back"]);
    let conn = rusqlite::Connection::open(&w.db).unwrap();
    conn.execute(
        "UPDATE rules SET stages = 'conversion,gone' WHERE kind = 'dormant'",
        [],
    )
    .unwrap();
    drop(conn);
    let out = w.run(&["due"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Call back"), "{}", out.stdout);
    assert!(
        out.stderr
            .starts_with("warning: rule 2 (dormant) was skipped: unknown stage 'gone'"),
        "{}",
        out.stderr
    );
    let check = w.run(&["check"]);
    assert_eq!(check.code, 1);
    assert!(
        check
            .stdout
            .contains("rule 2 (dormant) names 'gone' not in the pipeline"),
        "{}",
        check.stdout
    );
    // On a new book, the README's own reordering is refused until the rules follow.
    let fresh = World::seeded_empty();
    fresh.fails(&["stages", "set", "reach,lead,won"], "add --update-rules");
    fresh.ok(&["stages", "set", "reach,lead,won", "--update-rules"]);
    fresh.ok(&["due"]);
    fresh.ok(&["check"]);
}

/// Finding 6: a book from a newer rapport with an un-checkpointed WAL, and
/// another program's SQLite file, are refused with their bytes as they were
/// (the WAL was folded in; the foreign file got a backup and WAL mode); a
/// read of an empty file writes nothing into it.
#[test]
fn refusals_and_reads_touch_nothing() {
    let w = World::seeded();
    // A newer rapport: a copy taken while a connection holds WAL content.
    let newer = w.dir.path().join("newer.db");
    {
        let conn = rusqlite::Connection::open(&w.db).unwrap();
        conn.execute_batch("PRAGMA wal_autocheckpoint = 0; PRAGMA user_version = 99; INSERT INTO settings VALUES ('x', 'y');")
            .unwrap();
        std::fs::copy(&w.db, &newer).unwrap();
        std::fs::copy(
            format!("{}-wal", w.db.display()),
            format!("{}-wal", newer.display()),
        )
        .unwrap();
    }
    let (file, wal) = (
        sha(&newer),
        sha(Path::new(&format!("{}-wal", newer.display()))),
    );
    assert!(!wal.is_empty(), "the WAL holds the newer version");
    let mut at = World::new();
    at.db = newer.clone();
    at.fails(&["list"], "newer than this rapport knows");
    at.fails(&["add", "X"], "newer than this rapport knows");
    assert_eq!(sha(&newer), file);
    assert_eq!(sha(Path::new(&format!("{}-wal", newer.display()))), wal);

    // Another program's file, with a version of its own.
    let foreign = w.dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); PRAGMA user_version = 3;")
            .unwrap();
    }
    let bytes = sha(&foreign);
    at.db = foreign.clone();
    at.fails(&["list"], "not a rapport one");
    at.fails(&["add", "X"], "not a rapport one");
    assert_eq!(sha(&foreign), bytes);
    let names: Vec<String> = std::fs::read_dir(w.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with("other.db.")),
        "no backup of another program's file: {names:?}"
    );

    // An empty file: a read leaves it empty, with its mode.
    let empty = w.dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    at.db = empty.clone();
    at.ok(&["list"]);
    at.ok(&["sql", "select 1"]);
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
    // A device is not a book.
    at.db = "/dev/null".into();
    at.fails(&["add", "X"], "'/dev/null' is not a regular file");
    assert!(!Path::new("/dev/null-journal").exists());
}

/// Finding 7: check only reads: it passes while another process holds the
/// write lock (it said "2 problems"), and on a read-only file.
#[test]
fn check_reads_only() {
    let w = World::seeded();
    let conn = rusqlite::Connection::open(&w.db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE; INSERT INTO settings VALUES ('lock', 'held');")
        .unwrap();
    let out = w.run(&["check"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("ok: integrity"), "{}", out.stdout);
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&w.db, std::fs::Permissions::from_mode(0o444)).unwrap();
        let out = crate::util::process_as_nobody(&w.db, NOW, &["check"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        // As nobody, the folder must let it make the -shm file; a temp dir
        // is root's, so allow reading only when it can.
        if out.status.success() {
            assert!(text.contains("ok: integrity"), "{text}");
        } else {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                !err.contains("problem"),
                "a read-only file is not a damaged one: {err}"
            );
        }
        std::fs::set_permissions(&w.db, std::fs::Permissions::from_mode(0o644)).unwrap();
        let mut ro = World::new();
        ro.db = w.db.clone();
        std::fs::set_permissions(&w.db, std::fs::Permissions::from_mode(0o444)).unwrap();
        // As root the mode is not enforced; the check still must not write.
        let before = sha(&w.db);
        ro.ok(&["check"]);
        assert_eq!(sha(&w.db), before, "check wrote to the book");
    }
}
