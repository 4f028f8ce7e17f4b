//! Sync (issue "Sync"): three devices, one folder, random offline work and
//! random sync orders converge to one book; files arrive late, cut short
//! or from a newer rapport; forget erases everywhere; a sync killed
//! anywhere finishes next time.
//!
//! `RAPPORT_SYNC_SCENARIOS=200 cargo test --test e2e sync::` runs the long
//! mode (20 scenarios by default); `RAPPORT_SYNC_SEED=N` runs scenario N alone.

use crate::util::World;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A small, seeded generator: the same scenario for the same seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

struct Devices {
    folder: PathBuf,
    worlds: Vec<World>,
    minute: u32,
}

impl Devices {
    /// Device 0 starts with a small book; 1 and 2 join empty.
    fn new(n: usize) -> Devices {
        let worlds: Vec<World> = (0..n).map(|_| World::new()).collect();
        let folder = worlds[0].dir.path().join("Sync");
        let mut d = Devices {
            folder,
            worlds,
            minute: 0,
        };
        d.run(0, &["add", "Ada Lovelace", "--email", "ada@example.com"]);
        d.run(0, &["log", "ada", "First call", "--kind", "call"]);
        for i in 0..n {
            let folder = d.folder.display().to_string();
            let name = format!("dev{i}");
            d.ok(i, &["sync", "init", &folder, "--device", &name]);
        }
        d
    }

    /// The clock moves a minute per command, as a day of work would.
    fn tick(&mut self) -> String {
        self.minute += 1;
        let (day, h, m) = (
            1 + self.minute / 600,
            8 + (self.minute / 60) % 10,
            self.minute % 60,
        );
        format!("2026-11-{day:02}T{h:02}:{m:02}:00Z")
    }

    fn run(&mut self, i: usize, args: &[&str]) -> crate::util::Outcome {
        let now = self.tick();
        self.worlds[i].at(&now);
        let out = self.worlds[i].run(args);
        if std::env::var("RAPPORT_SYNC_TRACE").is_ok() {
            eprintln!(
                "dev{i} {args:?} -> {} {}{}",
                out.code,
                out.stdout.trim(),
                out.stderr.trim()
            );
        }
        assert!(
            out.code == 0 || out.code == 1,
            "dev{i} {args:?}: exit {}\n{}",
            out.code,
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        out
    }

    fn ok(&mut self, i: usize, args: &[&str]) -> String {
        let out = self.run(i, args);
        assert_eq!(out.code, 0, "dev{i} {args:?}:\n{}", out.stderr);
        out.stdout
    }

    fn json(&mut self, i: usize, args: &[&str]) -> Value {
        let mut a = args.to_vec();
        a.push("--json");
        serde_json::from_str(&self.ok(i, &a)).unwrap()
    }

    fn sync(&mut self, i: usize) -> String {
        let out = self.run(i, &["sync"]);
        assert_eq!(out.code, 0, "dev{i} sync:\n{}", out.stderr);
        assert!(
            !out.stderr.contains("warning"),
            "dev{i} sync: {}",
            out.stderr
        );
        out.stdout
    }

    /// Every device syncs until a round changes nothing.
    fn settle(&mut self) {
        for _ in 0..6 {
            let mut quiet = true;
            for i in 0..self.worlds.len() {
                if !self.sync(i).is_empty() {
                    quiet = false;
                }
            }
            if quiet {
                return;
            }
        }
        panic!("syncs still had work after 6 rounds");
    }

    /// `export all` as JSON, with what is this device's own left out:
    /// the contacts' revision counters (how many writes this device made
    /// to them) and the points/referral bookkeeping of when it was checked.
    fn book(&mut self, i: usize) -> Value {
        let mut v: Value = serde_json::from_str(&self.ok(i, &["export", "all"])).unwrap();
        if let Some(contacts) = v["contacts"].as_array_mut() {
            for c in contacts {
                if let Some(o) = c.as_object_mut() {
                    o.remove("revision");
                }
            }
        }
        v
    }
}

fn contact_ids(d: &mut Devices, i: usize) -> Vec<i64> {
    d.json(i, &["list", "--include-lost"])
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["id"].as_i64())
        .collect()
}

/// One random piece of offline work on device `i`; what it logged, if it
/// logged an interaction: (contact uid, summary).
fn work(d: &mut Devices, rng: &mut Rng, i: usize, n: usize, logs: &mut Vec<(String, String)>) {
    let ids = contact_ids(d, i);
    let pick = |rng: &mut Rng| ids[rng.below(ids.len())].to_string();
    let tag = format!("t{}", rng.below(3));
    match rng.below(12) {
        0 | 1 => {
            let name = format!("Person {i}-{n}");
            let email = format!("p{i}x{n}@example.com");
            d.ok(i, &["add", &name, "--email", &email]);
        }
        _ if ids.is_empty() => {}
        2 => {
            // The same field on several devices: a conflict to resolve.
            let company = format!("Company {}", rng.below(4));
            let c = pick(rng);
            d.run(i, &["edit", &c, "--company", &company]);
        }
        3 => {
            let title = format!("Title {i}-{n}");
            let c = pick(rng);
            d.run(i, &["edit", &c, "--title", &title]);
        }
        4 => {
            let c = pick(rng);
            if rng.chance(70) {
                d.run(i, &["edit", &c, "--tag", &tag]);
            } else {
                d.run(i, &["edit", &c, "--untag", &tag]);
            }
        }
        5 | 6 => {
            let c = pick(rng);
            let summary = format!("Call {i}-{n}");
            let out = d.run(i, &["log", &c, &summary, "--kind", "call"]);
            if out.code == 0 {
                let uid = d.json(i, &["show", &c])["uid"]
                    .as_str()
                    .unwrap()
                    .to_string();
                logs.push((uid, summary));
            }
        }
        7 => {
            let stages = ["reach", "acquisition", "conversion", "retention"];
            let stage = stages[rng.below(4)];
            let c = pick(rng);
            d.run(i, &["stage", &c, stage]);
        }
        8 => {
            let c = pick(rng);
            let out = d.run(i, &["follow-up", &c, "+1d", "Check in", "--json"]);
            if out.code == 0 && rng.chance(50) {
                let id = serde_json::from_str::<Value>(&out.stdout).unwrap()["id"].to_string();
                d.run(i, &["done", &id]);
            }
        }
        9 => {
            let roll = rng.below(10);
            if roll < 3 && ids.len() > 2 {
                let c = pick(rng);
                d.ok(i, &["forget", &c, "--yes"]);
            } else if roll < 5 && ids.len() > 2 {
                let (a, b) = (pick(rng), pick(rng));
                if a != b {
                    d.ok(i, &["merge", &a, &b]);
                }
            } else if roll < 6 {
                d.run(i, &["merge", "--undo"]);
            } else {
                let c = pick(rng);
                let note = format!("Note {i}-{n}");
                d.run(i, &["edit", &c, "--note", &note]);
            }
        }
        10 => {
            if rng.chance(50) {
                let days = format!("{}", 3 + rng.below(5));
                d.ok(i, &["config", "set", "quiet-days", &days]);
            } else {
                let after = format!("{}d", 20 + rng.below(20));
                d.ok(
                    i,
                    &["rules", "add", "--dormant", &after, "--note", "We miss you"],
                );
            }
        }
        _ => {
            let file = d.worlds[i].dir.path().join(format!("in{n}.csv"));
            std::fs::write(
                &file,
                format!("name,email,company\nImported {i}-{n},imp{i}x{n}@example.com,Acme\n"),
            )
            .unwrap();
            let out = d.run(i, &["import", "contacts", file.to_str().unwrap(), "--json"]);
            if out.code == 0 && rng.chance(40) {
                let batch =
                    serde_json::from_str::<Value>(&out.stdout).unwrap()["batch"].to_string();
                d.run(i, &["import", "undo", &batch]);
            }
        }
    }
}

/// One scenario; returns how many conflicts the devices resolved.
fn scenario(seed: u64) -> usize {
    eprintln!("scenario {seed} (RAPPORT_SYNC_SEED={seed} runs it alone)");
    let mut rng = Rng(seed.wrapping_mul(0x9E3779B97F4A7C15) | 1);
    let mut d = Devices::new(3);
    let mut logs = Vec::new();
    let steps = 12 + rng.below(14);
    for n in 0..steps {
        let i = rng.below(3);
        work(&mut d, &mut rng, i, n, &mut logs);
        if rng.chance(30) {
            let j = rng.below(3);
            d.sync(j);
            if rng.chance(30) {
                d.sync(j); // twice: nothing more
            }
        }
    }
    d.settle();
    let books: Vec<Value> = (0..3).map(|i| d.book(i)).collect();
    for i in 1..3 {
        if books[0] != books[i] {
            let a = serde_json::to_string_pretty(&books[0]).unwrap();
            let b = serde_json::to_string_pretty(&books[i]).unwrap();
            let differ: Vec<String> = a
                .lines()
                .zip(b.lines())
                .enumerate()
                .filter(|(_, (x, y))| x != y)
                .take(20)
                .map(|(n, (x, y))| format!("line {n}:\n  dev0 {x}\n  dev{i} {y}"))
                .collect();
            if let Ok(keep) = std::env::var("RAPPORT_SYNC_KEEP") {
                for (n, w) in d.worlds.iter().enumerate() {
                    let _ = std::process::Command::new("cp")
                        .args([
                            "-r",
                            &w.dir.path().display().to_string(),
                            &format!("{keep}/dev{n}"),
                        ])
                        .status();
                }
            }
            panic!(
                "seed {seed}: dev0 and dev{i} differ:\n{}",
                differ.join("\n")
            );
        }
    }
    // No interaction lost: every one logged is there unless its contact was forgotten.
    let contacts: Vec<String> = books[0]["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["uid"].as_str().unwrap().to_string())
        .collect();
    let summaries: Vec<&str> = books[0]["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["summary"].as_str())
        .collect();
    for (uid, summary) in &logs {
        if contacts.contains(uid) {
            assert!(
                summaries.contains(&summary.as_str()),
                "seed {seed}: {summary} lost"
            );
        }
    }
    let mut conflicts = 0;
    for i in 0..3 {
        d.ok(i, &["check"]);
        conflicts += d.json(i, &["sync", "conflicts"]).as_array().unwrap().len();
    }
    conflicts
}

#[test]
fn three_devices_converge_whatever_the_order() {
    let n: u64 = std::env::var("RAPPORT_SYNC_SCENARIOS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    if let Some(seed) = std::env::var("RAPPORT_SYNC_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        scenario(seed);
        return;
    }
    let conflicts: usize = (1..=n).map(scenario).sum();
    // The scenarios do meet conflicts (and resolve them the same way).
    assert!(conflicts > 0, "{n} scenarios and not one conflict");
    eprintln!("{n} scenarios, {conflicts} conflicts resolved");
}

/// Edits of different fields of one contact both survive; edits of the
/// same field resolve to the later one on every device, and both devices
/// log the conflict with the value kept and the one set aside.
#[test]
fn concurrent_edits_merge_by_field_and_conflicts_are_logged() {
    let mut d = Devices::new(2);
    d.settle();
    d.ok(
        0,
        &[
            "edit",
            "ada",
            "--company",
            "Engines Ltd",
            "--title",
            "Countess",
        ],
    );
    d.ok(
        1,
        &[
            "edit",
            "ada",
            "--company",
            "Analytical Engines",
            "--location",
            "London",
        ],
    );
    d.settle();
    let board = d.ok(0, &[]);
    assert!(
        board.contains("Sync: device dev0; 1 new conflict resolved (`rapport sync conflicts`)"),
        "{board}"
    );
    for i in 0..2 {
        let ada = d.json(i, &["show", "ada"]);
        assert_eq!(ada["title"], "Countess", "dev{i}");
        assert_eq!(ada["location"], "London", "dev{i}");
        assert_eq!(
            ada["company"], "Analytical Engines",
            "dev{i}: the later edit wins"
        );
        let conflicts = d.json(i, &["sync", "conflicts"]);
        let c = &conflicts.as_array().unwrap()[0];
        assert_eq!(c["field"], "company", "dev{i}: {conflicts}");
        assert_eq!(c["kept"], "Analytical Engines");
        assert_eq!(c["set_aside"], "Engines Ltd");
        assert_eq!(c["record"], "#1 Ada Lovelace");
    }
    let text = d.ok(0, &["sync", "conflicts"]);
    assert!(text.contains("company"), "{text}");
    // An edit made after seeing the other's is no conflict.
    d.ok(0, &["edit", "ada", "--company", "Engines plc"]);
    d.settle();
    assert_eq!(d.json(1, &["show", "ada"])["company"], "Engines plc");
    assert_eq!(
        d.json(1, &["sync", "conflicts"]).as_array().unwrap().len(),
        1
    );
    // The dashboard says what waits (the conflicts were looked at above).
    d.ok(1, &["edit", "ada", "--note", "Prefers mornings"]);
    let board = d.ok(1, &[]);
    assert!(
        board.contains("Sync: device dev1; 1 change not sent yet (`rapport sync`)\n"),
        "{board}"
    );
    assert_eq!(d.json(1, &[])["sync"]["pending_changes"], 1);
    d.settle();
    let status = d.json(1, &["sync", "status"]);
    assert_eq!(status["device"], "dev1");
    assert_eq!(status["new_conflicts"], 0);
    assert_eq!(status["devices"][0]["device"], "dev0");
    assert_eq!(status["pending_changes"], 0);
}

/// New contacts on two devices never share a number; `sync` with nothing
/// to do prints nothing; a week offline goes in one sync.
#[test]
fn numbers_never_collide_and_an_idle_sync_is_silent() {
    let mut d = Devices::new(2);
    d.settle();
    for n in 0..5 {
        d.ok(0, &["add", &format!("Zero {n}")]);
        d.ok(1, &["add", &format!("One {n}")]);
    }
    let out = d.sync(1);
    assert!(out.starts_with("sent 10 changes"), "{out}");
    d.settle();
    let ids = contact_ids(&mut d, 0);
    assert_eq!(ids.len(), 11);
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique.len(), 11, "{ids:?}");
    assert_eq!(d.sync(0), "");
    assert_eq!(d.sync(1), "");
    assert_eq!(d.book(0), d.book(1));
    // What was sent lives in the folder, not twice in the book.
    for w in &d.worlds {
        let conn = rusqlite::Connection::open(&w.db).unwrap();
        let kept: i64 = conn
            .query_row("SELECT count(*) FROM sync_outbox", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 0);
    }
}

fn only_file(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rsync"))
        .collect();
    files.sort();
    files.pop().unwrap()
}

/// A file cut short (the folder still syncing) is skipped with a warning
/// and applied once whole; a file from a newer rapport waits with a
/// message; temporary files are ignored.
#[test]
fn late_cut_and_newer_files_wait() {
    let mut d = Devices::new(2);
    d.settle();
    d.ok(0, &["add", "Grace Hopper"]);
    d.sync(0);
    let file = only_file(&d.folder.join("dev0"));
    let whole = std::fs::read(&file).unwrap();
    std::fs::write(&file, &whole[..whole.len() - 20]).unwrap();
    std::fs::write(
        d.folder.join("dev0").join(".0000000009.rsync.123.tmp"),
        b"partial",
    )
    .unwrap();
    let out = d.run(1, &["sync"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stderr.contains("incomplete or damaged"),
        "{}",
        out.stderr
    );
    assert!(d
        .json(1, &["search", "grace"])
        .as_array()
        .unwrap()
        .is_empty());
    std::fs::write(&file, &whole).unwrap();
    assert!(d.sync(1).contains("applied"));
    assert_eq!(d.json(1, &["show", "grace"])["name"], "Grace Hopper");

    // A newer schema.
    d.ok(0, &["add", "Alan Turing"]);
    d.sync(0);
    let file = only_file(&d.folder.join("dev0"));
    let text = String::from_utf8(std::fs::read(&file).unwrap()).unwrap();
    let newer = text.replacen("\"schema\":7", "\"schema\":99", 1);
    assert_ne!(text, newer);
    std::fs::write(&file, newer).unwrap();
    let out = d.run(1, &["sync"]);
    assert_eq!(out.code, 0);
    assert!(out.stderr.contains("upgrade rapport"), "{}", out.stderr);
    assert!(d
        .json(1, &["search", "alan"])
        .as_array()
        .unwrap()
        .is_empty());
}

/// Forget on one device erases the contact on the others, with no bytes
/// left in their books, and the folder's files no longer carry them.
#[test]
fn forget_erases_on_every_device_and_in_the_folder() {
    let mut d = Devices::new(3);
    d.ok(
        1,
        &[
            "add",
            "Victoria Secret",
            "--email",
            "victoria@private.example",
        ],
    );
    d.ok(
        1,
        &[
            "log",
            "victoria",
            "Spoke about the private matter",
            "--kind",
            "call",
        ],
    );
    d.settle();
    assert_eq!(d.json(2, &["show", "victoria"])["name"], "Victoria Secret");
    d.ok(0, &["forget", "victoria", "--yes"]);
    let status = d.json(0, &["sync", "status"]);
    assert_eq!(status["erasures_waiting"], 2, "{status}");
    d.settle();
    for i in 0..3 {
        d.run(i, &["show", "victoria"]);
        let bytes = std::fs::read(&d.worlds[i].db).unwrap();
        assert!(
            !bytes.windows(24).any(|w| w == b"victoria@private.example"),
            "dev{i}'s book still holds the email"
        );
    }
    for entry in walk(&d.folder) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !bytes.windows(24).any(|w| w == b"victoria@private.example"),
            "{} still holds the email",
            entry.display()
        );
    }
    assert_eq!(d.json(0, &["sync", "status"])["erasures_waiting"], 0);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// `sync` killed at any point: the book and the folder stay consistent,
/// the next sync finishes the job, nothing is applied twice.
#[test]
fn a_killed_sync_finishes_next_time() {
    let kills: usize = if std::env::var("RAPPORT_SYNC_SCENARIOS").is_ok() {
        50
    } else {
        8
    };
    let mut d = Devices::new(2);
    d.settle();
    for n in 0..kills {
        for k in 0..20 {
            d.ok(0, &["add", &format!("Batch {n}-{k}")]);
        }
        d.ok(0, &["log", "ada", &format!("Call {n}"), "--kind", "call"]);
        // Kill the sending side half the time, the receiving side always.
        if n % 2 == 1 {
            let now = d.tick();
            d.worlds[0].at(&now);
            let mut child = d.worlds[0]
                .process(&["sync"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(std::time::Duration::from_millis((n as u64 * 3) % 25));
            let _ = child.kill();
            let _ = child.wait();
            d.ok(0, &["check"]);
        }
        d.sync(0);
        let now = d.tick();
        d.worlds[1].at(&now);
        let mut child = d.worlds[1]
            .process(&["sync"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5 + (n as u64 * 7) % 40));
        let _ = child.kill();
        let _ = child.wait();
        d.ok(1, &["check"]);
    }
    d.settle();
    assert_eq!(d.book(0), d.book(1));
    // Every file in the folder is whole; no temporary file is left.
    for path in walk(&d.folder) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "{name} left behind");
    }
    let calls = d.json(1, &["show", "ada"])["interaction_count"]
        .as_i64()
        .unwrap();
    assert_eq!(calls, 1 + kills as i64, "each call once");
}

/// A second book with contacts cannot join a folder that has one; an
/// unknown device name is refused; `sync` before `sync init` says what to do.
#[test]
fn joining_is_refused_when_it_would_lose_or_mix_books() {
    let mut d = Devices::new(1);
    let other = World::new();
    other.ok(&["add", "Someone Else"]);
    let folder = d.folder.display().to_string();
    other.fails(
        &["sync", "init", &folder, "--device", "two"],
        "two books cannot become one",
    );
    let fresh = World::new();
    fresh.fails(
        &["sync", "init", &folder, "--device", "dev0"],
        "already syncs in",
    );
    fresh.fails(
        &["sync", "init", &folder, "--device", "bad name!"],
        "not a device name",
    );
    fresh.fails(&["sync"], "sync init");
    d.ok(0, &["sync"]);
    let text = d.ok(0, &["sync", "status"]);
    assert!(
        text.contains("dev0 (slot 0)") && text.contains("No other device"),
        "{text}"
    );
    // The folder gone (unmounted): said, nothing changed.
    std::fs::rename(&d.folder, d.folder.with_extension("away")).unwrap();
    d.worlds[0].fails(&["sync"], "is not there");
}

/// Two devices add the same person offline: the sync applies both and
/// names them; a merge on either device joins them everywhere.
#[test]
fn the_same_person_added_on_two_devices_is_named_and_merged_once() {
    let mut d = Devices::new(2);
    d.settle();
    d.ok(
        0,
        &[
            "add",
            "Grace Hopper",
            "--email",
            "grace@navy.example",
            "--company",
            "Navy",
        ],
    );
    d.ok(
        1,
        &[
            "add",
            "Grace B. Hopper",
            "--email",
            "GRACE@navy.example",
            "--title",
            "Rear Admiral",
        ],
    );
    d.ok(
        1,
        &["log", "grace", "Met at the conference", "--kind", "meeting"],
    );
    d.sync(0);
    let out = d.run(1, &["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("1 email now belongs to two contacts")
            && out
                .stderr
                .contains("grace@navy.example: #8 Grace Hopper, #9 Grace B. Hopper"),
        "{}",
        out.stderr
    );
    d.settle();
    let status = d.json(0, &["sync", "status"]);
    assert_eq!(
        status["shared_emails"].as_array().unwrap().len(),
        1,
        "{status}"
    );
    d.ok(0, &["merge", "8", "9"]);
    d.settle();
    for i in 0..2 {
        let g = d.json(i, &["show", "8"]);
        assert_eq!(g["title"], "Rear Admiral", "dev{i}");
        assert_eq!(g["company"], "Navy", "dev{i}");
        assert_eq!(
            g["recent_interactions"][0]["summary"],
            "Met at the conference"
        );
        assert!(d.json(i, &["sync", "status"])["shared_emails"]
            .as_array()
            .unwrap()
            .is_empty());
    }
    assert_eq!(d.book(0), d.book(1));
    // Undone on the device that merged: the other contact comes back on
    // both, under a new number (the old one is known everywhere as gone).
    d.ok(0, &["merge", "--undo"]);
    d.settle();
    assert_eq!(d.book(0), d.book(1));
    let back = d.json(1, &["search", "Grace B"]);
    assert_eq!(back.as_array().unwrap().len(), 1, "{back}");
    assert_ne!(back[0]["id"], 9);
    assert_eq!(
        d.json(1, &["show", &back[0]["id"].to_string()])["recent_interactions"][0]["summary"],
        "Met at the conference"
    );
}

/// Two devices add a stage of the same name at once: the lower number
/// keeps the name, the other is named with its number, on both.
#[test]
fn one_stage_name_added_on_two_devices_settles_the_same_everywhere() {
    let mut d = Devices::new(2);
    d.settle();
    d.ok(
        0,
        &[
            "stages",
            "set",
            "reach,acquisition,conversion,retention,advocacy",
        ],
    );
    d.ok(
        1,
        &[
            "stages",
            "set",
            "reach,acquisition,conversion,retention,advocacy",
        ],
    );
    d.ok(1, &["stage", "ada", "advocacy"]);
    d.settle();
    assert_eq!(d.book(0), d.book(1));
    let stages = d.json(0, &["stages"]);
    let names: Vec<&str> = stages
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"advocacy"), "{names:?}");
    assert!(
        names.iter().any(|n| n.starts_with("advocacy #")),
        "{names:?}"
    );
}

/// Two `sync`s of one book at once (cron and a person): each file is
/// applied once, and both finish cleanly.
#[test]
fn two_syncs_at_once_apply_each_file_once() {
    let mut d = Devices::new(2);
    d.settle();
    for round in 0..3 {
        for n in 0..10 {
            d.ok(
                0,
                &["log", "ada", &format!("Call {round}-{n}"), "--kind", "call"],
            );
        }
        d.sync(0);
        let now = d.tick();
        d.worlds[1].at(&now);
        let children: Vec<_> = (0..2)
            .map(|_| {
                d.worlds[1]
                    .process(&["sync"])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    d.settle();
    assert_eq!(d.json(1, &["show", "ada"])["interaction_count"], 31);
    assert_eq!(d.book(0), d.book(1));
}

/// One number given to two different records (a book copied by hand into
/// another device, say): the file is refused whole, loudly, and the book
/// stays as it was; the other devices' files still apply.
#[test]
fn the_same_number_for_two_records_is_refused_and_changes_nothing() {
    let mut d = Devices::new(2);
    d.settle();
    d.ok(0, &["add", "Grace Hopper"]);
    d.sync(0);
    // Device 1 has another record under Grace's number.
    let conn = rusqlite::Connection::open(&d.worlds[1].db).unwrap();
    conn.execute(
        "INSERT INTO contacts (id, uid, name, stage_id, stage_since, created_at, updated_at) \
         VALUES (8, 'OTHERUID', 'Someone Else', 1, '2026-11-01T08:00:00Z', '2026-11-01T08:00:00Z', '2026-11-01T08:00:00Z')",
        [],
    )
    .unwrap();
    drop(conn);
    let before = crate::util::dump(&d.worlds[1].db);
    let out = d.run(1, &["sync"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stderr
            .contains("two devices minted the same number; nothing was applied")
            && out.stderr.contains("OTHERUID"),
        "{}",
        out.stderr
    );
    assert_eq!(
        before,
        crate::util::dump(&d.worlds[1].db),
        "nothing applied"
    );
}
