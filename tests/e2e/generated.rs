//! completions/ and man/ must be what the clap definition generates.
//! Regenerate with: RAPPORT_REGENERATE=1 cargo test --test e2e generated

use clap_complete::Shell;
use std::path::Path;

fn compare_or_write(path: &Path, expected: &[u8], stale: &mut Vec<String>) {
    if std::env::var_os("RAPPORT_REGENERATE").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, expected).unwrap();
        return;
    }
    match std::fs::read(path) {
        Ok(actual) if actual == expected => {}
        _ => stale.push(path.display().to_string()),
    }
}

#[test]
fn completions_and_man_pages_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for (shell, file) in [
        (Shell::Bash, "rapport.bash"),
        (Shell::Zsh, "_rapport"),
        (Shell::Fish, "rapport.fish"),
    ] {
        compare_or_write(
            &root.join("completions").join(file),
            &rapport::generated::completion(shell),
            &mut stale,
        );
    }
    let pages = rapport::generated::man_pages().unwrap();
    assert!(pages.iter().any(|(name, _)| name == "rapport-follow-up.1"));
    for (name, page) in &pages {
        compare_or_write(&root.join("man").join(name), page, &mut stale);
    }
    let mut committed: Vec<String> = std::fs::read_dir(root.join("man"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    committed.retain(|name| !pages.iter().any(|(p, _)| p == name));
    if std::env::var_os("RAPPORT_REGENERATE").is_some() {
        for name in &committed {
            std::fs::remove_file(root.join("man").join(name)).unwrap();
        }
    } else {
        stale.extend(
            committed
                .iter()
                .map(|n| format!("man/{n} (no longer generated)")),
        );
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}\nregenerate with: RAPPORT_REGENERATE=1 cargo test --test e2e generated"
    );
}

#[test]
fn completions_command_prints_a_script() {
    let w = crate::util::World::new();
    let bash = w.ok(&["completions", "bash"]);
    assert!(bash.contains("complete -F _rapport"));
    assert!(w
        .ok(&["completions", "fish"])
        .contains("complete -c rapport"));
}
