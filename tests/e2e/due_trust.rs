//! A `due` to trust every morning: rules that fire once and clean up after
//! themselves, imports that start quiet, one at-risk, filters and bulk
//! actions. Every test runs on a fixed clock.

use crate::util::World;
use serde_json::Value;
use std::collections::BTreeSet;

fn at(w: &mut World, day: &str) {
    w.at(&format!("{day}T09:00:00Z"));
}

/// The ids of what `due` lists with these arguments.
fn ids(w: &World, args: &[&str]) -> Vec<String> {
    let mut all = vec!["due"];
    all.extend_from_slice(args);
    w.json(&all)
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

/// Open follow-ups the welcome rule made for a contact, and the cancelled ones.
fn welcomes(w: &World, who: &str) -> (usize, usize) {
    let p = w.json(&["show", who]);
    let open = p["open_follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == 1)
        .count();
    (open, p["cancelled_follow_ups"].as_array().unwrap().len())
}

#[test]
fn an_on_enter_rule_fires_on_the_first_forward_entry_only() {
    let w = World::seeded();
    // Forward, first time: one welcome.
    w.ok(&["stage", "ada", "acquisition"]);
    assert_eq!(welcomes(&w, "ada"), (1, 0));
    // Back to reach cancels it (leaving); forward again does not re-fire.
    w.ok(&["stage", "ada", "reach"]);
    assert_eq!(welcomes(&w, "ada"), (0, 1));
    w.ok(&["stage", "ada", "acquisition"]);
    assert_eq!(welcomes(&w, "ada"), (0, 1));
    // Skipping the stage and coming back into it is a move backwards: no welcome.
    w.ok(&["stage", "grace", "conversion"]);
    w.ok(&["stage", "grace", "acquisition"]);
    assert_eq!(welcomes(&w, "grace"), (0, 0));
    // Nor by advance after that: grace has been in acquisition before.
    w.ok(&["stage", "grace", "reach"]);
    w.ok(&["advance", "grace"]);
    assert_eq!(welcomes(&w, "grace"), (0, 0));
    let rules = w.json(&["rules"]);
    assert_eq!(
        rules[0]["condition"],
        "enters acquisition (the first time, moving forward)"
    );
    assert_eq!(rules[0]["every_entry"], false);
}

#[test]
fn every_entry_fires_once_per_forward_entry() {
    let w = World::seeded();
    w.ok(&["rules", "edit", "1", "--every-entry"]);
    assert_eq!(
        w.json(&["rules"])[0]["condition"],
        "enters acquisition (every time, moving forward)"
    );
    for round in 1..=3 {
        w.ok(&["stage", "alan", "acquisition"]);
        assert_eq!(welcomes(&w, "alan"), (1, round - 1), "entry {round}");
        w.ok(&["stage", "alan", "reach"]);
        assert_eq!(welcomes(&w, "alan"), (0, round), "leaving {round}");
    }
    // Backwards into the stage: still never.
    w.ok(&["stage", "alan", "conversion"]);
    w.ok(&["stage", "alan", "acquisition"]);
    assert_eq!(welcomes(&w, "alan"), (0, 3));
    // Off again.
    w.ok(&["rules", "edit", "1", "--every-entry=false"]);
    assert_eq!(w.json(&["rules"])[0]["every_entry"], false);
}

#[test]
fn leaving_cancels_rule_follow_ups_but_never_the_users() {
    let mut w = World::seeded();
    w.ok(&["stage", "ada", "acquisition"]);
    w.ok(&["follow-up", "ada", "1w", "Send the proposal"]);
    let out = w.run(&["stage", "ada", "conversion"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stderr
            .contains("cancelled 1 follow-up that entering acquisition had scheduled"),
        "{}",
        out.stderr
    );
    let p = w.json(&["show", "ada"]);
    let open: Vec<&str> = p["open_follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["note"].as_str().unwrap())
        .collect();
    assert_eq!(open, ["Send the proposal"]);
    let cancelled = &p["cancelled_follow_ups"][0];
    assert_eq!(
        cancelled["note"],
        "Welcome: say hello and ask what they need"
    );
    assert_eq!(cancelled["why"], "left acquisition on 2026-11-23");
    assert_eq!(cancelled["rule"], 1);
    // Kept in the history, shown in the table too.
    let table = w.ok(&["show", "ada"]);
    assert!(table.contains("Cancelled follow-ups"), "{table}");
    at(&mut w, "2026-11-25");
    assert!(ids(&w, &["--kind", "on-enter"]).is_empty());
    // --keep: leaving keeps them.
    w.ok(&["rules", "edit", "1", "--keep"]);
    w.ok(&["stage", "grace", "acquisition"]);
    w.ok(&["stage", "grace", "conversion"]);
    assert_eq!(welcomes(&w, "grace"), (1, 0));
    assert_eq!(
        w.json(&["rules"])[0]["action"],
        "Welcome: say hello and ask what they need (after 1d; kept when they leave)"
    );
}

#[test]
fn a_back_dated_move_schedules_nothing_and_says_so() {
    let mut w = World::new();
    at(&mut w, "2026-01-05");
    w.ok(&["init"]);
    w.ok(&["add", "Cy Young", "--email", "cy@example.com"]);
    at(&mut w, "2026-11-23");
    let out = w.run(&["stage", "cy", "acquisition", "--at", "2026-03-02"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr.trim_end(),
        "rule 1 not applied: the entry on 2026-03-02 is in the past (its follow-up would have been due 2026-03-03)"
    );
    assert!(ids(&w, &[]).is_empty());
    assert_eq!(welcomes(&w, "cy"), (0, 0));
    // Recent enough that the follow-up falls due today: made.
    w.ok(&["add", "Dee Dee", "--email", "dee@example.com"]);
    at(&mut w, "2026-11-24");
    let out = w.run(&["stage", "dee", "acquisition", "--at", "2026-11-23T10:00"]);
    assert_eq!(out.stderr, "");
    assert_eq!(ids(&w, &["--kind", "on-enter"]).len(), 1);
}

/// A HubSpot export: 30 leads and 20 customers, none with history here.
fn hubspot(w: &World, last_contacted: Option<&str>) -> String {
    let mut csv = String::from("Record ID,First Name,Last Name,Email,Lifecycle Stage,Create Date");
    if last_contacted.is_some() {
        csv.push_str(",Last Contacted");
    }
    csv.push('\n');
    for i in 1..=50 {
        let stage = if i <= 30 { "Lead" } else { "Customer" };
        csv.push_str(&format!(
            "{i},Person,N{i},p{i}@example.com,{stage},2024-01-15"
        ));
        if let Some(day) = last_contacted {
            csv.push_str(&format!(",{day}"));
        }
        csv.push('\n');
    }
    let file = w.dir.path().join("hubspot.csv");
    std::fs::write(&file, csv).unwrap();
    file.to_str().unwrap().to_string()
}

#[test]
fn an_import_starts_quiet() {
    let mut w = World::seeded_empty();
    let file = hubspot(&w, None);
    let out = w.run(&["import", "contacts", &file]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "Rule 1 not fired for 30 contacts entering acquisition: imports start quiet (--fire-rules fires them)"
        ),
        "{}",
        out.stderr
    );
    for day in ["2026-11-24", "2026-12-01", "2027-01-21"] {
        at(&mut w, day);
        assert!(ids(&w, &[]).is_empty(), "due on {day}");
        assert!(
            w.json(&["report", "at-risk"])
                .as_array()
                .unwrap()
                .is_empty(),
            "at risk on {day}"
        );
    }
    // Unknown health, not "at risk" nor "100 (nothing counts yet)".
    let score = w.ok(&["score", "p31@example.com"]);
    assert!(score.contains("not enough history yet"), "{score}");
    let json = w.json(&["score", "p31@example.com"]);
    assert_eq!(json["score"], Value::Null, "{json}");
    // Sixty days after the import with no contact, they are quiet for real:
    // the 20 customers, dated from the import, and not one day before.
    at(&mut w, "2027-01-22");
    let quiet = w.json(&["due", "--kind", "dormant"]);
    let quiet = quiet.as_array().unwrap();
    assert_eq!(quiet.len(), 20);
    assert_eq!(quiet[0]["due"], "2027-01-22");
    assert_eq!(
        quiet[0]["why"],
        "no interaction for 60 days (rule 2: no interaction for 60d, in conversion or retention)"
    );
}

#[test]
fn an_import_can_fire_rules_and_carries_the_last_contact() {
    let mut w = World::seeded_empty();
    let file = hubspot(&w, Some("2026-10-01"));
    w.ok(&["import", "contacts", &file, "--fire-rules"]);
    at(&mut w, "2026-11-24");
    assert_eq!(ids(&w, &["--kind", "on-enter"]).len(), 30);
    // Last contacted 1 October: quiet 60 days on 30 November, not before.
    assert!(ids(&w, &["--kind", "dormant"]).is_empty());
    at(&mut w, "2026-11-30");
    assert_eq!(ids(&w, &["--kind", "dormant"]).len(), 20);
    // Undoing the import takes the welcomes with it.
    w.ok(&["import", "undo", "1"]);
    assert!(ids(&w, &[]).is_empty());
}

#[test]
fn an_import_that_moves_a_lead_on_cancels_their_welcome() {
    let w = World::seeded();
    w.ok(&["stage", "ada", "acquisition"]);
    let file = w.dir.path().join("won.csv");
    std::fs::write(&file, "email,stage\nada@example.com,conversion\n").unwrap();
    let out = w.run(&["import", "contacts", file.to_str().unwrap()]);
    assert!(
        out.stderr
            .contains("Cancelled 1 follow-up that the stages they left had scheduled"),
        "{}",
        out.stderr
    );
    assert_eq!(welcomes(&w, "ada"), (0, 1));
}

/// A customer in conversion with a call every two weeks since June.
fn steady_customer(w: &mut World, name: &str, email: &str) {
    at(w, "2026-06-01");
    w.ok(&["add", name, "--email", email]);
    w.ok(&["stage", email, "conversion"]);
    for day in [
        "2026-06-01",
        "2026-06-15",
        "2026-07-01",
        "2026-07-15",
        "2026-08-01",
        "2026-08-15",
        "2026-09-01",
        "2026-09-15",
        "2026-10-01",
    ] {
        at(w, day);
        w.ok(&["log", email, "Call", "--kind", "call"]);
    }
}

fn at_risk_sets(w: &World) -> (BTreeSet<i64>, BTreeSet<i64>) {
    let due: BTreeSet<i64> = w
        .json(&["due", "--kind", "at-risk"])
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["contact_id"].as_i64().unwrap())
        .collect();
    let report: BTreeSet<i64> = w
        .json(&["report", "at-risk"])
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["contact_id"].as_i64().unwrap())
        .collect();
    (due, report)
}

#[test]
fn a_late_invoice_puts_the_same_customer_in_due_and_in_report_at_risk() {
    let mut w = World::new();
    at(&mut w, "2026-06-01");
    w.ok(&["init"]);
    steady_customer(&mut w, "Grace Hopper", "grace@navy.example");
    steady_customer(&mut w, "Ada Lovelace", "ada@example.com");
    steady_customer(&mut w, "Alan Turing", "alan@example.org");
    at(&mut w, "2026-10-01");
    // Grace's invoice goes unpaid; she keeps calling, so only it counts.
    w.ok(&[
        "log",
        "grace",
        "Workshop",
        "--kind",
        "purchase",
        "--amount",
        "1200",
        "--due",
        "2026-10-15",
    ]);
    // Ada opens a ticket nobody resolves; Alan goes quiet after October.
    let mut seen = BTreeSet::new();
    let mut day = chrono::NaiveDate::from_ymd_opt(2026, 10, 2).unwrap();
    while day <= chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap() {
        at(&mut w, &day.to_string());
        if day.to_string() == "2026-10-20" {
            w.ok(&["log", "ada", "Login broken", "--kind", "ticket"]);
        }
        if day.format("%d").to_string() == "01" || day.format("%d").to_string() == "15" {
            w.ok(&["log", "grace", "Call", "--kind", "call"]);
            w.ok(&["log", "ada", "Call", "--kind", "call"]);
        }
        let (due, report) = at_risk_sets(&w);
        assert_eq!(due, report, "on {day}");
        seen.extend(due);
        day = day.succ_opt().unwrap();
    }
    // All three fell at risk at some point, each for its own reason.
    assert_eq!(seen.len(), 3, "{seen:?}");
    at(&mut w, "2026-11-18");
    let item = &w.json(&["due", "--kind", "at-risk", "--contact", "grace"])[0];
    let report = w.json(&["report", "at-risk"]);
    let reasons = report
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["contact"] == "Grace Hopper")
        .expect("Grace in report at-risk");
    let joined: Vec<&str> = reasons["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        item["why"].as_str().unwrap().ends_with(&joined.join("; ")),
        "{item}\n{reasons}"
    );
    assert!(joined.join(";").contains("34 days past due"), "{joined:?}");
    // The invoice is its own item too: chase the payment.
    let invoice = w.json(&["show", "grace"])["recent_interactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "purchase")
        .map(|i| i["id"].as_i64().unwrap())
        .unwrap();
    assert_eq!(
        ids(&w, &["--kind", "payment"]),
        [format!("payment-{invoice}")]
    );
    w.ok(&["paid", &invoice.to_string()]);
    assert!(ids(&w, &["--kind", "payment"]).is_empty());
    let (due, _) = at_risk_sets(&w);
    assert!(!due.contains(&1), "paid, and calling: no longer at risk");
}

/// A book where many things are due at once on 2027-01-22.
fn crowded() -> World {
    let mut w = World::seeded_empty();
    let file = hubspot(&w, None);
    w.ok(&["import", "contacts", &file]);
    w.ok(&["edit", "p31@example.com", "--tag", "vip"]);
    w.ok(&["edit", "p32@example.com", "--tag", "vip"]);
    w.ok(&["follow-up", "p1@example.com", "2027-01-20", "Call back"]);
    w.ok(&["follow-up", "p2@example.com", "2027-01-21", "Send deck"]);
    w.ok(&["follow-up", "p31@example.com", "2027-01-22", "Renewal"]);
    at(&mut w, "2027-01-22");
    w
}

#[test]
fn due_filters_by_kind_tag_stage_and_contact_and_pages() {
    let w = crowded();
    assert_eq!(ids(&w, &[]).len(), 23);
    assert_eq!(ids(&w, &["--kind", "dormant"]).len(), 20);
    assert_eq!(ids(&w, &["--kind", "follow-up"]).len(), 3);
    assert_eq!(
        ids(&w, &["--kind", "follow-up", "--kind", "dormant"]).len(),
        23
    );
    assert!(ids(&w, &["--kind", "birthday"]).is_empty());
    assert_eq!(ids(&w, &["--tag", "vip"]).len(), 3);
    assert_eq!(ids(&w, &["--stage", "acquisition"]), ["1", "2"]);
    assert_eq!(
        ids(&w, &["--stage", "conversion", "--kind", "follow-up"]),
        ["3"]
    );
    assert_eq!(ids(&w, &["--contact", "p31@example.com"]).len(), 2);
    // --limit keeps the most urgent: overdue first, by date.
    assert_eq!(ids(&w, &["--limit", "2"]), ["1", "2"]);
    assert_eq!(ids(&w, &["--limit", "4"]).len(), 4);
    assert_eq!(ids(&w, &["--limit", "0"]).len(), 0);
    // Bad values name themselves.
    w.fails(&["due", "--stage", "nowhere"], "nowhere");
    w.fails(&["due", "--contact", "nobody at all"], "nobody at all");
    let out = w.run(&["due", "--kind", "gossip"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("gossip"), "{}", out.stderr);
}

#[test]
fn done_and_snooze_take_many_ids() {
    let w = crowded();
    // What a script does: due --kind dormant --json | jq -r '.[].id' | xargs rapport done
    let dormant = ids(&w, &["--kind", "dormant"]);
    let mut args = vec!["done"];
    args.extend(dormant.iter().take(3).map(String::as_str));
    let out = w.ok(&args);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert_eq!(ids(&w, &["--kind", "dormant"]).len(), 17);
    // All or nothing: one unknown id and none is done.
    let rest = ids(&w, &["--kind", "dormant"]);
    w.fails(
        &["done", &rest[0], &rest[1], "dormant-9-999"],
        "dormant-9-999",
    );
    w.fails(&["done", &rest[0], "x"], "'x'");
    assert_eq!(ids(&w, &["--kind", "dormant"]).len(), 17);
    // The whole pipeline, every id at once.
    let mut args = vec!["done"];
    args.extend(rest.iter().map(String::as_str));
    w.ok(&args);
    assert!(ids(&w, &["--kind", "dormant"]).is_empty());
    // Snooze: several with --until, one the old way.
    w.ok(&["snooze", "1", "2", "--until", "3d"]);
    w.ok(&["snooze", "3", "tomorrow"]);
    assert!(ids(&w, &[]).is_empty());
    assert_eq!(ids(&w, &["--within", "3d"]), ["3", "1", "2"]);
}

#[test]
fn the_dashboard_shows_the_ten_most_urgent_and_counts_the_rest() {
    let w = crowded();
    let out = w.ok(&[]);
    assert!(out.contains("Due: the 10 most urgent of 23"), "{out}");
    assert!(
        out.contains(
            "All 23: 20 we miss you (`rapport due --kind dormant`), 3 follow-ups (`rapport due --kind follow-up`)"
        ),
        "{out}"
    );
    let json = w.json(&[]);
    assert_eq!(json["due"].as_array().unwrap().len(), 10);
    assert_eq!(json["counts"]["dormant"], 20);
    assert_eq!(json["counts"]["follow-up"], 3);
}

#[test]
fn reasons_under_within_are_as_of_today() {
    let mut w = World::seeded();
    w.ok(&["stage", "ada", "conversion"]);
    at(&mut w, "2027-01-15");
    let items = w.json(&["due", "--kind", "dormant", "--within", "1w"]);
    let ada = &items.as_array().unwrap()[0];
    assert_eq!(ada["due"], "2027-01-22");
    assert_eq!(ada["overdue"], false);
    assert_eq!(
        ada["why"],
        "no interaction for 53 days (rule 2: no interaction for 60d, in conversion or retention)"
    );
}

#[test]
fn a_missed_greeting_stays_overdue_for_the_grace_days() {
    let mut w = World::seeded();
    let birthday = |w: &World| {
        w.json(&["due", "--kind", "birthday"])
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["overdue"].as_bool().unwrap(),
                    i["why"].as_str().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    at(&mut w, "2026-12-10");
    assert_eq!(
        birthday(&w),
        [(false, "today, 10 December (rule 3)".to_string())]
    );
    at(&mut w, "2026-12-11");
    assert_eq!(
        birthday(&w),
        [(
            true,
            "yesterday, 10 December, not marked done (rule 3)".to_string()
        )]
    );
    at(&mut w, "2026-12-13");
    assert_eq!(
        birthday(&w),
        [(
            true,
            "3 days ago, 10 December, not marked done (rule 3)".to_string()
        )]
    );
    at(&mut w, "2026-12-14");
    assert!(birthday(&w).is_empty());
    w.ok(&["config", "set", "greeting-grace-days", "5"]);
    assert_eq!(birthday(&w).len(), 1);
    w.ok(&["config", "set", "greeting-grace-days", "0"]);
    at(&mut w, "2026-12-11");
    assert!(birthday(&w).is_empty());
    // Marked done, it goes at once.
    w.ok(&["config", "unset", "greeting-grace-days"]);
    w.ok(&["done", "birthday-1"]);
    assert!(birthday(&w).is_empty());
    w.fails(&["config", "set", "greeting-grace-days", "-1"], "-1");
}

#[test]
fn a_rhythm_counts_days_with_contact_not_interactions() {
    let mut w = World::seeded();
    w.ok(&["stage", "grace", "conversion"]);
    // A kickoff and the sale logged after it are one day of contact.
    w.ok(&["log", "grace", "Kickoff", "--kind", "meeting"]);
    w.ok(&[
        "log", "grace", "Redesign", "--kind", "purchase", "--amount", "2400",
    ]);
    at(&mut w, "2026-12-08");
    w.ok(&["log", "grace", "Export broken", "--kind", "ticket"]);
    at(&mut w, "2026-12-22");
    let score = w.json(&["score", "grace", "--explain"]);
    let rhythm = score["factors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["factor"] == "rhythm")
        .unwrap()
        .clone();
    assert_eq!(
        rhythm["detail"],
        "quiet 14 days; contact on too few days for a rhythm, 30 assumed"
    );
    assert_eq!(rhythm["points"], 0.0);
    w.ok(&["check"]);
}
