//! Every bad value: exit 1, one `error:` line naming it, nothing changed.

use crate::util::World;

#[test]
fn bad_values_are_refused_and_change_nothing() {
    let w = World::seeded();
    w.ok(&["log", "grace", "Hello", "--kind", "call"]);
    w.ok(&["follow-up", "grace", "tomorrow", "x"]);
    let cases: &[(&[&str], &str)] = &[
        (&["stage", "ada", "nowhere"], "unknown stage 'nowhere'"),
        (&["add", "X", "--stage", "nowhere"], "'nowhere'"),
        (&["list", "--stage", "nowhere"], "'nowhere'"),
        (&["follow-up", "ada", "notadate"], "'notadate'"),
        (&["follow-up", "ada", "2026-02-30"], "'2026-02-30'"),
        (
            &[
                "follow-up",
                "ada",
                "tomorrow",
                "x",
                "--every",
                "fortnightly",
            ],
            "'fortnightly'",
        ),
        (&["log", "ada", "x", "--at", "someday"], "'someday'"),
        (&["log", "ada", "x", "--at", "tomorrow"], "future"),
        (
            &["add", "Bad Mail", "--email", "not-an-email"],
            "'not-an-email'",
        ),
        (&["edit", "ada", "--email", "also@bad"], "'also@bad'"),
        (
            &["add", "Ada Again", "--email", "ADA@EXAMPLE.COM"],
            "already belongs to #1 Ada Lovelace",
        ),
        (
            &["edit", "grace", "--email", "Ada@Example.com"],
            "#1 Ada Lovelace",
        ),
        (&["show", "nobody-by-this-name"], "'nobody-by-this-name'"),
        (&["show", "999"], "'999'"),
        (&["log", "nobody", "x"], "'nobody'"),
        (
            &[
                "log", "ada", "too good", "--kind", "feedback", "--rating", "11",
            ],
            "'11'",
        ),
        (
            &[
                "log", "ada", "too bad", "--kind", "feedback", "--rating", "-1",
            ],
            "'-1'",
        ),
        (
            &[
                "log", "ada", "meh", "--kind", "feedback", "--rating", "seven",
            ],
            "'seven'",
        ),
        (
            &["log", "ada", "refund", "--kind", "purchase", "--amount=-5"],
            "'-5'",
        ),
        (
            &["log", "ada", "free", "--kind", "purchase", "--amount", "0"],
            "'0'",
        ),
        (
            &[
                "log", "ada", "cheap", "--kind", "purchase", "--amount", "1.999",
            ],
            "'1.999'",
        ),
        (
            &["log", "ada", "no price", "--kind", "purchase"],
            "--amount",
        ),
        (
            &["log", "ada", "chat", "--kind", "call", "--amount", "5"],
            "--amount",
        ),
        (
            &["log", "ada", "chat", "--kind", "call", "--rating", "5"],
            "--rating",
        ),
        (&["log", "ada", "   "], "summary"),
        (&["add", "   "], "name"),
        (&["add", "X", "--birthday", "1990-02-30"], "'1990-02-30'"),
        (&["add", "X", "--birthday", "--13-01"], "'--13-01'"),
        (&["add", "X", "--birthday", "2030-01-01"], "'2030-01-01'"),
        (&["add", "X", "--field", "novalue"], "'novalue'"),
        (&["add", "X", "--field", "bad key=v"], "'bad key'"),
        (&["add", "X", "--tag", "two words"], "'two words'"),
        (&["add", "X", "--phone", "call me"], "'call me'"),
        (&["add", "X", "--referred-by", "nobody"], "'nobody'"),
        (&["edit", "ada"], "nothing to change"),
        (&["edit", "ada", "--clear", "shoe size!"], "'shoe size!'"),
        (&["list", "--dormant", "soon"], "'soon'"),
        (&["due", "--within", "2"], "'2'"),
        (&["done", "x"], "'x'"),
        (&["done", "42"], "'42'"),
        (&["snooze", "1", "whenever"], "'whenever'"),
        (&["stages", "set", "only"], "'only'"),
        (&["stages", "set", "a b,c"], "'a b'"),
        (&["search", "   "], "no words"),
        (&["forget", "ada"], "--yes"),
    ];
    for (args, needle) in cases {
        w.fails(args, needle);
    }
}

#[test]
fn usage_errors_exit_2() {
    let w = World::seeded();
    for args in [
        &["--no-such-flag"][..],
        &["log", "ada", "x", "--kind", "carrier-pigeon"],
        &["frobnicate"],
    ] {
        let out = w.run(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
    }
}

#[test]
fn a_bad_clock_is_an_error_not_a_guess() {
    let mut w = World::seeded();
    w.at("next tuesday-ish");
    w.fails(&["list"], "RAPPORT_NOW 'next tuesday-ish'");
}

#[test]
fn sql_looking_text_is_stored_verbatim() {
    let w = World::new();
    let evil = "Robert'); DROP TABLE contacts;--";
    w.ok(&[
        "add",
        evil,
        "--company",
        evil,
        "--note",
        evil,
        "--field",
        &format!("k={evil}"),
    ]);
    w.ok(&["log", "1", evil, "--kind", "call"]);
    let c = w.json(&["show", "1"]);
    assert_eq!(c["name"], evil);
    assert_eq!(c["company"], evil);
    assert_eq!(c["fields"]["k"], evil);
    assert_eq!(c["recent_interactions"][0]["summary"], evil);
    w.ok(&["check"]);
}
