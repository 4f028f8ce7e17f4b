//! Several processes on one file at once: a loop of `log`, a cron-style
//! `due`, and a loop of imports. Every operation succeeds or fails with a
//! clear "database is busy"; nothing is lost or duplicated.
//!
//! Default: 60 operations each. Longer:
//!   RAPPORT_CONCURRENT_OPS=500 cargo test --test e2e concurren -- --nocapture

use crate::util::World;
use std::path::Path;
use std::sync::Arc;
use std::thread;

fn ops() -> usize {
    std::env::var("RAPPORT_CONCURRENT_OPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60)
}

/// (succeeded, busy) for one operation; anything else fails the test.
fn run(db: &Path, args: &[String]) -> (bool, bool) {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = crate::util::process(db, crate::util::NOW, &args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.success() {
        return (true, false);
    }
    assert!(
        stderr.starts_with("error: database is busy"),
        "{args:?} failed otherwise: {stderr}"
    );
    (false, true)
}

#[test]
fn concurrent_writers_and_readers_lose_nothing() {
    let n = ops();
    let w = World::seeded();
    let db = Arc::new(w.db.clone());
    let dir = w.dir.path().to_path_buf();
    let logger = {
        let db = db.clone();
        thread::spawn(move || {
            let mut done = Vec::new();
            let mut busy = 0;
            for i in 0..n {
                let args: Vec<String> = ["log", "ada", &format!("call {i}"), "--kind", "call"]
                    .map(String::from)
                    .to_vec();
                let (ok, b) = run(&db, &args);
                if ok {
                    done.push(i);
                }
                busy += b as usize;
            }
            (done, busy)
        })
    };
    let cron = {
        let db = db.clone();
        thread::spawn(move || {
            let mut busy = 0;
            for _ in 0..n {
                busy += run(&db, &["due".into(), "--json".into()]).1 as usize;
            }
            busy
        })
    };
    let importer = {
        let db = db.clone();
        thread::spawn(move || {
            let mut imported = Vec::new();
            let mut busy = 0;
            for i in 0..n {
                let file = dir.join(format!("batch{i}.csv"));
                let rows: String = (0..5)
                    .map(|j| format!("Batch {i} person {j},b{i}p{j}@example.com\n"))
                    .collect();
                std::fs::write(&file, format!("name,email\n{rows}")).unwrap();
                let (ok, b) = run(
                    &db,
                    &[
                        "import".into(),
                        "contacts".into(),
                        file.to_string_lossy().into_owned(),
                    ],
                );
                if ok {
                    imported.push(i);
                }
                busy += b as usize;
            }
            (imported, busy)
        })
    };
    let (logged, log_busy) = logger.join().unwrap();
    let due_busy = cron.join().unwrap();
    let (imported, import_busy) = importer.join().unwrap();

    // Nothing lost, nothing duplicated.
    let ada = w.json(&["show", "ada"]);
    assert_eq!(ada["interaction_count"], logged.len());
    let out = w.ok(&["sql", "SELECT count(DISTINCT summary) AS n, count(*) AS m FROM interactions_v WHERE kind = 'call'", "--format", "csv"]);
    assert_eq!(out, format!("n,m\n{0},{0}\n", logged.len()));
    assert_eq!(
        w.json(&["list"]).as_array().unwrap().len(),
        3 + 5 * imported.len()
    );
    assert_eq!(
        w.json(&["import", "list"]).as_array().unwrap().len(),
        imported.len()
    );
    w.ok(&["check"]);
    eprintln!(
        "concurrency: {} log, {} due and {} import operations: {} + {} + {} succeeded, {} busy; nothing lost or duplicated",
        n,
        n,
        n,
        logged.len(),
        n - due_busy,
        imported.len(),
        log_busy + due_busy + import_busy
    );
}
