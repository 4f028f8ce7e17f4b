//! Output every script can parse (issue "Speak the formats"): each command
//! that prints records honours --format or refuses it, `sql` runs one
//! statement, lists filter and carry custom fields, names are as documented.

use crate::util::World;

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn score_speaks_csv_with_and_without_its_factors() {
    let w = World::seeded();
    let rows = csv_rows(&w.ok(&["score", "ada", "--format", "csv"]));
    assert_eq!(rows[0], ["contact_id", "contact", "kind", "score"]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][..3], ["1", "Ada Lovelace", "lead"]);
    let json = w.json(&["score", "ada"]);
    let score: f64 = rows[1][3].parse().unwrap();
    assert_eq!(score, json["score"].as_f64().unwrap());
    let explained = csv_rows(&w.ok(&["score", "ada", "--explain", "--format", "csv"]));
    assert_eq!(
        explained[0],
        [
            "contact_id",
            "contact",
            "kind",
            "score",
            "factor",
            "detail",
            "points"
        ]
    );
    let factors = json["factors"].as_array().unwrap();
    assert_eq!(explained.len(), factors.len() + 1);
    for (row, factor) in explained[1..].iter().zip(factors) {
        assert_eq!(row[4], factor["factor"].as_str().unwrap());
        let points: f64 = row[6].parse().unwrap();
        assert_eq!(points, factor["points"].as_f64().unwrap());
    }
}

#[test]
fn the_dashboard_refuses_csv_and_names_its_book() {
    let w = World::seeded();
    w.fails(&["--format", "csv"], "--format json");
    let out = w.ok(&[]);
    assert!(
        out.trim_end()
            .ends_with(&format!("Book: {}", w.db.display())),
        "{out}"
    );
    assert_eq!(w.json(&[])["database"], w.db.display().to_string());
    // A cron job reading the wrong (empty) book says which one it read.
    let other = w.dir.path().join("other.db");
    let out = w.cmd(&["--db", other.to_str().unwrap()]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&other.display().to_string()), "{text}");
    assert!(!other.exists(), "a read creates no book");
}

#[test]
fn sql_runs_exactly_one_statement() {
    let w = World::seeded();
    for query in [
        "select 1; delete from contacts",
        "select 1; select 2",
        "select name from contacts_v; drop view contacts_v;",
    ] {
        w.fails(&["sql", query], "more than one statement");
    }
    // A trailing semicolon is still one statement.
    assert_eq!(
        w.ok(&[
            "sql",
            "select count(*) as n from contacts_v;",
            "--format",
            "csv"
        ]),
        "n\n3\n"
    );
}

#[test]
fn views_number_stages_as_stages_prints_them() {
    let w = World::seeded();
    let out = w.ok(&[
        "sql",
        "select name, position from stages_v order by position",
        "--format",
        "csv",
    ]);
    assert_eq!(
        out,
        "name,position\nreach,1\nacquisition,2\nconversion,3\nretention,4\n"
    );
    let stages = w.json(&["stages"]);
    assert_eq!(stages[0]["position"], 1, "{stages}");
}

#[test]
fn list_filters_by_custom_field_and_carries_fields_in_csv() {
    let w = World::seeded();
    w.ok(&[
        "edit",
        "grace",
        "--field",
        "interest=Branding",
        "--field",
        "size=small",
    ]);
    w.ok(&["edit", "alan", "--field", "interest=branding"]);
    let names = |args: &[&str]| -> Vec<String> {
        w.json(args)
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names(&["list", "--field", "interest=branding"]),
        ["Alan Turing", "Grace Hopper"],
        "values compare ignoring case"
    );
    assert_eq!(
        names(&[
            "list",
            "--field",
            "interest=branding",
            "--field",
            "SIZE=small"
        ]),
        ["Grace Hopper"],
        "several fields must all hold; keys are lower case"
    );
    assert!(
        names(&["list", "--field", "interest=brand"]).is_empty(),
        "whole values only"
    );
    w.fails(&["list", "--field", "interest"], "interest");
    w.fails(&["list", "--field", "bad key=x"], "bad key");

    let rows = csv_rows(&w.ok(&["list", "--format", "csv"]));
    let header = &rows[0];
    assert_eq!(
        header[header.len() - 2..],
        ["field:interest", "field:size"],
        "the columns export contacts writes"
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let grace = rows.iter().find(|r| r[1] == "Grace Hopper").unwrap();
    assert_eq!(grace[col("field:interest")], "Branding");
    assert_eq!(grace[col("field:size")], "small");
    let ada = rows.iter().find(|r| r[1] == "Ada Lovelace").unwrap();
    assert_eq!(ada[col("field:size")], "");
    // The same columns as export contacts, so a list re-imports.
    let export = csv_rows(&w.ok(&["export", "contacts"]));
    assert_eq!(&export[0], header);
}

#[test]
fn the_rejects_file_is_named_after_the_input_file() {
    let w = World::seeded();
    let input = w.dir.path().join("people.csv");
    std::fs::write(
        &input,
        "name,email\nZoe,zoe@example.com\nBad,not-an-email\n",
    )
    .unwrap();
    let out = w.run(&[
        "import",
        "contacts",
        input.to_str().unwrap(),
        "--skip-invalid",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rejects = w.dir.path().join("people.csv.rejected.csv");
    assert!(rejects.exists(), "{}", out.stderr);
    assert!(!w.dir.path().join("people.rejected.csv").exists());
    assert!(std::fs::read_to_string(&rejects)
        .unwrap()
        .contains("not-an-email"));
}

#[test]
fn show_does_not_repeat_the_contact_in_their_own_tables() {
    let w = World::seeded();
    w.ok(&["log", "ada", "Intro call", "--kind", "call"]);
    w.ok(&["log", "ada", "Cannot log in", "--kind", "ticket"]);
    w.ok(&["follow-up", "ada", "tomorrow", "Send the deck"]);
    w.ok(&["points", "ada", "+5", "welcome"]);
    let out = w.ok(&["show", "ada"]);
    assert!(out.contains("Intro call"), "{out}");
    assert!(out.contains("Send the deck"), "{out}");
    for line in out.lines().filter(|l| l.trim_start().starts_with("ID")) {
        assert!(!line.contains("CONTACT"), "{line}\n{out}");
    }
    // Lists of many contacts keep the column.
    assert!(w.ok(&["due", "--within", "1w"]).contains("CONTACT"));
}

/// A crontab line's command as cron runs it: an unescaped `%` ends the
/// command (what follows is its stdin), `\%` is a `%`.
fn cron_command(line: &str) -> (String, String) {
    let command = line
        .split_whitespace()
        .skip(5)
        .collect::<Vec<_>>()
        .join(" ");
    let (mut cmd, mut stdin, mut in_stdin) = (String::new(), String::new(), false);
    let mut chars = command.chars().peekable();
    while let Some(c) = chars.next() {
        let out = if in_stdin { &mut stdin } else { &mut cmd };
        match c {
            '\\' if chars.peek() == Some(&'%') => out.push(chars.next().unwrap()),
            '%' if !in_stdin => in_stdin = true,
            '%' => out.push('\n'),
            c => out.push(c),
        }
    }
    (cmd, stdin)
}

/// The README's crontab lines work as written: cron's PATH, no profile, its
/// `%` rule. `mail` is the one program swapped (for a script that keeps
/// what it was given).
#[test]
fn the_readme_crontab_lines_work_under_cron() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut lines = Vec::new();
    let mut in_block = false;
    for line in readme.lines() {
        match line.trim() {
            "```cron" => in_block = true,
            "```" => in_block = false,
            l if in_block && !l.is_empty() && !l.starts_with('#') && !l.contains("=you@") => {
                lines.push(l.to_string())
            }
            _ => {}
        }
    }
    assert!(lines.len() >= 3, "{lines:?}");
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    for dir in [".cargo/bin", ".local/share/rapport", "bin", "Sync"] {
        std::fs::create_dir_all(h.join(dir)).unwrap();
    }
    std::os::unix::fs::symlink(
        assert_cmd::cargo::cargo_bin("rapport"),
        h.join(".cargo/bin/rapport"),
    )
    .unwrap();
    let mail = h.join("bin/mail");
    std::fs::write(
        &mail,
        "#!/bin/sh\necho \"$@\" > \"$HOME/mailed\"\ncat >> \"$HOME/mailed\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&mail, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    // Overdue whatever today is when the test runs (cron has no RAPPORT_NOW).
    let mut w = World::new();
    w.db = h.join(".local/share/rapport/rapport.db");
    w.at("2020-01-01T09:00:00Z");
    w.ok(&["add", "Ada Lovelace", "--birthday", "1815-12-10"]);
    w.ok(&["follow-up", "ada", "2020-01-02", "Send the quote"]);
    for line in &lines {
        let (cmd, stdin) = cron_command(line);
        let cmd = cmd.replace("| mail ", "| $HOME/bin/mail ");
        let mut child = std::process::Command::new("/usr/bin/env")
            .args([
                "-i",
                "PATH=/usr/bin:/bin",
                &format!("HOME={}", h.display()),
                "sh",
                "-c",
                &cmd,
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{line}\n{cmd}\n{stderr}");
        assert_eq!(stderr, "", "{line}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        if cmd.contains(" due --within") {
            assert!(stdout.contains("Send the quote"), "{line}: {stdout}");
        }
    }
    let mailed = std::fs::read_to_string(h.join("mailed")).unwrap();
    assert!(
        mailed.starts_with("-s rapport: due today you@example.com\n"),
        "{mailed}"
    );
    assert!(mailed.contains("Send the quote"), "{mailed}");
    let ics = std::fs::read_to_string(h.join("Sync/rapport.ics")).unwrap();
    assert!(
        ics.contains("SUMMARY:Ada Lovelace: Send the quote"),
        "{ics}"
    );
}
