use crate::util::World;
use serde_json::json;

#[test]
fn nothing_due_prints_zero_bytes_and_an_empty_array() {
    let w = World::seeded();
    assert_eq!(w.ok(&["due"]), "");
    assert_eq!(w.ok(&["due", "--json"]).trim(), "[]");
    let missing = World::new();
    assert_eq!(missing.ok(&["due"]), "");
    assert!(!missing.db.exists(), "reading creates nothing");
}

#[test]
fn follow_ups_fall_due_overdue_first() {
    let mut w = World::seeded();
    w.ok(&["follow-up", "grace", "tomorrow", "Send the compiler notes"]);
    w.ok(&["follow-up", "ada", "2026-11-20", "Late one"]);
    w.ok(&["follow-up", "alan", "next monday", "Far one"]);
    let due = w.json(&["due"]);
    assert_eq!(due.as_array().unwrap().len(), 1);
    assert_eq!(due[0]["contact"], "Ada Lovelace");
    assert_eq!(due[0]["overdue"], true);
    let within = w.json(&["due", "--within", "2d"]);
    assert_eq!(within.as_array().unwrap().len(), 2);
    w.at("2026-11-25T09:00:00Z");
    let due = w.json(&["due"]);
    let contacts: Vec<_> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["contact"].clone())
        .collect();
    assert_eq!(contacts, [json!("Ada Lovelace"), json!("Grace Hopper")]);
    let g = &due[1];
    assert_eq!(g["kind"], "follow-up");
    assert_eq!(g["due"], "2026-11-24");
    assert_eq!(g["overdue"], true);
    assert_eq!(g["what"], "Send the compiler notes");
    assert_eq!(g["why"], "you scheduled it on 2026-11-23");
    assert_eq!(g["contact_id"], 2);
    assert_eq!(g["id"], "1");
    let table = w.ok(&["due"]);
    assert_eq!(
        table,
        " ID  WHEN                  CONTACT       WHAT                     WHY\n \
         2   2026-11-20 (overdue)  Ada Lovelace  Late one                 you scheduled it on 2026-11-23\n \
         1   2026-11-24 (overdue)  Grace Hopper  Send the compiler notes  you scheduled it on 2026-11-23\n"
    );
    let csv = w.ok(&["due", "--format", "csv"]);
    assert!(
        csv.starts_with("id,kind,contact_id,contact,due,overdue,what,why\n2,follow-up,1,"),
        "{csv}"
    );
}

#[test]
fn done_and_recurring_follow_ups() {
    let mut w = World::seeded();
    w.ok(&[
        "follow-up",
        "alan",
        "today",
        "Monthly check-in",
        "--every",
        "1m",
    ]);
    let out = w.ok(&["done", "1"]);
    assert!(out.contains("Next one: #2 on 2026-12-23"), "{out}");
    assert_eq!(w.ok(&["due"]), "");
    w.fails(&["done", "1"], "already done");
    w.at("2026-12-24T09:00:00Z");
    let due = w.json(&["due"]);
    assert_eq!(due[0]["due"], "2026-12-23");
    assert_eq!(due[0]["why"], "you scheduled it on 2026-11-23, every 1m");
    // Done three months late: the next one is after today, not a backlog.
    w.at("2027-03-01T09:00:00Z");
    let out = w.ok(&["done", "2"]);
    assert!(out.contains("on 2027-03-23"), "{out}");
}

#[test]
fn snooze_moves_an_item_later() {
    let w = World::seeded();
    w.ok(&["follow-up", "ada", "today", "Call"]);
    let out = w.ok(&["snooze", "1", "friday"]);
    assert_eq!(
        out,
        "Snoozed follow-up #1 with Ada Lovelace to Fri 2026-11-27\n"
    );
    assert_eq!(w.ok(&["due"]), "");
    assert_eq!(w.json(&["show", "ada"])["next_follow_up"], "2026-11-27");
    w.fails(&["snooze", "1", "yesterday"], "not after today");
    w.fails(&["snooze", "7", "tomorrow"], "'7'");
}

#[test]
fn explicit_follow_ups_show_even_for_do_not_contact() {
    let w = World::seeded();
    w.ok(&["edit", "grace", "--do-not-contact"]);
    w.ok(&["follow-up", "grace", "today", "Return the manual"]);
    assert_eq!(w.json(&["due"]).as_array().unwrap().len(), 1);
}

#[test]
fn dashboard_on_an_empty_book_and_with_data() {
    let w = World::new();
    let page = w.ok(&[]);
    assert_eq!(page.lines().count(), 3, "{page}");
    assert!(page.contains("rapport add"));
    let w = World::seeded();
    w.ok(&["follow-up", "ada", "today", "Send the invoice"]);
    w.ok(&["log", "grace", "Kickoff", "--kind", "meeting"]);
    let page = w.ok(&[]);
    assert!(page.starts_with("Today, Monday 2026-11-23"), "{page}");
    assert!(page.contains("Send the invoice"));
    assert!(page.contains("Contacts per stage"));
    assert!(page.contains("Kickoff"));
}
