//! Completion scripts and man pages, generated from the clap definition.
//! `tests/e2e/generated.rs` fails when the committed copies are stale and
//! regenerates them with RAPPORT_REGENERATE=1.

use crate::commands::Cli;
use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::roff::{bold, roman, Roff};
use clap_mangen::Man;
use std::io;

pub fn completion(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "rapport", &mut out);
    out
}

/// The command line as the man pages show it: without clap's `help`
/// subcommand, which is not a command of its own.
fn command() -> clap::Command {
    fn no_help(cmd: clap::Command) -> clap::Command {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        let mut cmd = cmd.disable_help_subcommand(true);
        for name in names {
            cmd = cmd.mut_subcommand(name, no_help);
        }
        cmd
    }
    let mut cmd = no_help(Cli::command());
    cmd.build();
    cmd
}

/// Every real command, with its path of names: `["rules", "add"]`.
pub fn commands() -> Vec<(Vec<String>, clap::Command)> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<(Vec<String>, clap::Command)>) {
        out.push((path.clone(), cmd.clone()));
        for sub in cmd.get_subcommands() {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&command(), Vec::new(), &mut out);
    out
}

/// The README's example commands, each with the command it shows: the
/// longest command path it starts with, after `rapport` and its global
/// flags. `readme` is the README's text; examples are its code spans that
/// run rapport.
pub fn examples(readme: &str) -> Vec<(Vec<String>, String)> {
    let paths: Vec<Vec<String>> = commands().into_iter().map(|(p, _)| p).collect();
    let mut found: Vec<(Vec<String>, String)> = Vec::new();
    for line in readme.lines().filter(|l| l.starts_with('|')) {
        for (i, span) in line.split('`').enumerate() {
            if i % 2 == 0 {
                continue;
            }
            let span = span.replace("\\|", "|");
            let Some(at) = span.find("rapport ") else {
                continue;
            };
            let mut words = span[at + "rapport ".len()..].split_whitespace().peekable();
            // Global flags before the command (`--db new.db`).
            while let Some(w) = words.peek() {
                if *w == "--db" {
                    words.next();
                    words.next();
                } else if w.starts_with("--") {
                    words.next();
                } else {
                    break;
                }
            }
            let words: Vec<&str> = words.collect();
            let path = paths
                .iter()
                .filter(|p| p.len() <= words.len() && p.iter().zip(&words).all(|(a, b)| a == b))
                .max_by_key(|p| p.len())
                .cloned()
                .unwrap_or_default();
            if !path.is_empty() && !found.iter().any(|(_, e)| *e == span) {
                found.push((path, span.to_string()));
            }
        }
    }
    found
}

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success. `due` with nothing due prints nothing and exits 0."),
    ("1", "The command was refused or failed: a bad value, an unknown or ambiguous contact, a conflict, invalid rows, a busy, read-only or damaged database; `check` found a problem."),
    ("2", "A usage error: an unknown flag, a missing argument (clap's own)."),
    ("70", "An internal error: a bug in rapport. Please report it with the command you ran."),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "RAPPORT_DB",
        "The database file, when --db is not given. Empty means not set.",
    ),
    (
        "RAPPORT_NOW",
        "Fixes the clock (RFC 3339 or YYYY-MM-DD), for tests and reproducible reports.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour even on a terminal.",
    ),
    (
        "EDITOR",
        "The editor `template add` and `template edit` open on a terminal.",
    ),
    ("TZ", "The time zone dates are read and shown in."),
];

const FILES: &[(&str, &str)] = &[
    ("~/.local/share/rapport/rapport.db", "The database when neither --db nor RAPPORT_DB says otherwise ($XDG_DATA_HOME/rapport/rapport.db; the platform data folder elsewhere). Created on the first write, mode 0600."),
    ("rapport.db.vN-YYYYMMDD.bak", "A copy of the database as it was, written beside it before a schema upgrade."),
];

/// The views `rapport sql` reads, for rapport(1).
const VIEWS: &[(&str, &str)] = &[
    (
        "contacts_v",
        "contacts with stage by name, tags as a;b, points",
    ),
    (
        "interactions_v",
        "interactions with contact and amount as a number",
    ),
    ("stage_history_v", "every stage move: from, to, at, reason"),
    (
        "follow_ups_v",
        "follow-ups, done or open, with the rule that made them",
    ),
    ("tags_v", "contact_id, tag"),
    ("fields_v", "contact_id, key, value"),
    ("points_v", "loyalty points with their reasons"),
    ("stages_v", "the pipeline: name, position (from 1)"),
    (
        "consents_v",
        "what each contact agreed to: purpose, given_on, how, withdrawn_on",
    ),
];

fn section(roff: &mut Roff, title: &str, entries: &[(&str, &str)]) {
    roff.control("SH", [title]);
    for (term, text) in entries {
        roff.control("TP", []);
        roff.text([bold(*term)]);
        roff.text([roman(*text)]);
    }
}

/// Each roff render starts with the same two-line preamble; one is enough.
fn once_preamble(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let mut seen = false;
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        if line.starts_with(".ie \\n(.g .ds Aq") {
            let next = lines.next().unwrap_or_default();
            if !seen {
                out.push_str(line);
                out.push_str(next);
                seen = true;
            }
            continue;
        }
        out.push_str(line);
    }
    out.into_bytes()
}

/// (file name, contents): `rapport.1`, and `rapport-COMMAND.1` for each
/// command and nested command.
pub fn man_pages(readme: &str) -> io::Result<Vec<(String, Vec<u8>)>> {
    let examples = examples(readme);
    let mut pages = Vec::new();
    for (path, cmd) in commands() {
        let name = std::iter::once("rapport".to_string())
            .chain(path.iter().cloned())
            .collect::<Vec<_>>()
            .join("-");
        let man = Man::new(cmd.clone())
            .title(name.to_uppercase())
            .section("1")
            .source(concat!("rapport ", env!("CARGO_PKG_VERSION")))
            .manual("rapport");
        let mut out = Vec::new();
        man.render_title(&mut out)?;
        man.render_name_section(&mut out)?;
        let mut roff = Roff::new();
        roff.control("SH", ["SYNOPSIS"]);
        let usage = cmd.clone().render_usage().to_string();
        roff.text([bold(usage.trim_start_matches("Usage: ").trim())]);
        roff.to_writer(&mut out)?;
        man.render_description_section(&mut out)?;
        man.render_options_section(&mut out)?;
        if cmd.has_subcommands() {
            man.render_subcommands_section(&mut out)?;
        }
        let mut roff = Roff::new();
        if path.is_empty() {
            section(&mut roff, "VIEWS FOR rapport sql", VIEWS);
        }
        // A command's own examples and its subcommands'; rapport(1) shows
        // one for each of the first commands.
        let mut mine: Vec<&String> = Vec::new();
        let mut firsts: Vec<&String> = Vec::new();
        for (p, e) in &examples {
            if path.is_empty() {
                if mine.len() < 12 && !firsts.contains(&&p[0]) {
                    firsts.push(&p[0]);
                    mine.push(e);
                }
            } else if p.starts_with(&path) {
                mine.push(e);
            }
        }
        if !mine.is_empty() {
            roff.control("SH", ["EXAMPLES"]);
            for e in mine {
                roff.control("PP", []);
                roff.text([roman(e.as_str())]);
            }
        }
        section(&mut roff, "EXIT STATUS", EXIT_STATUS);
        section(&mut roff, "ENVIRONMENT", ENVIRONMENT);
        section(&mut roff, "FILES", FILES);
        roff.control("SH", ["SEE ALSO"]);
        roff.text([roman(
            "rapport(1); the README, which explains every command at length.",
        )]);
        roff.to_writer(&mut out)?;
        pages.push((format!("{name}.1"), once_preamble(&out)));
    }
    Ok(pages)
}
