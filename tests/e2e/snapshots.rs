//! Whole outputs of the contract's tables, CSV and JSON, compared with
//! committed snapshots (insta), so that a change of output is seen, not
//! guessed. Review a change with `cargo insta review`, or accept it with
//! INSTA_UPDATE=always. Uids (random) and the temporary path are masked.

use crate::util::World;

/// A small book lived through three months at fixed clocks.
fn book() -> World {
    let mut w = World::new();
    let at = |w: &mut World, day: &str| {
        w.at(&format!("{day}T09:00:00Z"));
    };
    at(&mut w, "2026-09-01");
    for args in [
        &["init"][..],
        &[
            "add",
            "Ada Lovelace",
            "--email",
            "ada@example.com",
            "--phone",
            "+44 20 7946 0000",
            "--company",
            "Analytical Engines",
            "--source",
            "linkedin",
            "--tag",
            "vip",
            "--birthday",
            "1815-09-10",
            "--field",
            "interest=analytics",
        ],
        &[
            "add",
            "Grace Hopper",
            "--email",
            "grace@navy.example",
            "--company",
            "Navy",
            "--source",
            "referral",
            "--referred-by",
            "ada",
        ],
        &[
            "add",
            "Alan Turing",
            "--email",
            "alan@example.org",
            "--source",
            "website",
            "--stage",
            "acquisition",
        ],
        &[
            "add",
            "Zoë Brontë",
            "--email",
            "zoe@example.com",
            "--source",
            "website",
        ],
        &[
            "log",
            "ada",
            "Intro call",
            "--kind",
            "call",
            "--follow-up",
            "1w",
        ],
        &[
            "log",
            "grace",
            "Kickoff",
            "--kind",
            "meeting",
            "--at",
            "yesterday",
        ],
        &[
            "log", "grace", "Workshop", "--kind", "purchase", "--amount", "1200", "--due", "30d",
        ],
        &["log", "alan", "Bug report", "--kind", "ticket"],
        &[
            "log",
            "zoe@example.com",
            "Rated us",
            "--kind",
            "feedback",
            "--rating",
            "9",
        ],
        &["advance", "ada", "--reason", "signed"],
        &["stage", "grace", "conversion", "--reason", "paid"],
        &[
            "follow-up",
            "grace",
            "2026-09-15",
            "Check-in",
            "--every",
            "1m",
        ],
        &[
            "rules",
            "add",
            "--dormant",
            "21d",
            "--tag",
            "vip",
            "--note",
            "We miss you",
        ],
        &[
            "template",
            "add",
            "welcome",
            "--subject",
            "Welcome, {first_name}",
            "--body",
            "Hi {first_name} at {company}",
        ],
        &["points", "ada", "+50", "referred Grace"],
    ] {
        w.ok(args);
    }
    at(&mut w, "2026-09-10");
    w.ok(&["done", "1"]);
    w.ok(&["stage", "alan", "reach", "--reason", "went cold"]);
    w.ok(&[
        "log", "ada", "Order", "--kind", "purchase", "--amount", "49.90",
    ]);
    w.ok(&["resolve", "4", "fixed"]);
    at(&mut w, "2026-10-20");
    w
}

/// An output with what changes from run to run masked.
fn masked(w: &World, text: &str) -> String {
    let text = text.replace(&w.db.display().to_string(), "[DB]");
    // Uids are ULIDs: random, 26 characters, after "uid":.
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("\"uid\":") {
        let (head, tail) = rest.split_at(i + "\"uid\":".len());
        out.push_str(head);
        let value = tail.trim_start_matches(' ');
        out.push_str(&tail[..tail.len() - value.len()]);
        if value.starts_with('"') && value.len() >= 28 {
            out.push_str("\"[UID]\"");
            rest = &value[28..];
        } else {
            rest = value;
        }
    }
    out.push_str(rest);
    out
}

macro_rules! snap {
    ($w:expr, $name:literal, $args:expr) => {
        insta::assert_snapshot!($name, masked(&$w, &$w.ok($args)))
    };
}

#[test]
fn contract_outputs() {
    let w = book();
    snap!(w, "list", &["list"]);
    snap!(w, "list_csv", &["list", "--format", "csv"]);
    snap!(w, "list_json", &["list", "--json"]);
    snap!(w, "show", &["show", "ada"]);
    snap!(w, "show_json", &["show", "grace", "--json"]);
    snap!(w, "due", &["due", "--within", "1w"]);
    snap!(w, "due_json", &["due", "--within", "1w", "--json"]);
    snap!(w, "due_csv", &["due", "--within", "1w", "--format", "csv"]);
    snap!(w, "dashboard", &[]);
    snap!(w, "stages", &["stages"]);
    snap!(w, "rules", &["rules"]);
    snap!(w, "templates", &["template", "list"]);
    snap!(w, "config", &["config"]);
    snap!(w, "search", &["search", "engines"]);
    snap!(w, "score", &["score", "grace", "--explain"]);
    snap!(w, "draft", &["draft", "grace", "welcome"]);
    snap!(w, "import_list", &["import", "list"]);
    snap!(w, "check", &["check"]);
}

#[test]
fn report_outputs() {
    let w = book();
    snap!(w, "report_funnel", &["report", "funnel"]);
    snap!(w, "report_funnel_json", &["report", "funnel", "--json"]);
    snap!(w, "report_sources", &["report", "sources"]);
    snap!(
        w,
        "report_sources_csv",
        &["report", "sources", "--format", "csv"]
    );
    snap!(w, "report_activity", &["report", "activity"]);
    snap!(w, "report_revenue", &["report", "revenue"]);
    snap!(w, "report_revenue_json", &["report", "revenue", "--json"]);
    snap!(w, "report_at_risk", &["report", "at-risk"]);
    snap!(w, "report_feedback", &["report", "feedback"]);
    snap!(w, "report_advocates", &["report", "advocates"]);
    snap!(w, "export_contacts", &["export", "contacts"]);
    snap!(
        w,
        "export_interactions_json",
        &["export", "interactions", "--json"]
    );
}
