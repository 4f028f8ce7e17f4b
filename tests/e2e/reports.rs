//! Reports and scores on a small history computed by hand.
//!
//! Twelve contacts, 2026 (all at 09:00 UTC, so days are whole):
//!   1 Ann  linkedin  01-01 reach, 01-11 acquisition, 01-31 conversion, 03-02 retention;
//!          buys 100 (01-31) and 200 (03-02); rates 10 (03-05)
//!   2 Bob  linkedin  01-01, 01-21 acquisition; an outbound call 01-25
//!   3 Cat  referral by Ann, 02-01, 02-11 conversion (skips acquisition); buys 300 (02-11); rates 6 (03-10)
//!   4 Dan  referral by Ann, 02-01, 02-06 acquisition, 02-21 conversion, 04-01 back to acquisition;
//!          buys 50 (02-21), due 03-01, never paid
//!   5 Eve  website   03-01
//!   6 Fay  website, referred by Cat, 03-01, 03-11 acquisition, 04-10 conversion; buys 120 (04-10); rates 9 (04-15)
//!   7 Gus  no source 03-01
//!   8 Hal  event     04-01, 04-03 acquisition
//!   9 Ivy  event     04-01, 04-05 conversion (skips); buys 80 (04-05); rates 8 (04-06)
//!  10 Jon  linkedin  05-01
//!  11 Kim  website   05-01, 05-06 acquisition, 05-16 conversion, 06-15 retention;
//!          buys 40 (05-16) and 40 (06-15); opens a ticket 11-01
//!  12 Lou  event     05-01
//! Reports are read on 2026-11-23.

use crate::util::World;
use serde_json::{json, Value};

fn on(w: &mut World, day: &str, args: &[&str]) {
    w.at(&format!("2026-{day}T09:00:00Z"));
    w.ok(args);
}

fn history() -> World {
    let mut w = World::new();
    on(&mut w, "01-01", &["init"]);
    for (day, name, source, referrer) in [
        ("01-01", "Ann", Some("linkedin"), None),
        ("01-01", "Bob", Some("linkedin"), None),
        ("02-01", "Cat", Some("referral"), Some("1")),
        ("02-01", "Dan", Some("referral"), Some("1")),
        ("03-01", "Eve", Some("website"), None),
        ("03-01", "Fay", Some("website"), Some("3")),
        ("03-01", "Gus", None, None),
        ("04-01", "Hal", Some("event"), None),
        ("04-01", "Ivy", Some("event"), None),
        ("05-01", "Jon", Some("linkedin"), None),
        ("05-01", "Kim", Some("website"), None),
        ("05-01", "Lou", Some("event"), None),
    ] {
        let mut args = vec!["add", name];
        if let Some(s) = source {
            args.extend(["--source", s]);
        }
        if let Some(r) = referrer {
            args.extend(["--referred-by", r]);
        }
        on(&mut w, day, &args);
    }
    for (day, who, stage) in [
        ("01-11", "ann", "acquisition"),
        ("01-21", "bob", "acquisition"),
        ("01-31", "ann", "conversion"),
        ("02-06", "dan", "acquisition"),
        ("02-11", "cat", "conversion"),
        ("02-21", "dan", "conversion"),
        ("03-02", "ann", "retention"),
        ("03-11", "fay", "acquisition"),
        ("04-01", "dan", "acquisition"),
        ("04-03", "hal", "acquisition"),
        ("04-05", "ivy", "conversion"),
        ("04-10", "fay", "conversion"),
        ("05-06", "kim", "acquisition"),
        ("05-16", "kim", "conversion"),
        ("06-15", "kim", "retention"),
    ] {
        on(&mut w, day, &["stage", who, stage]);
    }
    for (day, who, amount) in [
        ("01-31", "ann", "100"),
        ("02-11", "cat", "300"),
        ("03-02", "ann", "200"),
        ("04-05", "ivy", "80"),
        ("04-10", "fay", "120"),
        ("05-16", "kim", "40"),
        ("06-15", "kim", "40"),
    ] {
        on(
            &mut w,
            day,
            &[
                "log", who, "Order", "--kind", "purchase", "--amount", amount,
            ],
        );
    }
    on(
        &mut w,
        "02-21",
        &[
            "log",
            "dan",
            "Order",
            "--kind",
            "purchase",
            "--amount",
            "50",
            "--due",
            "2026-03-01",
        ],
    );
    on(
        &mut w,
        "01-25",
        &[
            "log",
            "bob",
            "Pitch",
            "--kind",
            "call",
            "--direction",
            "out",
        ],
    );
    for (day, who, rating, comment) in [
        ("03-05", "ann", "10", "Great"),
        ("03-10", "cat", "6", "Meh"),
        ("04-06", "ivy", "8", "Fine"),
        ("04-15", "fay", "9", "Good"),
    ] {
        on(
            &mut w,
            day,
            &[
                "log", who, comment, "--kind", "feedback", "--rating", rating,
            ],
        );
    }
    on(
        &mut w,
        "11-01",
        &["log", "kim", "Broken export", "--kind", "ticket"],
    );
    w.at("2026-11-23T09:00:00Z");
    w
}

#[test]
fn funnel_counts_skips_as_passed_and_step_backs_as_reached() {
    let w = history();
    let f = w.json(&["report", "funnel"]);
    assert_eq!(
        f,
        json!([
            // Days in stage, over stays that ended: reach Ann 10, Bob 20, Cat 10,
            // Dan 5, Fay 10, Hal 2, Ivy 4, Kim 5 (median 7.5, mean 8.25);
            // acquisition Ann 20, Dan 15, Fay 30, Kim 10; conversion Ann 30,
            // Dan 39, Kim 30; retention none. From first contact (a purchase
            // or call before reaching): acquisition Cat 0, Ivy 0 (both
            // skipped it on their first purchase); retention Ann 30, Kim 30.
            {"stage": "reach", "now": 4, "reached": 12, "conversion_pct": null, "lost": 0, "median_days": 0.0, "p90_days": 0.0,
             "median_days_in_stage": 7.5, "mean_days_in_stage": 8.3, "median_days_from_first_contact": null},
            // Ann 10, Bob 20, Cat 10 (skipped), Dan 5, Fay 10, Hal 2, Ivy 4 (skipped), Kim 5
            {"stage": "acquisition", "now": 3, "reached": 8, "conversion_pct": 66.7, "lost": 0, "median_days": 7.5, "p90_days": 20.0,
             "median_days_in_stage": 17.5, "mean_days_in_stage": 18.8, "median_days_from_first_contact": 0.0},
            // Ann 30, Cat 10, Dan 20 (went back since), Fay 40, Ivy 4, Kim 15
            {"stage": "conversion", "now": 3, "reached": 6, "conversion_pct": 75.0, "lost": 0, "median_days": 17.5, "p90_days": 40.0,
             "median_days_in_stage": 30.0, "mean_days_in_stage": 33.0, "median_days_from_first_contact": 0.0},
            // Ann 60, Kim 45
            {"stage": "retention", "now": 2, "reached": 2, "conversion_pct": 33.3, "lost": 0, "median_days": 52.5, "p90_days": 60.0,
             "median_days_in_stage": null, "mean_days_in_stage": null, "median_days_from_first_contact": 30.0}
        ])
    );
    let since = w.json(&["report", "funnel", "--since", "2026-03-01"]);
    let reached: Vec<i64> = since
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reached"].as_i64().unwrap())
        .collect();
    assert_eq!(reached, [8, 4, 3, 1], "the cohort added since March");
}

#[test]
fn sources_with_conversion_and_revenue() {
    let w = history();
    let s = w.json(&["report", "sources"]);
    let rows: Vec<(String, i64, i64, Value, f64, Value)> = s
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["source"].as_str().unwrap().to_string(),
                r["contacts"].as_i64().unwrap(),
                r["paying"].as_i64().unwrap(),
                r["conversion_pct"].clone(),
                r["revenue"].as_f64().unwrap(),
                r["median_days_to_pay"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("referral".into(), 2, 2, json!(100.0), 350.0, json!(15.0)),
            ("linkedin".into(), 3, 1, json!(33.3), 300.0, json!(30.0)),
            ("website".into(), 3, 2, json!(66.7), 200.0, json!(27.5)),
            ("event".into(), 3, 1, json!(33.3), 80.0, json!(4.0)),
            ("(none)".into(), 1, 0, json!(0.0), 0.0, Value::Null),
        ]
    );
    assert_eq!(
        s[0]["reached"],
        json!({"reach": 2, "acquisition": 2, "conversion": 2, "retention": 0})
    );
    // In pipeline order, as JSON and as one CSV column per stage.
    let keys: Vec<String> = s[0]["reached"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys.len(), 4);
    let csv = w.ok(&["report", "sources", "--format", "csv"]);
    assert_eq!(
        csv.lines().next().unwrap(),
        "source,contacts,reached_reach,reached_acquisition,reached_conversion,reached_retention,paying,conversion_pct,revenue,median_days_to_pay"
    );
    assert!(
        csv.contains("\nreferral,2,2,2,2,0,2,100,350.00,15\n"),
        "{csv}"
    );
    assert!(!csv.contains('%'), "{csv}");
}

#[test]
fn revenue_in_full() {
    let w = history();
    let r = w.json(&["report", "revenue"]);
    assert_eq!(r["total"], 930.0);
    assert_eq!(r["orders"], 8);
    assert_eq!(r["average_order"], 116.25);
    assert_eq!(r["customers"], 6);
    assert_eq!(r["repeat_purchase_rate_pct"], 33.3, "Ann and Kim of six");
    assert_eq!(r["lifetime_value"], 155.0);
    assert_eq!(r["outstanding"], 50.0);
    assert_eq!(r["late"], 50.0);
    let months: Vec<(String, f64)> = r["by_period"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap().to_string(),
                p["revenue"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        months,
        [
            ("2026-01".into(), 100.0),
            ("2026-02".into(), 350.0),
            ("2026-03".into(), 200.0),
            ("2026-04".into(), 200.0),
            ("2026-05".into(), 40.0),
            ("2026-06".into(), 40.0)
        ]
    );
    let top: Vec<&str> = r["top_customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["contact"].as_str().unwrap())
        .collect();
    assert_eq!(top, ["Ann", "Cat", "Fay", "Ivy", "Kim", "Dan"]);
    let csv = w.ok(&["report", "revenue", "--format", "csv"]);
    assert!(
        csv.starts_with("period,revenue,orders\n2026-01,100.00,1\n"),
        "{csv}"
    );
}

#[test]
fn feedback_and_nps() {
    let w = history();
    let f = w.json(&["report", "feedback"]);
    assert_eq!(
        (
            f["count"].clone(),
            f["promoters"].clone(),
            f["passives"].clone(),
            f["detractors"].clone()
        ),
        (json!(4), json!(2), json!(1), json!(1))
    );
    assert_eq!(f["nps"], 25.0);
    assert_eq!(
        f["by_month"],
        json!([{"period": "2026-03", "responses": 2, "nps": 0.0}, {"period": "2026-04", "responses": 2, "nps": 50.0}])
    );
    let latest: Vec<&str> = f["latest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["comment"].as_str().unwrap())
        .collect();
    assert_eq!(latest, ["Good", "Fine", "Meh", "Great"]);
}

#[test]
fn activity_by_month_with_directions() {
    let w = history();
    let a = w.json(&["report", "activity"]);
    let totals: Vec<(String, i64, i64, i64)> = a
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap().to_string(),
                p["total"].as_i64().unwrap(),
                p["inbound"].as_i64().unwrap(),
                p["outbound"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        totals,
        [
            ("2026-01".into(), 2, 1, 1),
            ("2026-02".into(), 2, 2, 0),
            ("2026-03".into(), 3, 3, 0),
            ("2026-04".into(), 4, 4, 0),
            ("2026-05".into(), 1, 1, 0),
            ("2026-06".into(), 1, 1, 0),
            ("2026-11".into(), 1, 1, 0)
        ]
    );
    assert_eq!(a[3]["by_kind"], json!({"feedback": 2, "purchase": 2}));
    let weeks = w.json(&[
        "report",
        "activity",
        "--by",
        "week",
        "--since",
        "2026-11-01",
    ]);
    assert_eq!(
        weeks,
        json!([{"period": "2026-W44", "total": 1, "by_kind": {"ticket": 1}, "by_channel": {"(none)": 1}, "inbound": 1, "outbound": 0, "unknown_direction": 0}])
    );
}

#[test]
fn advocates_and_their_referrals() {
    let w = history();
    let a = w.json(&["report", "advocates"]);
    assert_eq!(
        a,
        json!([
            {"contact_id": 1, "contact": "Ann", "referrals": 2, "paying": 2, "revenue": 350.0, "referred": ["Cat", "Dan"]},
            {"contact_id": 3, "contact": "Cat", "referrals": 1, "paying": 1, "revenue": 120.0, "referred": ["Fay"]}
        ])
    );
}

#[test]
fn at_risk_customers_worst_first() {
    let w = history();
    let r = w.json(&["report", "at-risk"]);
    // Ann, Cat, Fay and Ivy: silent for months, past three usual gaps
    // (-75), and no purchase in the last half-year after some in the one
    // before (-15): 10. Kim has a ticket open 22 days (-10, and 15 days past
    // a week at 3 a day: -45) but buys as before: 45.
    let rows: Vec<(String, f64)> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["contact"].as_str().unwrap().to_string(),
                c["health"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Ann".into(), 10.0),
            ("Cat".into(), 10.0),
            ("Fay".into(), 10.0),
            ("Ivy".into(), 10.0),
            ("Kim".into(), 45.0)
        ]
    );
    assert!(
        r[0]["reasons"][0]
            .as_str()
            .unwrap()
            .starts_with("quiet 263 days; usually every 16 (-75)"),
        "{r}"
    );
}

#[test]
fn scores_explain_themselves() {
    let w = history();
    let kim = w.json(&["score", "kim", "--explain"]);
    assert_eq!(kim["kind"], "health");
    assert_eq!(kim["score"], 45.0);
    let points: Vec<(String, f64)> = kim["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["factor"].as_str().unwrap().to_string(),
                f["points"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        points,
        [
            ("rhythm".into(), 0.0),
            ("tickets".into(), -10.0),
            ("ticket age".into(), -45.0),
            ("purchases".into(), 0.0),
            ("payments".into(), 0.0),
            ("feedback".into(), 0.0)
        ]
    );
    let bob = w.json(&["score", "bob"]);
    assert_eq!(
        (bob["kind"].clone(), bob["score"].clone()),
        (json!("lead"), json!(10.0)),
        "halfway to paying, quiet since January"
    );
    let table = w.ok(&["score", "kim", "--explain"]);
    assert!(table.starts_with("#11 Kim: health score 45\n"), "{table}");
    assert!(table.contains("ticket age"));
    assert_eq!(w.json(&["show", "kim"])["score"]["score"], 45.0);
    let top: Vec<(String, f64)> = w
        .json(&["list", "--sort", "score", "--limit", "3"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["score"].as_f64().unwrap(),
            )
        })
        .collect();
    // Kim 45; Dan 20: a lead halfway (10) referred by Ann, whose latest
    // rating (10/10) makes her a promoter (+10); then the 10s, by id: Ann
    // (health), Bob (a lead halfway), Cat (health).
    assert_eq!(
        top,
        [
            ("Kim".into(), 45.0),
            ("Dan".into(), 20.0),
            ("Ann".into(), 10.0)
        ]
    );
    let dan = w.json(&["score", "dan", "--explain"]);
    assert!(
        dan["factors"]
            .to_string()
            .contains("referred by #1 Ann, a promoter"),
        "{dan}"
    );
    let table = w.ok(&["list", "--sort", "score", "--limit", "1"]);
    assert!(table.lines().next().unwrap().ends_with("SCORE"), "{table}");
    assert!(table.contains("health 45"), "{table}");
    // Weights are settings.
    w.ok(&["config", "set", "health-tickets", "0"]);
    assert_eq!(w.json(&["score", "kim"])["score"], 55.0);
    w.fails(&["config", "set", "health-tickets", "-1"], "'-1'");
}

#[test]
fn loyalty_points() {
    let w = history();
    assert_eq!(
        w.ok(&["points", "ann", "+50", "referred Cat and Dan"]),
        "+50 points for #1 Ann (referred Cat and Dan): balance 50\n"
    );
    w.ok(&["points", "ann", "-20", "redeemed a discount"]);
    let ann = w.json(&["show", "ann"]);
    assert_eq!(ann["points"], 30);
    assert_eq!(ann["points_history"][0]["reason"], "redeemed a discount");
    w.fails(&["points", "ann", "-100", "too much"], "has 30 points");
    w.fails(&["points", "ann", "lots", "x"], "'lots'");
    w.fails(&["points", "ann", "0", "x"], "'0'");
}

#[test]
fn read_only_sql_over_the_views() {
    let w = history();
    let rows = w.json(&[
        "sql",
        "SELECT name, points FROM contacts_v WHERE source = 'event' ORDER BY name",
    ]);
    assert_eq!(
        rows,
        json!([{"name": "Hal", "points": 0}, {"name": "Ivy", "points": 0}, {"name": "Lou", "points": 0}])
    );
    let csv = w.ok(&[
        "sql",
        "SELECT kind, count(*) AS n FROM interactions_v GROUP BY kind ORDER BY kind",
        "--format",
        "csv",
    ]);
    assert_eq!(csv, "kind,n\ncall,1\nfeedback,4\npurchase,8\nticket,1\n");
    w.fails(&["sql", "DELETE FROM contacts"], "only reads");
    w.fails(&["sql", "UPDATE contacts SET name = 'x'"], "only reads");
    w.fails(&["sql", "SELECT * FROM nowhere"], "no such table");
    w.fails(&["sql", "  "], "empty");
    assert_eq!(w.json(&["list"]).as_array().unwrap().len(), 12);
}

#[test]
fn reports_on_an_empty_book() {
    let w = World::new();
    for which in ["funnel", "sources", "activity", "at-risk", "advocates"] {
        let v = w.json(&["report", which]);
        assert!(v.is_array(), "{which}: {v}");
    }
    assert_eq!(
        w.json(&["report", "funnel"])[0],
        json!({"stage": "reach", "now": 0, "reached": 0, "conversion_pct": null, "lost": 0, "median_days": null, "p90_days": null,
               "median_days_in_stage": null, "mean_days_in_stage": null, "median_days_from_first_contact": null})
    );
    assert_eq!(w.json(&["report", "revenue"])["total"], 0.0);
    assert_eq!(w.json(&["report", "feedback"])["nps"], Value::Null);
    assert!(!w.db.exists());
}

/// The names and scores of `list --sort score`, with or without a limit.
fn by_score(w: &World, limit: Option<usize>) -> Vec<(String, Option<f64>)> {
    let l = limit.map(|l| l.to_string());
    let mut args = vec!["list", "--sort", "score", "--include-lost"];
    if let Some(l) = &l {
        args.extend(["--limit", l]);
    }
    w.json(&args)
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap().to_string(), c["score"].as_f64()))
        .collect()
}

fn limits_agree(w: &World, when: &str) {
    let all = by_score(w, None);
    for limit in 0..=all.len() + 1 {
        let expected: Vec<_> = all.iter().take(limit).cloned().collect();
        assert_eq!(by_score(w, Some(limit)), expected, "{when}, limit {limit}");
    }
}

/// `list --sort score --limit N` reads kept score bounds and stops early;
/// whatever the day, the writes, or a clock set back, it lists what sorting
/// everyone gives.
#[test]
fn the_best_scores_by_bound_are_the_best_scores() {
    let mut w = history();
    limits_agree(&w, "the day of the last write");
    for day in [
        "2026-12-01",
        "2027-02-15",
        "2027-08-01",
        "2028-06-01",
        "2029-01-01",
    ] {
        w.at(&format!("{day}T09:00:00Z"));
        limits_agree(&w, day);
    }
    // Writes after the clock moved on: a promoter's referral, a loss, a
    // sale, then a clock set back before them.
    w.at("2027-03-01T09:00:00Z");
    w.ok(&[
        "log", "eve", "loved it", "--kind", "feedback", "--rating", "10",
    ]);
    w.ok(&["add", "Max", "--referred-by", "5"]);
    w.ok(&["add", "Ned", "--referred-by", "7"]);
    w.ok(&["lose", "kim", "--reason", "moved away"]);
    w.ok(&[
        "log", "hal", "a course", "--kind", "purchase", "--amount", "50",
    ]);
    limits_agree(&w, "after writes");
    w.ok(&[
        "log", "gus", "great", "--kind", "feedback", "--rating", "10",
    ]);
    limits_agree(&w, "a referrer became a promoter");
    w.ok(&["edit", "lou", "--referred-by", "5"]);
    limits_agree(&w, "referred by a promoter");
    w.ok(&["config", "set", "lead-stage", "60"]);
    limits_agree(&w, "a weight raised");
    w.at("2026-12-15T09:00:00Z");
    limits_agree(&w, "clock set back");
    // Bounds never computed (a book from before them): scored as found.
    let conn = rusqlite::Connection::open(&w.db).unwrap();
    conn.execute(
        "UPDATE contacts SET risk_checked = NULL, score_bound = NULL WHERE id % 2 = 0",
        [],
    )
    .unwrap();
    drop(conn);
    limits_agree(&w, "half the bounds unknown");
}
