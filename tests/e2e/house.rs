//! The shape of the house, checked: one write door, SQL only in the
//! store, printing only in output, commands that import no other command,
//! and the exit codes of the README's table.

use crate::util::World;
use std::path::Path;

/// Every `.rs` file under `src/`, with its text.
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                    .unwrap()
                    .display()
                    .to_string();
                out.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

/// Lines outside `#[cfg(test)]` modules (which close at the end of a file here).
fn code(text: &str) -> &str {
    text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text)
}

#[test]
fn every_write_goes_through_the_one_door() {
    let openers = [
        "transaction_with_behavior",
        "unchecked_transaction",
        ".transaction()",
        ".savepoint(",
        "\"BEGIN;",
        "\"BEGIN\"",
        "BEGIN IMMEDIATE",
        "BEGIN EXCLUSIVE",
        "BEGIN DEFERRED",
        "BEGIN TRANSACTION",
    ];
    let mut found = Vec::new();
    for (file, text) in sources() {
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            if openers.iter().any(|o| line.contains(o)) {
                found.push(format!("{file}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert_eq!(
        found.len(),
        1,
        "one transaction opener, in Store::transaction: {found:#?}"
    );
    assert!(found[0].starts_with("src/store/mod.rs"), "{found:?}");
}

#[test]
fn sql_lives_in_the_store_and_bytes_in_output() {
    for (file, text) in sources() {
        let text = code(&text);
        if !file.starts_with("src/store/") {
            for keyword in [
                "SELECT ",
                "INSERT INTO",
                "DELETE FROM",
                "CREATE TABLE",
                "UPDATE contacts",
            ] {
                assert!(!text.contains(keyword), "{file} speaks SQL ({keyword})");
            }
        }
        let printing = [
            "println!",
            "eprintln!",
            "print!(",
            "io::stdout()",
            "io::stderr()",
        ];
        let allowed =
            file.starts_with("src/output/") || file == "src/main.rs" || file == "src/lib.rs";
        if !allowed {
            for p in printing {
                assert!(
                    !text.contains(p),
                    "{file} prints ({p}): output/ owns every byte shown"
                );
            }
        }
    }
}

#[test]
fn commands_import_no_other_command() {
    for (file, text) in sources() {
        if !file.starts_with("src/commands/") || file.ends_with("mod.rs") {
            continue;
        }
        let depth = file.matches('/').count();
        for line in text.lines().filter(|l| l.starts_with("use ")) {
            assert!(
                !line.contains("commands::"),
                "{file} imports a command: {line}"
            );
            // From a top-level command file, super:: is commands/mod.rs;
            // naming a module under it is another command.
            if depth == 2 {
                let after = line.trim_start_matches("use super::");
                assert!(
                    !line.starts_with("use super::") || !after.contains("::"),
                    "{file} imports another command: {line}"
                );
            }
        }
    }
}

/// The README's exit-code table, one row each.
#[test]
fn exit_codes() {
    let w = World::seeded();
    assert_eq!(w.run(&["list"]).code, 0);
    let refused = w.run(&["show", "nobody"]);
    assert_eq!(refused.code, 1);
    assert!(refused
        .stderr
        .starts_with("error: no contact matches 'nobody'"));
    let usage = w.run(&["list", "--no-such-flag"]);
    assert_eq!(usage.code, 2);
    assert!(usage.stderr.contains("--no-such-flag"));
    let damaged = w.run(&["check"]);
    assert_eq!(damaged.code, 0, "{}", damaged.stderr);
    let bug = w
        .cmd(&["list"])
        .env("RAPPORT_TEST_PANIC", "1")
        .output()
        .unwrap();
    assert_eq!(bug.status.code(), Some(70));
    let stderr = String::from_utf8_lossy(&bug.stderr);
    assert!(
        stderr.starts_with("error: internal error: panicked"),
        "{stderr}"
    );
    assert!(stderr.contains("This is a bug in rapport"), "{stderr}");
}
