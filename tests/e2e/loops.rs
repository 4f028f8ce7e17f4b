//! Closing the loops (issue 13), on a small year computed by hand.
//! Everything happens at 09:00 UTC, so days are whole.
//!
//!   Ann  01-05 reach, 01-10 acquisition, 01-20 conversion; buys 100.00 on
//!        01-20; rates 10 on 02-12
//!   Bob  01-05 reach, 01-15 acquisition, lost 02-01 ("price too high"),
//!        won back into acquisition 03-10
//!   Dan  01-05 reach, 01-15 conversion; buys 20.00 on 01-15; lost 03-01
//!        ("chose a competitor")
//!   Eve  01-05 reach, lost 01-20 ("no budget")
//!   Fay  01-05 reach, 01-20 conversion; a ticket 02-01, resolved 02-03
//!   Cat  referred by Ann, 02-01 reach, 02-05 conversion; buys 50.00 on
//!        02-05; rates 3 on 02-10
//!   Gus, Hal  01-05, stay in reach
//! Rules: the six defaults (5: feedback 7d after a first purchase; 6: a
//! detractor, 1d later), 7: a promoter, at once; 8: 3d after a ticket is
//! resolved; 9: 30d after being lost. Points: 2 per unit spent, 100 per
//! referral.

use crate::util::World;
use serde_json::{json, Value};

fn on(w: &mut World, day: &str, args: &[&str]) -> String {
    w.at(&format!("2026-{day}T09:00:00Z"));
    w.ok(args)
}

/// `due` on a day: (id, kind, due date).
fn due(w: &mut World, day: &str) -> Vec<(String, String, String)> {
    w.at(&format!("2026-{day}T09:00:00Z"));
    w.json(&["due"])
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["kind"].as_str().unwrap().to_string(),
                i["due"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(items: &[(String, String, String)], kind: &str, day: &str) -> usize {
    items.iter().filter(|i| i.1 == kind && i.2 == day).count()
}

/// The year's events in order: (day, command).
const YEAR: &[(&str, &[&str])] = &[
    ("01-05", &["init"]),
    (
        "01-05",
        &[
            "rules",
            "add",
            "--on-rating",
            "promoter",
            "--note",
            "Ask for a referral",
        ],
    ),
    (
        "01-05",
        &[
            "rules",
            "add",
            "--after-ticket-resolved",
            "3d",
            "--note",
            "Is it working now?",
        ],
    ),
    (
        "01-05",
        &[
            "rules",
            "add",
            "--win-back",
            "30d",
            "--note",
            "Try to win them back",
        ],
    ),
    ("01-05", &["config", "set", "points-per-purchase-unit", "2"]),
    ("01-05", &["config", "set", "points-per-referral", "100"]),
    ("01-05", &["add", "Ann"]),
    ("01-05", &["add", "Bob"]),
    ("01-05", &["add", "Dan"]),
    ("01-05", &["add", "Eve"]),
    ("01-05", &["add", "Fay"]),
    ("01-05", &["add", "Gus"]),
    ("01-05", &["add", "Hal"]),
    ("01-10", &["stage", "ann", "acquisition"]),
    ("01-15", &["stage", "bob", "acquisition"]),
    ("01-15", &["stage", "dan", "conversion"]),
    (
        "01-15",
        &[
            "log", "dan", "Starter", "--kind", "purchase", "--amount", "20",
        ],
    ),
    ("01-20", &["stage", "ann", "conversion"]),
    (
        "01-20",
        &[
            "log", "ann", "Workshop", "--kind", "purchase", "--amount", "100",
        ],
    ),
    ("01-20", &["lose", "eve", "--reason", "No budget"]),
    ("01-20", &["stage", "fay", "conversion"]),
    ("02-01", &["add", "Cat", "--referred-by", "ann"]),
    ("02-01", &["lose", "bob", "--reason", "Price too high"]),
    (
        "02-01",
        &["log", "fay", "Export broken", "--kind", "ticket"],
    ),
    ("02-03", &["resolve", "3", "Sent a fix"]),
    ("02-05", &["stage", "cat", "conversion"]),
    (
        "02-05",
        &["log", "cat", "Pack", "--kind", "purchase", "--amount", "50"],
    ),
    (
        "02-10",
        &[
            "log",
            "cat",
            "Slow delivery",
            "--kind",
            "feedback",
            "--rating",
            "3",
        ],
    ),
    (
        "02-12",
        &[
            "log", "ann", "Loved it", "--kind", "feedback", "--rating", "10",
        ],
    ),
    ("03-01", &["lose", "dan", "--reason", "chose a competitor"]),
    (
        "03-10",
        &["stage", "bob", "acquisition", "--reason", "budget freed"],
    ),
];

/// Lives the year up to a day (events of that day included), from where
/// it left off: `due` on a day sees only what happened by then.
struct Year {
    w: World,
    next: usize,
}

impl Year {
    fn new() -> Year {
        Year {
            w: World::new(),
            next: 0,
        }
    }

    fn until(&mut self, day: &str) -> &mut World {
        while let Some((d, args)) = YEAR.get(self.next) {
            if *d > day {
                break;
            }
            on(&mut self.w, d, args);
            self.next += 1;
        }
        self.w.at(&format!("2026-{day}T09:00:00Z"));
        &mut self.w
    }
}

fn year() -> World {
    let mut y = Year::new();
    y.until("12-31");
    y.w
}

#[test]
fn lost_and_won_back_through_funnel_due_and_reports() {
    let mut w = year();
    w.at("2026-03-20T09:00:00Z");
    // The funnel: losses per stage, and days spent in each stage over
    // stays that ended. Reach: Ann 5, Bob 10, Dan 10, Eve 15 (lost), Fay
    // 15, Cat 4: median 10, mean 59/6. Acquisition: Ann 10, Bob 17 (lost);
    // Bob's stay since 03-10 has not ended. Conversion: Dan 45 (lost).
    let f = w.json(&["report", "funnel"]);
    let row = |i: usize| -> (Value, Value, Value, Value) {
        (
            f[i]["lost"].clone(),
            f[i]["median_days_in_stage"].clone(),
            f[i]["mean_days_in_stage"].clone(),
            f[i]["now"].clone(),
        )
    };
    assert_eq!(
        row(0),
        (json!(1), json!(10.0), json!(9.8), json!(2)),
        "reach: Gus, Hal now"
    );
    assert_eq!(
        row(1),
        (json!(1), json!(13.5), json!(13.5), json!(1)),
        "acquisition: Bob again"
    );
    assert_eq!(
        row(2),
        (json!(1), json!(45.0), json!(45.0), json!(3)),
        "conversion: Ann, Fay, Cat"
    );
    assert_eq!(row(3), (json!(0), Value::Null, Value::Null, json!(0)));
    // Dan counts as having reached conversion, not retention.
    assert_eq!(f[2]["reached"], 4);
    assert_eq!(f[3]["reached"], 0);
    let lost = w.json(&["report", "lost"]);
    assert_eq!(lost["lost"], 3);
    assert_eq!(lost["won_back"], 1, "Bob");
    assert_eq!(
        lost["by_stage"],
        json!([
            {"key": "reach", "lost": 1},
            {"key": "acquisition", "lost": 1},
            {"key": "conversion", "lost": 1},
            {"key": "retention", "lost": 0}
        ])
    );
    assert_eq!(
        lost["by_month"],
        json!([{"key": "2026-01", "lost": 1}, {"key": "2026-02", "lost": 1}, {"key": "2026-03", "lost": 1}])
    );
    assert_eq!(lost["by_reason"][0]["key"], "chose a competitor");
    // Bob's history says he was lost and won back.
    let history = w.json(&["show", "bob"])["stage_history"].clone();
    let moves: Vec<(Value, Value, Value)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["from"].clone(), m["to"].clone(), m["reason"].clone()))
        .collect();
    assert_eq!(
        moves[2..],
        [
            (json!("acquisition"), json!("lost"), json!("Price too high")),
            (
                json!("lost"),
                json!("acquisition"),
                json!("won back: budget freed")
            )
        ]
    );
    // Lists leave the lost out unless asked.
    let names = |args: &[&str]| -> Vec<String> {
        w.json(args)
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!names(&["list"]).contains(&"Dan".to_string()));
    assert_eq!(names(&["list", "--lost"]), ["Dan", "Eve"]);
    assert_eq!(names(&["list", "--include-lost"]).len(), 8);
    w.fails(&["lose", "dan", "--reason", "again"], "lost on 2026-03-01");
    w.fails(&["lose", "ann", "--reason", " "], "reason");
    assert_eq!(w.json(&["score", "dan"])["kind"], "lost");
}

#[test]
fn a_lost_customer_gets_a_win_back_not_a_we_miss_you_nor_at_risk() {
    let mut y = Year::new();
    // Bob's win-back falls 30 days after 02-01; won back on 03-10, he has
    // none since.
    assert_eq!(
        has(&due(y.until("03-02"), "03-02"), "win-back", "2026-03-03"),
        0
    );
    assert_eq!(
        has(&due(y.until("03-05"), "03-05"), "win-back", "2026-03-03"),
        1
    );
    assert_eq!(
        has(&due(y.until("03-11"), "03-11"), "win-back", "2026-03-03"),
        0
    );
    // Dan's last contact was 01-15: the dormant rule (60d) would say "we
    // miss you" on 03-16, but he was lost on 03-01.
    let items = due(y.until("03-16"), "03-16");
    assert!(!items.iter().any(|i| i.1 == "dormant"), "{items:?}");
    // His win-back: 30 days after the loss, not a day before.
    assert_eq!(
        has(&due(y.until("03-30"), "03-30"), "win-back", "2026-03-31"),
        0
    );
    let items = due(y.until("03-31"), "03-31");
    assert!(
        items.contains(&(
            "win-back-9-3".into(),
            "win-back".into(),
            "2026-03-31".into()
        )),
        "{items:?}"
    );
    // Not at risk however quiet.
    let w = y.until("09-01");
    let at_risk = w.json(&["report", "at-risk"]);
    assert!(!at_risk.to_string().contains("\"Dan\""), "{at_risk}");
}

#[test]
fn feedback_ratings_and_tickets_set_things_off_once() {
    let mut y = Year::new();
    // Dan's first purchase 01-15: asked on 01-22, once.
    let items = due(y.until("01-22"), "01-22");
    assert!(
        items.contains(&(
            "feedback-ask-5-1".into(),
            "feedback-ask".into(),
            "2026-01-22".into()
        )),
        "{items:?}"
    );
    y.until("01-22").ok(&["done", "feedback-ask-5-1"]);
    assert_eq!(
        has(
            &due(y.until("01-23"), "01-23"),
            "feedback-ask",
            "2026-01-22"
        ),
        0
    );
    // Ann's on 01-27.
    assert_eq!(
        has(
            &due(y.until("01-27"), "01-27"),
            "feedback-ask",
            "2026-01-27"
        ),
        1
    );
    // Fay's ticket resolved 02-03: check in 02-06.
    assert_eq!(
        has(
            &due(y.until("02-06"), "02-06"),
            "ticket-check-in",
            "2026-02-06"
        ),
        1
    );
    // Cat rated 3 on 02-10: a detractor item the next day, and health -20.
    let items = due(y.until("02-11"), "02-11");
    assert_eq!(has(&items, "detractor", "2026-02-11"), 1, "{items:?}");
    let w = y.until("02-11");
    let factors = w.json(&["score", "cat", "--explain"])["factors"].clone();
    let feedback = factors
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["factor"] == "feedback")
        .unwrap()
        .clone();
    assert_eq!(feedback["points"], -20.0);
    assert_eq!(
        feedback["detail"],
        "rated 3/10 on 2026-02-10: a detractor, in the last 90 days"
    );
    // Ann rated 10 on 02-12: a promoter item that day. Cat's purchase of
    // 02-05 would be asked about on 02-12, but she rated on 02-10: the
    // feedback came without asking, so there is no ask.
    let items = due(y.until("02-12"), "02-12");
    assert_eq!(has(&items, "promoter", "2026-02-12"), 1, "{items:?}");
    assert_eq!(has(&items, "feedback-ask", "2026-02-12"), 0, "{items:?}");
    let w = y.until("02-12");
    let json = w.json(&["due", "--kind", "promoter"]);
    assert_eq!(json[0]["what"], "Ask for a referral");
    assert_eq!(
        json[0]["why"],
        "rated 10/10 on 2026-02-12 (today): Loved it (rule 7)"
    );
    // The weight is a setting.
    w.ok(&["config", "set", "health-detractor", "35"]);
    let factors = w.json(&["score", "cat", "--explain"])["factors"].to_string();
    assert!(factors.contains("-35.0"), "{factors}");
}

#[test]
fn points_are_earned_by_rule_and_go_with_an_undone_purchase() {
    let mut w = year();
    w.at("2026-03-20T09:00:00Z");
    // Ann: 100.00 × 2 = 200, and 100 when Cat (whom she referred) first paid.
    // Cat: 50.00 × 2 = 100. Dan: 20.00 × 2 = 40.
    let balances: Vec<(String, i64)> = w
        .json(&["report", "points"])
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["contact"].as_str().unwrap().to_string(),
                b["balance"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        balances,
        [("Ann".into(), 300), ("Cat".into(), 100), ("Dan".into(), 40)]
    );
    let ann = w.json(&["show", "ann"]);
    assert_eq!(ann["points"], 300);
    assert_eq!(ann["lifetime_value"], 100.0);
    let reasons: Vec<&str> = ann["points_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        [
            "referral: #8 Cat first paid (purchase #4)",
            "purchase #2 (100.00)"
        ]
    );
    // An imported purchase earns; undoing the import takes it back.
    let file = w.dir.path().join("sales.csv");
    std::fs::write(
        &file,
        "contact_id,kind,date,summary,amount\n1,purchase,2026-03-15,Add-on,10.00\n",
    )
    .unwrap();
    w.ok(&["import", "interactions", file.to_str().unwrap()]);
    assert_eq!(w.json(&["show", "ann"])["points"], 320);
    w.ok(&["import", "undo", "1"]);
    assert_eq!(w.json(&["show", "ann"])["points"], 300);
    w.ok(&["check"]);
}

#[test]
fn templates_fall_back_and_refuse_a_misspelt_placeholder() {
    let mut w = year();
    on(
        &mut w,
        "03-20",
        &["edit", "ann", "--company", "Analytical Engines"],
    );
    on(
        &mut w,
        "03-20",
        &[
            "template",
            "add",
            "miss",
            "--subject",
            "We miss you at {company|your team}",
            "--body",
            "Hi {first_name},",
        ],
    );
    let draft = |w: &World, who: &str| w.json(&["draft", who, "miss"])["subject"].clone();
    assert_eq!(draft(&w, "ann"), "We miss you at Analytical Engines");
    assert_eq!(draft(&w, "bob"), "We miss you at your team");
    let err = w.fails(
        &[
            "template",
            "add",
            "typo",
            "--subject",
            "Hi",
            "--body",
            "Dear {compnay}",
        ],
        "{compnay}",
    );
    assert!(
        err.contains("company") && err.contains("first_name"),
        "{err}"
    );
    // Without a fallback, a missing value is still an error naming it.
    on(
        &mut w,
        "03-20",
        &[
            "template",
            "add",
            "strict",
            "--subject",
            "Hi",
            "--body",
            "At {company}",
        ],
    );
    w.fails(&["draft", "bob", "strict"], "{company}");
}

/// Regression (a month's run): a customer who rated after a purchase was
/// still asked for feedback on it a week later, and a ticket followed by a
/// call was still to be checked in on.
#[test]
fn an_answer_already_given_is_not_asked_for() {
    let mut w = World::seeded();
    w.ok(&["rules", "add", "--after-ticket-resolved", "3d"]);
    on(
        &mut w,
        "12-01",
        &[
            "log",
            "ada",
            "Starter pack",
            "--kind",
            "purchase",
            "--amount",
            "120",
        ],
    );
    on(
        &mut w,
        "12-01",
        &[
            "log",
            "grace",
            "Starter pack",
            "--kind",
            "purchase",
            "--amount",
            "80",
        ],
    );
    on(
        &mut w,
        "12-04",
        &[
            "log", "ada", "Loved it", "--kind", "feedback", "--rating", "10",
        ],
    );
    let items = due(&mut w, "12-08");
    let asks: Vec<_> = items.iter().filter(|i| i.1 == "feedback-ask").collect();
    assert_eq!(asks.len(), 1, "only Grace, who has not rated: {items:?}");
    let ticket = on(
        &mut w,
        "12-10",
        &["log", "alan", "Cannot log in", "--kind", "ticket"],
    );
    let id = ticket
        .split('#')
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    on(&mut w, "12-11", &["resolve", &id, "Password reset"]);
    assert_eq!(
        has(&due(&mut w, "12-14"), "ticket-check-in", "2026-12-14"),
        1
    );
    on(
        &mut w,
        "12-12",
        &["log", "alan", "Checked all is well", "--kind", "call"],
    );
    assert_eq!(
        has(&due(&mut w, "12-14"), "ticket-check-in", "2026-12-14"),
        0
    );
}
