//! `due` with rules, across day boundaries, with a fixed clock.

use crate::util::{dump, World};
use serde_json::Value;

/// The items of `due --json` of one kind: (id, due, overdue, what).
fn items(w: &World, kind: &str, extra: &[&str]) -> Vec<(String, String, bool, String)> {
    let mut args = vec!["due"];
    args.extend_from_slice(extra);
    w.json(&args)
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == kind)
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["due"].as_str().unwrap().to_string(),
                i["overdue"].as_bool().unwrap(),
                i["what"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn at(w: &mut World, day: &str) {
    w.at(&format!("{day}T09:00:00Z"));
}

#[test]
fn default_rules_are_listed_and_can_be_removed() {
    let w = World::seeded_empty();
    let rules = w.json(&["rules"]);
    let kinds: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "on-enter",
            "dormant",
            "birthday",
            "anniversary",
            "after-purchase",
            "on-rating"
        ]
    );
    assert_eq!(
        rules[0]["condition"],
        "enters acquisition (the first time, moving forward)"
    );
    assert_eq!(
        rules[1]["condition"],
        "no interaction for 60d, in conversion or retention"
    );
    assert_eq!(rules[4]["condition"], "7d after a first purchase");
    assert_eq!(rules[5]["condition"], "a detractor rating (0-6), 1d later");
    w.ok(&["rules", "rm", "1"]);
    assert_eq!(w.json(&["rules"]).as_array().unwrap().len(), 5);
    w.fails(&["rules", "rm", "1"], "no rule #1");
}

#[test]
fn a_welcome_follow_up_the_day_after_entering_acquisition() {
    let mut w = World::seeded();
    w.ok(&["stage", "ada", "acquisition"]);
    assert!(items(&w, "on-enter", &[]).is_empty(), "not today");
    at(&mut w, "2026-11-24");
    let welcome = items(&w, "on-enter", &[]);
    assert_eq!(welcome.len(), 1);
    assert_eq!((welcome[0].1.as_str(), welcome[0].2), ("2026-11-24", false));
    assert_eq!(welcome[0].3, "Welcome: say hello and ask what they need");
    // By advance, and by import, too.
    w.ok(&["advance", "grace"]);
    let file = w.dir.path().join("h.csv");
    std::fs::write(&file, "email,stage\nalan@example.org,acquisition\n").unwrap();
    w.ok(&["import", "contacts", file.to_str().unwrap(), "--fire-rules"]);
    at(&mut w, "2026-11-25");
    assert_eq!(items(&w, "on-enter", &[]).len(), 3);
    // A follow-up like any other: done closes it.
    let id = welcome[0].0.clone();
    w.ok(&["done", &id]);
    assert_eq!(items(&w, "on-enter", &[]).len(), 2);
}

#[test]
fn we_miss_you_once_per_quiet_spell() {
    let mut w = World::seeded();
    w.ok(&[
        "rules",
        "add",
        "--dormant",
        "21d",
        "--tag",
        "vip",
        "--note",
        "We miss you",
    ]);
    w.ok(&["log", "ada", "Call", "--kind", "call", "--at", "2026-11-01"]);
    at(&mut w, "2026-11-21");
    assert!(items(&w, "dormant", &[]).is_empty());
    assert_eq!(
        items(&w, "dormant", &["--within", "1d"]).len(),
        1,
        "--within looks ahead"
    );
    at(&mut w, "2026-11-22");
    let quiet = items(&w, "dormant", &[]);
    assert_eq!(
        quiet,
        [(
            "dormant-7-1".to_string(),
            "2026-11-22".to_string(),
            false,
            "We miss you".to_string()
        )]
    );
    at(&mut w, "2026-11-25");
    assert!(items(&w, "dormant", &[])[0].2, "overdue until handled");
    w.ok(&["done", "dormant-7-1"]);
    at(&mut w, "2027-01-10");
    assert!(items(&w, "dormant", &[]).is_empty(), "once per quiet spell");
    w.ok(&[
        "log",
        "ada",
        "Coffee",
        "--kind",
        "meeting",
        "--at",
        "2027-01-05",
    ]);
    at(&mut w, "2027-01-25");
    assert!(
        items(&w, "dormant", &[]).is_empty(),
        "re-armed, not quiet long enough yet"
    );
    at(&mut w, "2027-01-26");
    assert_eq!(items(&w, "dormant", &[]).len(), 1, "a new quiet spell");
}

#[test]
fn a_cadence_goes_from_due_to_overdue_and_any_interaction_resets_it() {
    let mut w = World::seeded();
    w.ok(&["edit", "grace", "--tag", "friend"]);
    w.ok(&[
        "rules", "add", "--tag", "friend", "--every", "2w", "--max", "3w",
    ]);
    w.ok(&[
        "log",
        "grace",
        "Lunch",
        "--kind",
        "meeting",
        "--at",
        "2026-11-01",
    ]);
    at(&mut w, "2026-11-14");
    assert!(items(&w, "cadence", &[]).is_empty());
    at(&mut w, "2026-11-15");
    let c = items(&w, "cadence", &[]);
    assert_eq!((c[0].1.as_str(), c[0].2), ("2026-11-15", false));
    at(&mut w, "2026-11-22");
    assert!(!items(&w, "cadence", &[])[0].2, "still within the maximum");
    at(&mut w, "2026-11-23");
    assert!(items(&w, "cadence", &[])[0].2, "past the maximum: overdue");
    w.ok(&["log", "grace", "Quick email", "--kind", "email"]);
    assert!(items(&w, "cadence", &[]).is_empty());
}

#[test]
fn birthdays_yearless_and_on_29_february() {
    let mut w = World::seeded_empty();
    w.ok(&["add", "Yearless", "--birthday", "--12-01"]);
    w.ok(&["add", "Leap", "--birthday", "2000-02-29"]);
    at(&mut w, "2026-11-23");
    assert!(
        items(&w, "birthday", &[]).is_empty(),
        "8 days ahead, the rule looks 7"
    );
    at(&mut w, "2026-11-24");
    assert_eq!(items(&w, "birthday", &[])[0].1, "2026-12-01");
    assert_eq!(items(&w, "birthday", &[])[0].3, "Birthday");
    at(&mut w, "2027-02-21");
    let leap = items(&w, "birthday", &[]);
    assert_eq!(leap.len(), 1);
    assert_eq!(
        (leap[0].1.as_str(), leap[0].3.as_str()),
        ("2027-02-28", "Birthday: turns 27")
    );
    at(&mut w, "2028-02-23");
    assert_eq!(
        items(&w, "birthday", &[])[0].1,
        "2028-02-29",
        "on the day in a leap year"
    );
}

#[test]
fn do_not_contact_gets_no_outreach_but_keeps_tickets_and_follow_ups() {
    let w = World::seeded_empty();
    w.ok(&[
        "add",
        "Quiet Please",
        "--birthday",
        "1990-11-25",
        "--do-not-contact",
    ]);
    w.ok(&["follow-up", "quiet", "today", "Return the manual"]);
    w.ok(&[
        "log",
        "quiet",
        "Broken widget",
        "--kind",
        "ticket",
        "--at",
        "2026-11-10",
    ]);
    let kinds: Vec<String> = w
        .json(&["due"])
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["ticket", "follow-up"]);
    w.ok(&["edit", "quiet", "--allow-contact"]);
    assert_eq!(items(&w, "birthday", &[]).len(), 1);
}

#[test]
fn quiet_days_hold_back_rule_reminders_for_recently_touched_contacts() {
    let w = World::seeded_empty();
    w.ok(&["add", "Recent", "--birthday", "--11-25"]);
    w.ok(&["add", "Distant", "--birthday", "--11-26"]);
    w.ok(&[
        "log",
        "recent",
        "Call",
        "--kind",
        "call",
        "--at",
        "2026-11-21",
    ]);
    w.ok(&[
        "log",
        "distant",
        "Call",
        "--kind",
        "call",
        "--at",
        "2026-11-01",
    ]);
    assert_eq!(items(&w, "birthday", &[]).len(), 2);
    w.ok(&["config", "set", "quiet-days", "7"]);
    let b = w.json(&["due"]);
    assert_eq!(b.as_array().unwrap().len(), 1);
    assert_eq!(b[0]["contact"], "Distant");
    w.fails(&["config", "set", "quiet-days", "soon"], "'soon'");
    w.fails(&["config", "set", "volume", "11"], "'volume'");
    assert_eq!(w.ok(&["config", "get", "quiet-days"]), "7\n");
    w.ok(&["config", "unset", "quiet-days"]);
    assert_eq!(items(&w, "birthday", &[]).len(), 2);
}

#[test]
fn snooze_and_done_work_for_computed_items() {
    let mut w = World::seeded_empty();
    w.ok(&["add", "Bea", "--birthday", "--11-27"]);
    let id = items(&w, "birthday", &[])[0].0.clone();
    assert_eq!(id, "birthday-1");
    w.ok(&["snooze", &id, "2026-11-26"]);
    assert!(items(&w, "birthday", &[]).is_empty());
    at(&mut w, "2026-11-26");
    assert_eq!(
        items(&w, "birthday", &[])[0].1,
        "2026-11-26",
        "back on the snooze date"
    );
    w.ok(&["done", &id]);
    assert!(items(&w, "birthday", &[]).is_empty());
    at(&mut w, "2027-11-22");
    assert_eq!(
        items(&w, "birthday", &[]).len(),
        1,
        "next year's is a new one"
    );
    w.fails(&["done", "birthday-99"], "no item 'birthday-99'");
    w.fails(&["snooze", "dormant-x", "tomorrow"], "'dormant-x'");
}

#[test]
fn due_is_idempotent() {
    let mut w = World::seeded();
    w.ok(&["rules", "add", "--dormant", "21d"]);
    w.ok(&["log", "ada", "Call", "--kind", "call", "--at", "2026-10-01"]);
    w.ok(&[
        "log",
        "grace",
        "Printer",
        "--kind",
        "ticket",
        "--at",
        "2026-11-01",
    ]);
    w.ok(&["follow-up", "alan", "2026-11-20", "Send notes"]);
    at(&mut w, "2026-11-30");
    let before = dump(&w.db);
    let first = w.ok(&["due"]);
    let second = w.ok(&["due"]);
    assert_eq!(first, second);
    assert_eq!(before, dump(&w.db), "due writes nothing");
    assert!(first.lines().count() >= 4, "{first}");
}

#[test]
fn tickets_show_after_ticket_days_and_done_resolves_them() {
    let mut w = World::seeded();
    w.ok(&["log", "grace", "Cannot log in", "--kind", "ticket"]);
    assert!(items(&w, "ticket", &[]).is_empty());
    at(&mut w, "2026-11-25");
    let t = items(&w, "ticket", &[]);
    assert_eq!(
        t[0],
        (
            "ticket-1".to_string(),
            "2026-11-25".to_string(),
            false,
            "Resolve ticket #1: Cannot log in".to_string()
        )
    );
    w.ok(&["done", "ticket-1"]);
    assert!(w.json(&["show", "grace"])["open_tickets"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn at_risk_customers_with_the_signals_that_fired() {
    let mut w = World::seeded();
    w.ok(&["stage", "ada", "conversion"]);
    for day in ["2026-08-01", "2026-08-11", "2026-08-21", "2026-08-31"] {
        w.ok(&["log", "ada", "Regular call", "--kind", "call", "--at", day]);
    }
    w.ok(&[
        "log",
        "ada",
        "Big order",
        "--kind",
        "purchase",
        "--amount",
        "900",
        "--at",
        "2026-09-01",
        "--due",
        "2026-10-01",
    ]);
    w.ok(&[
        "log",
        "ada",
        "Broken",
        "--kind",
        "ticket",
        "--at",
        "2026-11-01",
    ]);
    let risk = w
        .json(&["due"])
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "at-risk")
        .cloned()
        .unwrap();
    assert_eq!(risk["contact"], "Ada Lovelace");
    let why = risk["why"].as_str().unwrap();
    assert!(why.contains("ticket #6 open 22 days"), "{why}");
    assert!(
        why.contains("purchase #5 unpaid, 53 days past due"),
        "{why}"
    );
    // Paying clears that signal.
    w.ok(&["paid", "5"]);
    w.ok(&["resolve", "6"]);
    at(&mut w, "2026-11-24");
    assert!(w
        .json(&["due"])
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["kind"] != "at-risk"));
    // Quiet for far longer than usual: about every 18 days, now 84.
    at(&mut w, "2027-01-24");
    let risk = w
        .json(&["due"])
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "at-risk")
        .cloned()
        .unwrap();
    assert!(
        risk["why"]
            .as_str()
            .unwrap()
            .starts_with("health 20: quiet 84 days; usually every 18 (-75)"),
        "{risk}"
    );
    // The same customer, with the same reasons, in the report.
    let report = w.json(&["report", "at-risk"]);
    assert_eq!(report[0]["contact"], "Ada Lovelace");
    assert_eq!(report[0]["health"], 20.0);
    w.fails(&["paid", "5"], "already marked paid");
    w.fails(&["paid", "6"], "not a purchase");
}

#[test]
fn customer_anniversaries_and_reviews() {
    let mut w = World::new();
    at(&mut w, "2025-11-20");
    w.ok(&["add", "Old Client"]);
    at(&mut w, "2025-11-28");
    w.ok(&["stage", "old", "conversion"]);
    w.ok(&[
        "rules",
        "add",
        "--review-every",
        "3m",
        "--stage",
        "conversion",
        "--note",
        "Quarterly review",
    ]);
    at(&mut w, "2026-02-28");
    let review = items(&w, "review", &[]);
    assert_eq!(review[0].1, "2026-02-28");
    w.ok(&["done", &review[0].0]);
    at(&mut w, "2026-05-27");
    assert!(items(&w, "review", &[]).is_empty());
    at(&mut w, "2026-05-28");
    assert_eq!(
        items(&w, "review", &[]).len(),
        1,
        "three months after the last review"
    );
    at(&mut w, "2026-11-23");
    let a = items(&w, "anniversary", &[]);
    assert_eq!(
        (a[0].1.as_str(), a[0].3.as_str()),
        ("2026-11-28", "Customer anniversary: 1 year")
    );
    w.ok(&["edit", "old", "--field", "wedding=2010-11-30"]);
    w.ok(&["rules", "add", "--anniversary", "10", "--field", "wedding"]);
    assert!(items(&w, "anniversary", &[])
        .iter()
        .any(|i| i.3 == "Anniversary of wedding: 16 years"));
}

#[test]
fn rules_refuse_what_does_not_make_sense() {
    let w = World::seeded_empty();
    for (args, needle) in [
        (
            &[
                "rules",
                "add",
                "--on-enter",
                "nowhere",
                "--after",
                "1d",
                "--note",
                "x",
            ][..],
            "'nowhere'",
        ),
        (
            &["rules", "add", "--on-enter", "reach", "--note", "x"],
            "--after",
        ),
        (
            &["rules", "add", "--on-enter", "reach", "--after", "1d"],
            "--note",
        ),
        (&["rules", "add", "--dormant", "soon"], "'soon'"),
        (
            &["rules", "add", "--dormant", "3w", "--birthday", "3"],
            "one kind",
        ),
        (
            &[
                "rules", "add", "--tag", "friend", "--every", "3w", "--max", "1w",
            ],
            "shorter",
        ),
        (&["rules", "add", "--review-every", "3m"], "--stage"),
        (&["rules", "add", "--birthday", "400"], "'400'"),
        (
            &["rules", "add", "--dormant", "3w", "--template", "nope"],
            "no template 'nope'",
        ),
        (&["rules", "add"], "which kind"),
        (&["rules", "edit", "1", "--dormant", "3w"], "cannot change"),
        (&["rules", "edit", "99", "--note", "x"], "no rule #99"),
        (&["rules", "rm", "x"], "'x'"),
    ] {
        w.fails(args, needle);
    }
    w.ok(&["rules", "edit", "1", "--note", "Say hi", "--after", "2d"]);
    assert_eq!(
        w.json(&["rules"])[0]["action"],
        "Say hi (after 2d; cancelled when they leave)"
    );
}

#[test]
fn templates_render_drafts_and_a_missing_placeholder_is_an_error() {
    let mut w = World::seeded();
    w.ok(&[
        "template",
        "add",
        "hello",
        "--subject",
        "Hello {first_name}",
        "--body",
        "Dear {first_name},\nhow is {company}? ({interest})",
    ]);
    let out = w.ok(&["draft", "ada", "hello"]);
    assert_eq!(
        out,
        "Subject: Hello Ada\n\nDear Ada,\nhow is Analytical Engines? (analytics)\n"
    );
    let err = w.fails(
        &["draft", "alan", "hello"],
        "placeholder {company} has no value",
    );
    assert!(err.contains("Alan Turing"), "{err}");
    w.fails(
        &[
            "template",
            "add",
            "bad",
            "--subject",
            "Hi {first_name",
            "--body",
            "x",
        ],
        "not closed",
    );
    w.fails(&["draft", "ada", "nope"], "no template 'nope'");
    let eml = w.dir.path().join("d.eml");
    w.ok(&["draft", "ada", "hello", "--eml", eml.to_str().unwrap()]);
    let text = std::fs::read_to_string(&eml).unwrap();
    assert!(
        text.contains("To: Ada Lovelace <ada@example.com>\r\n"),
        "{text}"
    );
    assert!(text.contains("Subject: Hello Ada\r\n"));
    assert!(text.contains("X-Unsent: 1\r\n"));
    // A rule that names a template carries the draft in due --json.
    w.ok(&["rules", "add", "--dormant", "1d", "--template", "hello"]);
    w.at("2026-11-26T09:00:00Z");
    let due = w.json(&["due"]);
    let ada = due
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["contact"] == "Ada Lovelace" && i["kind"] == "dormant")
        .unwrap();
    assert_eq!(ada["draft"]["subject"], "Hello Ada");
    let alan = due
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["contact"] == "Alan Turing")
        .unwrap();
    assert_eq!(alan["draft"], Value::Null);
    assert_eq!(
        alan["draft_error"],
        "template 'hello', body: placeholder {company} has no value"
    );
    w.fails(&["template", "rm", "hello"], "used by 1 rule");
    assert_eq!(w.json(&["template", "list"])[0]["name"], "hello");
}

#[test]
fn calendar_writes_icalendar() {
    let w = World::seeded_empty();
    w.ok(&["add", "Cal Date", "--birthday", "1990-11-30"]);
    w.ok(&[
        "follow-up",
        "cal",
        "2026-12-03",
        "Send the quote; and the invoice",
    ]);
    let ics = w.ok(&["calendar", "--within", "30d"]);
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{ics}"
    );
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    assert!(ics.contains("DTSTART;VALUE=DATE:20261130\r\n"));
    assert!(ics.contains("SUMMARY:Cal Date: Send the quote\\; and the invoice\r\n"));
    assert!(ics.trim_end().ends_with("END:VCALENDAR"));
    let file = w.dir.path().join("r.ics");
    w.ok(&["calendar", "--output", file.to_str().unwrap()]);
    assert!(std::fs::read_to_string(file)
        .unwrap()
        .contains("BEGIN:VEVENT"));
}

/// Regression: the rhythm alarm (a date) was compared with "21 days ago"
/// (a timestamp), so a quiet customer was flagged three weeks late; and
/// `config set at-risk-factor` left every alarm stale.
#[test]
fn at_risk_fires_the_day_the_silence_passes_the_usual_rhythm() {
    let mut w = World::seeded();
    w.ok(&["stage", "ada", "conversion"]);
    for day in ["2026-08-01", "2026-08-11", "2026-08-21"] {
        w.ok(&["log", "ada", "Regular call", "--kind", "call", "--at", day]);
    }
    w.ok(&[
        "log",
        "ada",
        "Order",
        "--kind",
        "purchase",
        "--amount",
        "90",
        "--at",
        "2026-08-31",
    ]);
    let at_risk = |w: &World| {
        w.json(&["due"])
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["kind"] == "at-risk")
    };
    // Every 10 days; each usual gap of silence beyond the usual costs 25, so
    // health falls below 50 past three gaps: quiet 31 days on 1 October.
    w.at("2026-09-30T09:00:00Z");
    assert!(!at_risk(&w));
    w.at("2026-10-01T09:00:00Z");
    assert!(at_risk(&w), "on the day, not three weeks later");
    w.ok(&["config", "set", "health-rhythm", "20"]);
    w.ok(&["check"]);
    assert!(!at_risk(&w), "a lighter weight moves the alert");
    w.at("2026-10-11T09:00:00Z");
    assert!(at_risk(&w));
}
