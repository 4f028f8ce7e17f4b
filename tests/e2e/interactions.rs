use crate::util::World;
use serde_json::json;

#[test]
fn log_every_kind() {
    let w = World::seeded();
    for kind in ["call", "email", "meeting", "message", "note"] {
        let rec = w.json(&[
            "log",
            "ada",
            &format!("a {kind}"),
            "--kind",
            kind,
            "--channel",
            "phone",
        ]);
        assert_eq!(rec["kind"], kind);
        assert_eq!(rec["channel"], "phone");
    }
    let p = w.json(&[
        "log",
        "ada",
        "Starter pack",
        "--kind",
        "purchase",
        "--amount",
        "49.90",
    ]);
    assert_eq!(p["amount"], json!(49.9));
    let f = w.json(&[
        "log", "ada", "Loves it", "--kind", "feedback", "--rating", "0",
    ]);
    assert_eq!(f["rating"], 0);
    let line = w.ok(&[
        "log", "ada", "Thanks", "--kind", "feedback", "--rating", "10",
    ]);
    assert!(line.ends_with("(rated 10/10)\n"), "{line}");
    assert_eq!(w.json(&["show", "ada"])["interaction_count"], 8);
}

#[test]
fn last_contact_follows_interactions_but_not_notes() {
    let w = World::seeded();
    w.ok(&["log", "grace", "private thought", "--kind", "note"]);
    assert_eq!(w.json(&["show", "grace"])["last_contact_at"], json!(null));
    w.ok(&[
        "log",
        "grace",
        "Call",
        "--kind",
        "call",
        "--at",
        "2026-11-01 14:30",
    ]);
    assert_eq!(
        w.json(&["show", "grace"])["last_contact_at"],
        "2026-11-01T14:30:00Z"
    );
    // An older back-dated entry does not move it back.
    w.ok(&[
        "log",
        "grace",
        "Old email",
        "--kind",
        "email",
        "--at",
        "2026-10-01",
    ]);
    assert_eq!(
        w.json(&["show", "grace"])["last_contact_at"],
        "2026-11-01T14:30:00Z"
    );
    w.ok(&[
        "log",
        "grace",
        "Email",
        "--kind",
        "email",
        "--at",
        "yesterday",
    ]);
    assert_eq!(
        w.json(&["show", "grace"])["last_contact_at"],
        "2026-11-22T09:00:00Z"
    );
}

#[test]
fn log_with_a_follow_up_in_one_go() {
    let w = World::seeded();
    let out = w.ok(&[
        "log",
        "ada",
        "Sent the proposal",
        "--kind",
        "email",
        "--follow-up",
        "3d",
    ]);
    assert!(out.contains("Follow-up #1 on Thu 2026-11-26"), "{out}");
    let ada = w.json(&["show", "ada"]);
    assert_eq!(ada["open_follow_ups"][0]["due"], "2026-11-26");
    assert_eq!(ada["next_follow_up"], "2026-11-26");
}

#[test]
fn tickets_open_and_resolve() {
    let w = World::seeded();
    let out = w.ok(&["log", "grace", "Cannot log in", "--kind", "ticket"]);
    assert!(out.contains("Opened ticket #1"), "{out}");
    let g = w.json(&["show", "grace"]);
    assert_eq!(g["open_tickets"][0]["summary"], "Cannot log in");
    let r = w.json(&["resolve", "1", "Reset the password"]);
    assert_eq!(r["resolution"], "Reset the password");
    assert_eq!(r["resolved_at"], "2026-11-23T09:00:00Z");
    assert_eq!(w.json(&["show", "grace"])["open_tickets"], json!([]));
    w.fails(&["resolve", "1"], "already resolved");
    w.ok(&["log", "grace", "Hello", "--kind", "call"]);
    w.fails(&["resolve", "2"], "not a ticket");
    w.fails(&["resolve", "99"], "#99");
    w.fails(&["resolve", "abc"], "'abc'");
}

#[test]
fn show_as_a_page() {
    let w = World::seeded();
    w.ok(&[
        "log",
        "ada",
        "Intro call",
        "--kind",
        "call",
        "--at",
        "2026-11-01",
    ]);
    w.ok(&["follow-up", "ada", "2026-12-01", "Send the notes"]);
    let page = w.ok(&["show", "ada"]);
    let expected = "\
#1 Ada Lovelace
 email         ada@example.com
 phone         +44 20 7946 0000
 company       Analytical Engines
 stage         reach since 2026-11-23 09:00
 source        linkedin
 tags          vip
 birthday      1815-12-10
 last contact  2026-11-01 09:00
 added         2026-11-23 09:00
 score         lead 18 (recency +12.5, engagement +5)
 interest      analytics

Stage history
 WHEN              FROM  TO     REASON
 2026-11-23 09:00  -     reach  added

Open follow-ups
 ID  DUE         NOTE            EVERY
 1   2026-12-01  Send the notes  -

Interactions
 ID  WHEN              KIND  SUMMARY     DETAIL
 1   2026-11-01 09:00  call  Intro call
";
    assert_eq!(page, expected);
}
