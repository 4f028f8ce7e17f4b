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
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let pages = rapport::generated::man_pages(&readme).unwrap();
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

/// One page per real command (no clap `help` pages), each with examples
/// from the README and the sections a man page reader looks for.
#[test]
fn man_pages_are_worth_opening() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let pages = rapport::generated::man_pages(&readme).unwrap();
    for (name, page) in &pages {
        let text = String::from_utf8_lossy(page);
        assert!(
            !name.contains("help"),
            "{name} is clap's help, not a command"
        );
        for section in [
            ".SH SYNOPSIS",
            ".SH EXAMPLES",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH FILES",
        ] {
            assert!(text.contains(section), "{name} has no {section}:\n{text}");
        }
        let synopsis = text.split(".SH SYNOPSIS").nth(1).unwrap();
        let synopsis = synopsis.split(".SH").next().unwrap();
        assert!(
            name == "rapport.1" || !synopsis.contains("db"),
            "{name}: the synopsis shows --db as if it were the command's own: {synopsis}"
        );
    }
    let top = String::from_utf8_lossy(&pages.iter().find(|(n, _)| n == "rapport.1").unwrap().1)
        .into_owned();
    for view in ["contacts_v", "interactions_v", "stages_v", "points_v"] {
        assert!(
            top.contains(view),
            "rapport.1 lists the views for sql: {view}"
        );
    }
    for (e, _) in [
        ("RAPPORT_DB", 0),
        ("RAPPORT_NOW", 0),
        ("NO_COLOR", 0),
        ("EDITOR", 0),
    ] {
        assert!(top.contains(e));
    }
}

#[test]
fn every_flag_and_argument_has_a_help_line() {
    let mut missing = Vec::new();
    for (path, cmd) in rapport::generated::commands() {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("rapport {} {id}", path.join(" ")));
            }
        }
    }
    assert!(missing.is_empty(), "no help line: {missing:#?}");
}
