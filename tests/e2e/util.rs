//! A fixed world for driving the real binary: a temp database, a fixed
//! clock, UTC, no colour, no terminal.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub const NOW: &str = "2026-11-23T09:00:00Z";

pub struct World {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    pub now: String,
}

pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl World {
    pub fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("crm.db");
        World {
            dir,
            db,
            now: NOW.to_string(),
        }
    }

    pub fn at(&mut self, now: &str) -> &mut World {
        self.now = now.to_string();
        self
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("rapport").unwrap();
        cmd.env_clear()
            .env("RAPPORT_DB", &self.db)
            .env("RAPPORT_NOW", &self.now)
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env("HOME", self.dir.path())
            .args(args)
            .write_stdin("");
        cmd
    }

    /// The binary as a plain process with the same cleared environment as
    /// `cmd`, stdin closed: for tests that spawn, kill or race it.
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        process(&self.db, &self.now, args)
    }

    pub fn run(&self, args: &[&str]) -> Outcome {
        let out = self.cmd(args).output().unwrap();
        Outcome {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs a command that must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.code, 0,
            "rapport {args:?} failed:\n{}{}",
            out.stdout, out.stderr
        );
        out.stdout
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut with_json = args.to_vec();
        with_json.push("--json");
        let out = self.ok(&with_json);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}"))
    }

    /// A command that must fail as the contract says: exit 1, one `error:`
    /// line naming `needle`, and the database exactly as it was.
    pub fn fails(&self, args: &[&str], needle: &str) -> String {
        let before = dump(&self.db);
        let out = self.run(args);
        assert_eq!(
            out.code, 1,
            "rapport {args:?}: exit {}, want 1\n{}",
            out.code, out.stderr
        );
        let first = out.stderr.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("error: "),
            "rapport {args:?}: stderr {:?}",
            out.stderr
        );
        assert!(
            first.contains(needle),
            "rapport {args:?}: error line {first:?} does not name {needle:?}"
        );
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        assert_eq!(
            before,
            dump(&self.db),
            "rapport {args:?} changed the database"
        );
        out.stderr
    }

    /// An initialised, empty book.
    pub fn seeded_empty() -> World {
        let w = World::new();
        w.ok(&["init"]);
        w
    }

    /// A small book: Ada (vip, linkedin), Grace, Alan.
    pub fn seeded() -> World {
        let w = World::new();
        w.ok(&["init"]);
        w.ok(&[
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
            "1815-12-10",
            "--field",
            "interest=analytics",
        ]);
        w.ok(&[
            "add",
            "Grace Hopper",
            "--email",
            "grace@navy.example",
            "--company",
            "Navy",
        ]);
        w.ok(&[
            "add",
            "Alan Turing",
            "--email",
            "alan@example.org",
            "--source",
            "referral",
        ]);
        w
    }
}

/// `World::process` for a database and clock of its own (threads share a path).
pub fn process(db: &Path, now: &str, args: &[&str]) -> std::process::Command {
    environment(
        std::process::Command::new(assert_cmd::cargo::cargo_bin("rapport")),
        db,
        now,
        args,
    )
}

/// `process` as an unprivileged user: as root (as in CI) through setpriv as
/// nobody, since root ignores file permissions.
pub fn process_as_nobody(db: &Path, now: &str, args: &[&str]) -> std::process::Command {
    if !is_root() {
        return process(db, now, args);
    }
    let mut setpriv = std::process::Command::new("setpriv");
    setpriv
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(assert_cmd::cargo::cargo_bin("rapport"));
    environment(setpriv, db, now, args)
}

fn environment(
    mut cmd: std::process::Command,
    db: &Path,
    now: &str,
    args: &[&str],
) -> std::process::Command {
    cmd.env_clear()
        .env("RAPPORT_DB", db)
        .env("RAPPORT_NOW", now)
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        // Notes of files being written go under HOME: the test's own folder.
        .env("HOME", db.parent().unwrap_or(Path::new("/nonexistent")))
        .args(args)
        .stdin(std::process::Stdio::null());
    cmd
}

pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

/// Every row of every table, sorted, with the schema version: equal dumps
/// mean an unchanged database.
pub fn dump(db: &Path) -> String {
    if !db.is_file() {
        return format!("no database file (exists: {})", db.exists());
    }
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return format!("{:?}", std::fs::read(db).unwrap());
    };
    let mut out = String::new();
    let Ok(version) = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) else {
        // Not a database: its bytes are its dump.
        return format!("{:?}", std::fs::read(db).unwrap());
    };
    out.push_str(&format!("user_version {version}\n"));
    let mut tables: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables.sort();
    for (table, sql) in tables {
        out.push_str(&format!("{sql}\n"));
        if sql.starts_with("CREATE VIRTUAL") {
            continue;
        }
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut cells = Vec::new();
                for i in 0..n {
                    cells.push(format!("{:?}", r.get_ref(i)?));
                }
                Ok(cells.join("|"))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        for row in rows {
            out.push_str(&format!("{table}: {row}\n"));
        }
    }
    out
}
