//! One file per subcommand: its arguments and its `run`. They turn
//! arguments into domain values, call the store, and hand results to `output`.

pub mod add;
pub mod advance;
pub mod backup;
pub mod calendar;
pub mod check;
pub mod completions;
pub mod config;
pub mod dashboard;
pub mod done;
pub mod draft;
pub mod due;
pub mod edit;
pub mod export;
pub mod follow_up;
pub mod forget;
pub mod import;
pub mod init;
pub mod list;
pub mod log;
pub mod paid;
pub mod points;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod score;
pub mod search;
pub mod show;
pub mod snooze;
pub mod sql;
pub mod stage;
pub mod stages;
pub mod template;

use crate::cli::{Cli, Command};
use crate::clock::{format_timestamp, local_to_utc, Clock};
use crate::domain::when::{parse_when, When};
use crate::output::{Format, Ui};
use crate::store::{Access, Db, Store};
use anyhow::{anyhow, bail, Result};
use std::path::PathBuf;

/// What every command gets: where the database is, the clock and the output.
pub struct Ctx {
    pub db_path: PathBuf,
    pub clock: Clock,
    pub ui: Ui,
}

impl Ctx {
    pub fn open(&self, access: Access) -> Result<Store> {
        Store::open(&self.db_path, access, self.clock)
    }

    /// Finds the one contact a CONTACT reference means. Several matches are
    /// an error listing them, or a pick list on a terminal.
    pub fn resolve_contact(&self, db: &Db<'_>, reference: &str) -> Result<i64> {
        let found = db.find_contacts(reference)?;
        match found.len() {
            0 => bail!("no contact matches '{reference}': expected an id, an email or part of a name (try `rapport search`)"),
            1 => Ok(found[0].0),
            n => {
                let label = |c: &(i64, String, Option<String>)| match &c.2 {
                    Some(e) => format!("#{} {} <{e}>", c.0, c.1),
                    None => format!("#{} {}", c.0, c.1),
                };
                if self.ui.interactive() {
                    let items: Vec<String> = found.iter().map(label).collect();
                    let choice = dialoguer::Select::new()
                        .with_prompt(format!("'{reference}' matches {n} contacts; which one?"))
                        .items(&items)
                        .default(0)
                        .interact_opt()?;
                    return choice
                        .map(|i| found[i].0)
                        .ok_or_else(|| anyhow!("no contact chosen for '{reference}'"));
                }
                let shown: Vec<String> = found.iter().take(10).map(label).collect();
                let more = if n > 10 { "\n  … and more".to_string() } else { String::new() };
                bail!(
                    "'{reference}' matches {} contacts: use the id or the email\n  {}{more}",
                    if n > 50 { "more than 50".to_string() } else { n.to_string() },
                    shown.join("\n  ")
                )
            }
        }
    }

    pub fn when(&self, text: &str) -> Result<When> {
        parse_when(text, self.clock.local_now()).map_err(|e| anyhow!(e))
    }

    /// A WHEN for something that already happened, as a stored timestamp.
    pub fn past_instant(&self, text: &str) -> Result<String> {
        let at = local_to_utc(self.when(text)?.instant(self.clock.local_now()));
        if at > self.clock.now() {
            bail!("'{text}' is in the future: expected a time that has passed");
        }
        Ok(format_timestamp(at))
    }
}

fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "rapport").ok_or_else(|| {
        anyhow!("cannot find a home folder for the database: give --db PATH or set RAPPORT_DB")
    })?;
    Ok(dirs.data_dir().join("rapport.db"))
}

pub fn run(cli: Cli) -> Result<()> {
    let format = if cli.json { Format::Json } else { cli.format };
    let db_path = match cli.db {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => default_db_path()?,
    };
    let clock = Clock::from_env()?;
    let existed = db_path.exists();
    let mut ctx = Ctx {
        db_path,
        clock,
        ui: Ui::new(format, cli.no_input),
    };
    let result = match cli.command {
        None => dashboard::run(&mut ctx),
        Some(command) => dispatch(&mut ctx, command),
    };
    if result.is_err() && !existed {
        // A failed first write leaves no database behind, as if never run.
        remove_new_database(&ctx.db_path);
    }
    let flushed = ctx.ui.flush();
    result.and(flushed)
}

fn remove_new_database(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

fn dispatch(ctx: &mut Ctx, command: Command) -> Result<()> {
    match command {
        Command::Init(a) => init::run(ctx, a),
        Command::Add(a) => add::run(ctx, a),
        Command::Edit(a) => edit::run(ctx, a),
        Command::Show(a) => show::run(ctx, a),
        Command::List(a) => list::run(ctx, a),
        Command::Search(a) => search::run(ctx, a),
        Command::Log(a) => log::run(ctx, a),
        Command::Stage(a) => stage::run(ctx, a),
        Command::Advance(a) => advance::run(ctx, a),
        Command::Stages(a) => stages::run(ctx, a),
        Command::FollowUp(a) => follow_up::run(ctx, a),
        Command::Done(a) => done::run(ctx, a),
        Command::Snooze(a) => snooze::run(ctx, a),
        Command::Due(a) => due::run(ctx, a),
        Command::Resolve(a) => resolve::run(ctx, a),
        Command::Paid(a) => paid::run(ctx, a),
        Command::Report(a) => report::run(ctx, a),
        Command::Score(a) => score::run(ctx, a),
        Command::Points(a) => points::run(ctx, a),
        Command::Sql(a) => sql::run(ctx, a),
        Command::Rules(a) => rules::run(ctx, a),
        Command::Template(a) => template::run(ctx, a),
        Command::Draft(a) => draft::run(ctx, a),
        Command::Calendar(a) => calendar::run(ctx, a),
        Command::Config(a) => config::run(ctx, a),
        Command::Import(a) => import::run(ctx, a),
        Command::Export(a) => export::run(ctx, a),
        Command::Forget(a) => forget::run(ctx, a),
        Command::Backup(a) => backup::run(ctx, a),
        Command::Check(a) => check::run(ctx, a),
        Command::Completions(a) => completions::run(ctx, a),
    }
}
