//! Hostile and broken input through the binary: hand-made nasty files.
//! (Property tests of the parsers and the importer are unit tests, in
//! `src/fuzz.rs`.)

use crate::util::{dump, World};

#[test]
fn nasty_files_through_the_binary() {
    let w = World::seeded();
    let dir = w.dir.path();
    let before = dump(&w.db);
    let huge = dir.join("huge.csv");
    std::fs::write(
        &huge,
        format!(
            "name,email\n{},big@example.com\n",
            "x".repeat(10 * 1024 * 1024)
        ),
    )
    .unwrap();
    w.fails(
        &["import", "contacts", huge.to_str().unwrap()],
        "1 invalid row",
    );
    let wide = dir.join("wide.csv");
    let header: Vec<String> = std::iter::once("name".to_string())
        .chain((0..10_000).map(|i| format!("c{i}")))
        .collect();
    let row: Vec<String> = std::iter::once("Wide".to_string())
        .chain((0..10_000).map(|i| i.to_string()))
        .collect();
    std::fs::write(&wide, format!("{}\n{}\n", header.join(","), row.join(","))).unwrap();
    let out = w.run(&["import", "contacts", wide.to_str().unwrap(), "--dry-run"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.lines().all(|l| l.len() < 2000),
        "the ignored columns are summed up, not all listed"
    );
    let nul = dir.join("nul.csv");
    std::fs::write(&nul, b"name,email\nNul\0Name,nul@example.com\n").unwrap();
    let err = w.fails(
        &["import", "contacts", nul.to_str().unwrap()],
        "1 invalid row",
    );
    assert!(err.contains("line 2: "), "{err}");
    let quote = dir.join("quote.csv");
    std::fs::write(
        &quote,
        b"name,email\n\"Never closed,x@example.com\nNext,y@example.com\n",
    )
    .unwrap();
    w.fails(
        &["import", "contacts", quote.to_str().unwrap()],
        "invalid row",
    );
    w.fails(&["add", "Nul\u{1}Name"], "control");
    assert_eq!(before, dump(&w.db));
}
