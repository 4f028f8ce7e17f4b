//! The file itself: creation, permissions, versions, damage, backups.

use crate::util::{dump, World};
use std::io::Read;
use std::process::Stdio;

#[test]
fn a_read_on_a_missing_database_creates_nothing() {
    let w = World::new();
    for args in [&["list"][..], &["stages"], &["due"], &["search", "x"], &[]] {
        w.ok(args);
    }
    assert!(!w.dir.path().join("crm.db").exists());
}

#[test]
fn a_failed_first_write_leaves_no_file_behind() {
    let w = World::new();
    w.fails(&["add", "Kay", "--referred-by", "nobody"], "'nobody'");
    assert!(!w.db.exists());
}

#[cfg(unix)]
#[test]
fn the_database_and_its_folder_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let mut w = World::new();
    w.db = w.dir.path().join("deep/er/crm.db");
    w.ok(&["add", "Ada"]);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&w.db), 0o600);
    assert_eq!(mode(w.db.parent().unwrap()), 0o700);
    w.ok(&["backup", w.dir.path().join("copy.db").to_str().unwrap()]);
    assert_eq!(mode(&w.dir.path().join("copy.db")), 0o600);
}

#[test]
fn the_default_path_is_the_platform_data_folder() {
    let w = World::new();
    let out = w
        .cmd(&["add", "Ada"])
        .env_remove("RAPPORT_DB")
        .env("XDG_DATA_HOME", w.dir.path().join("xdg"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(w.dir.path().join("xdg/rapport/rapport.db").exists());
}

#[test]
fn wal_and_pragmas() {
    let w = World::seeded();
    let conn = rusqlite::Connection::open(&w.db).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, rapport::store::schema::LATEST);
}

#[test]
fn a_newer_schema_is_refused_and_untouched() {
    let w = World::seeded();
    {
        let conn = rusqlite::Connection::open(&w.db).unwrap();
        conn.pragma_update(None, "user_version", 9999).unwrap();
    }
    let before = std::fs::read(&w.db).unwrap();
    w.fails(&["add", "X"], "newer than this rapport knows");
    w.fails(&["list"], "schema version 9999");
    assert_eq!(before, std::fs::read(&w.db).unwrap());
}

#[test]
fn damaged_or_foreign_files_are_refused_untouched() {
    let w = World::new();
    std::fs::write(&w.db, b"this is not a database at all, just some bytes....................................................................................").unwrap();
    let before = std::fs::read(&w.db).unwrap();
    w.fails(&["add", "X"], "not a rapport database");
    assert_eq!(before, std::fs::read(&w.db).unwrap());

    let other = World::new();
    {
        let conn = rusqlite::Connection::open(&other.db).unwrap();
        conn.execute_batch("CREATE TABLE songs (title TEXT)")
            .unwrap();
    }
    other.fails(&["add", "X"], "not a rapport one");

    let mut dir = World::new();
    dir.db = dir.dir.path().to_path_buf();
    dir.fails(&["list"], "is a directory");
}

#[test]
fn an_empty_file_is_migrated_from_version_0() {
    let w = World::new();
    std::fs::write(&w.db, b"").unwrap();
    w.ok(&["add", "Ada"]);
    w.ok(&["check"]);
}

#[test]
fn backup_is_a_usable_copy_and_never_overwrites() {
    let w = World::seeded();
    let copy = w.dir.path().join("b.db");
    let out = w.ok(&["backup", copy.to_str().unwrap()]);
    assert!(out.starts_with("Backed up 3 contacts"), "{out}");
    let mut from_copy = World::new();
    from_copy.db = copy.clone();
    assert_eq!(from_copy.json(&["show", "ada"])["email"], "ada@example.com");
    w.fails(&["backup", copy.to_str().unwrap()], "already exists");
    World::new().fails(&["backup", "/tmp/never.db"], "no database");
}

#[test]
fn check_reports_problems_and_exits_1() {
    let w = World::seeded();
    let out = w.ok(&["check"]);
    let version = rapport::store::schema::LATEST;
    assert!(
        out.contains(&format!("schema version {version}, 3 contacts")),
        "{out}"
    );
    {
        let conn = rusqlite::Connection::open(&w.db).unwrap();
        conn.execute(
            "UPDATE contacts SET last_contact_at = '2000-01-01T00:00:00Z' WHERE id = 1",
            [],
        )
        .unwrap();
    }
    let out = w.run(&["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains("stale last_contact_at"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_broken_pipe_ends_quietly() {
    let w = World::seeded();
    for i in 0..300 {
        w.ok(&[
            "log",
            "ada",
            &format!("call number {i} with a reasonably long summary"),
            "--kind",
            "call",
        ]);
    }
    let mut child = w
        .process(&["search", "call", "--limit", "1000", "--format", "csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn writes_wait_for_a_busy_database_then_fail_cleanly() {
    let w = World::seeded();
    let before = dump(&w.db);
    let holder = rusqlite::Connection::open(&w.db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let out = w.run(&["add", "Blocked"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.starts_with("error: database is busy"),
        "{}",
        out.stderr
    );
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(4),
        "waited for the busy timeout"
    );
    // Readers are not blocked by a writer.
    w.ok(&["list"]);
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(before, dump(&w.db));
}

/// Every earlier schema version, kept as a database written by that
/// version of rapport: a read sees it as it will be and leaves the file as
/// it was; the first write migrates it, keeps its data and checks out.
#[test]
fn databases_from_every_earlier_version_migrate() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for version in 1..rapport::store::schema::LATEST {
        let w = World::new();
        std::fs::copy(fixtures.join(format!("v{version}.db")), &w.db).unwrap();
        let bytes = std::fs::read(&w.db).unwrap();
        let read = w.run(&["show", "ada", "--json"]);
        assert_eq!(read.code, 0, "v{version}: {}", read.stderr);
        assert_eq!(read.stderr, "", "a read migrates nothing");
        assert_eq!(
            std::fs::read(&w.db).unwrap(),
            bytes,
            "v{version}: a read wrote"
        );
        let out = w.run(&["init"]);
        assert_eq!(out.code, 0, "v{version}: {}", out.stderr);
        let backup = w.dir.path().join(format!("crm.db.v{version}-20261123.bak"));
        assert!(
            out.stderr.contains(&backup.display().to_string()),
            "v{version}: {}",
            out.stderr
        );
        assert!(backup.exists());
        let ada: serde_json::Value = serde_json::from_str(&read.stdout).unwrap();
        assert_eq!(
            ada,
            w.json(&["show", "ada"]),
            "v{version}: read as migrated"
        );
        assert_eq!(ada["email"], "ada@example.com");
        assert_eq!(ada["stage"], "conversion");
        assert_eq!(ada["interaction_count"], 2);
        assert_eq!(
            w.json(&["show", "grace"])["referred_by_name"],
            "Ada Lovelace"
        );
        let due = w.json(&["due", "--within", "1y"]);
        assert!(
            due.as_array()
                .unwrap()
                .iter()
                .any(|i| i["what"] == "Check in"),
            "{due}"
        );
        let out = w.ok(&["check"]);
        assert!(
            out.contains(&format!(
                "schema version {}",
                rapport::store::schema::LATEST
            )),
            "{out}"
        );
        if version >= 5 {
            // v5 books know losses and points; v6 keeps lifetime value and
            // score bounds in columns it fills from what is already there.
            assert_eq!(ada["lifetime_value"], 49.9, "v{version}");
            assert_eq!(ada["points"], 20, "v{version}");
            assert_eq!(w.json(&["show", "kay"])["lost_reason"], "went quiet");
            let top = w.json(&["list", "--sort", "score", "--limit", "1"]);
            let all = w.json(&["list", "--sort", "score"]);
            assert_eq!(
                top.as_array().unwrap()[..],
                all.as_array().unwrap()[..1],
                "v{version}: the top by bound is the top by score"
            );
        }
        // The backup is the old file, still at its version.
        let conn = rusqlite::Connection::open(&backup).unwrap();
        let old: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(old, version);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
}

/// Regression: a migration killed after writing its backup left that file
/// behind, and every later open refused to migrate because the name was taken.
#[test]
fn a_migration_retried_after_a_crash_is_not_stopped_by_its_old_backup() {
    let w = World::new();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.db");
    std::fs::copy(&fixture, &w.db).unwrap();
    let stale = w.dir.path().join("crm.db.v1-20261123.bak");
    std::fs::write(&stale, b"left by a killed run").unwrap();
    let out = w.run(&["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("crm.db.v1-20261123.2.bak"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read(&stale).unwrap(),
        b"left by a killed run",
        "the old file is left alone"
    );
    assert!(!w
        .dir
        .path()
        .join(".crm.db.v1-20261123.2.bak.partial")
        .exists());
}
