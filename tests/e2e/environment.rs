//! Broken environments: each gives one `error:` line and exit 1, never a
//! panic, and leaves the file as it was.

use crate::util::{dump, is_root, process_as_nobody, World};
use rapport::clock::Clock;
use rapport::domain::contact::NewContact;
use rapport::store::{Access, Store};

#[test]
fn a_truncated_database_is_refused_and_left_alone() {
    let w = World::seeded();
    w.ok(&["check"]);
    let bytes = std::fs::read(&w.db).unwrap();
    let mut cut = World::new();
    cut.db = cut.dir.path().join("cut.db");
    std::fs::write(&cut.db, &bytes[..bytes.len() / 2]).unwrap();
    let before = std::fs::read(&cut.db).unwrap();
    for args in [&["list"][..], &["add", "X"], &["check"]] {
        let out = cut.run(args);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
        assert!(!out.stderr.contains("panicked"));
    }
    assert_eq!(before, std::fs::read(&cut.db).unwrap());
}

#[test]
fn a_folder_that_cannot_exist() {
    let mut w = World::new();
    let file = w.dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    w.db = file.join("sub/crm.db");
    w.fails(&["add", "X"], "cannot create the folder");
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
}

/// Runs rapport as an unprivileged user: (exit code, stderr).
fn run_unprivileged(db: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = process_as_nobody(db, crate::util::NOW, args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn read_only_files_and_folders() {
    use std::os::unix::fs::PermissionsExt;
    if is_root()
        && std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_err()
    {
        eprintln!("environment: root without setpriv: read-only cases skipped");
        return;
    }
    let w = World::seeded();
    let open = |p: &std::path::Path, mode| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    open(w.dir.path(), 0o755);
    // A database the user may read but not write.
    open(&w.db, 0o644);
    let before = std::fs::read(&w.db).unwrap();
    let (code, stderr) = run_unprivileged(&w.db, &["add", "X"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("error: ") && stderr.contains("read-only"),
        "{stderr}"
    );
    // Reading needs the WAL's shared-memory file beside it: with a folder
    // the user cannot write, that is a clear error too (never a panic).
    let (code, stderr) = run_unprivileged(&w.db, &["list"]);
    assert!(
        code == 0 || (code == 1 && stderr.starts_with("error: ")),
        "{stderr}"
    );
    assert_eq!(before, std::fs::read(&w.db).unwrap());
    // A folder the user may not write in.
    let dir = w.dir.path().join("ro");
    std::fs::create_dir(&dir).unwrap();
    open(&dir, 0o555);
    let (code, stderr) = run_unprivileged(&dir.join("crm.db"), &["add", "X"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("error: cannot create the database file"),
        "{stderr}"
    );
    assert!(!dir.join("crm.db").exists());
}

#[test]
fn a_full_disk_writes_nothing() {
    let w = World::seeded();
    let before = dump(&w.db);
    let clock = Clock::parse("2026-11-23T09:00:00Z").unwrap();
    let mut store = Store::open(&w.db, Access::Write, clock).unwrap();
    store.limit_pages_for_tests(1).unwrap();
    let err = store
        .write(|db| {
            for i in 0..5000 {
                db.insert_contact(
                    &NewContact {
                        name: format!("Filler {i} {}", "x".repeat(200)),
                        ..Default::default()
                    },
                    "added",
                    None,
                )?;
            }
            Ok(())
        })
        .unwrap_err();
    assert!(err.to_string().contains("disk is full"), "{err}");
    drop(store);
    assert_eq!(before, dump(&w.db));
    w.ok(&["check"]);
}
