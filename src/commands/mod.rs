//! The command line: one file per subcommand, with its arguments and its
//! `run`, which turns the arguments into a call of one operation (`ops/`)
//! and hands the result to `output/`. Groups of subcommands are folders.
//! Commands never import each other: what two share is an operation.

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
pub mod lose;
pub mod merge;
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
pub mod sync;
pub mod template;

use crate::clock::Clock;
use crate::domain::text::shown;
use crate::domain::when::{parse_when, When};
use crate::error::{Error, Result};
use crate::ops::contact::{self, Found};
use crate::output::{Format, Ui};
use crate::store::{Access, Db, Store};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// A local-first CRM for solopreneurs: contacts, lifecycle stages,
/// interactions and follow-ups in one SQLite file.
#[derive(Debug, Parser)]
#[command(name = "rapport", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]
    #[arg(long, global = true, env = "RAPPORT_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// How records are printed
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Short for --format json
    #[arg(long, global = true)]
    pub json: bool,

    /// Never prompt; a missing value is an error (always so without a terminal)
    #[arg(long, global = true)]
    pub no_input: bool,

    /// CSV cells exactly as stored: no `'` before a cell a spreadsheet would run as a formula
    #[arg(long, global = true)]
    pub raw: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

const AFTER_HELP: &str = "With no command, rapport shows today's dashboard.\n\
Dates (WHEN): YYYY-MM-DD, 'YYYY-MM-DD HH:MM', today, tomorrow, yesterday, +3d, 2w, 1m, -2d, 'in 3 days', 'next monday', friday.\n\
Durations: 10d, 3w, 6m, 1y.  RAPPORT_NOW fixes the clock.";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database with a pipeline of stages
    Init(init::Args),
    /// Add a contact (asks for the details on a terminal when NAME is left out)
    Add(add::Args),
    /// Change a contact's details, tags, fields or do-not-contact flag
    Edit(edit::Args),
    /// A contact's profile, stage history, recent interactions, follow-ups and tickets
    Show(show::Args),
    /// List contacts, filtered and sorted
    List(list::Args),
    /// Full-text search over contacts and what was said with them
    Search(search::Args),
    /// Log an interaction: a call, email, meeting, message, note, purchase, feedback or ticket
    Log(log::Args),
    /// Move a contact to any stage, forward or back
    Stage(stage::Args),
    /// Move a contact to the next stage of the pipeline
    Advance(advance::Args),
    /// A contact leaves the pipeline, with why; any stage move wins them back
    Lose(lose::Args),
    /// Two contacts that are one person become one (their history moves to the first); undoable with --undo
    Merge(merge::Args),
    /// Show the pipeline, or change it with `stages set`
    Stages(stages::Args),
    /// Schedule a follow-up, once or recurring
    FollowUp(follow_up::Args),
    /// Mark an item of `due` as done (a recurring follow-up comes back)
    Done(done::Args),
    /// Move an item of `due` to a later date
    Snooze(snooze::Args),
    /// What is due today (or within a window): follow-ups, rule reminders, tickets, at-risk alerts; overdue first
    Due(due::Args),
    /// Resolve a support ticket
    Resolve(resolve::Args),
    /// Mark an invoiced purchase paid
    Paid(paid::Args),
    /// Rules that make reminders: welcome on entering a stage, gone quiet, stay-in-touch cadences, birthdays, reviews
    Rules(rules::Args),
    /// Message templates with {placeholders}, for drafts
    Template(template::Args),
    /// Print a message for a contact from a template, or write it as an .eml draft
    Draft(draft::Args),
    /// Write follow-ups, birthdays and anniversaries as an iCalendar (.ics) file
    Calendar(calendar::Args),
    /// Settings: quiet-days, paying-stage, health threshold, score weights, …
    Config(config::Args),
    /// What works: funnel, sources, activity, revenue, at-risk, feedback, advocates
    Report(report::Args),
    /// A contact's lead score (not yet paying) or health score (paying), with --explain
    Score(score::Args),
    /// Loyalty points: add or take away, with a reason
    Points(points::Args),
    /// A read-only SQL query over the documented views, printed as a table, JSON or CSV
    Sql(sql::Args),
    /// Bring contacts or interactions in from CSV (HubSpot, Google, LinkedIn, Outlook, Pipedrive, Mailchimp), undoably
    Import(import::Args),
    /// One book on several devices through a synced folder (Syncthing, Dropbox, iCloud, git): `sync init DIR`, then `sync`
    Sync(sync::Args),
    /// Write contacts, interactions or the whole database out as CSV or JSON
    Export(export::Args),
    /// Erase a contact and everything about it
    Forget(forget::Args),
    /// Write a consistent copy of the database, safe while it is in use
    Backup(backup::Args),
    /// Check the database's integrity; exits 1 on any problem
    Check(check::Args),
    /// Print a shell completion script
    Completions(completions::Args),
}

/// What every command gets: where the database is, the clock and the output.
pub struct Ctx {
    pub db_path: PathBuf,
    pub clock: Clock,
    pub ui: Ui,
}

impl Ctx {
    /// The book for reading: a missing one reads as empty and is not created.
    pub fn read(&mut self) -> Result<Store> {
        self.open(Access::Read)
    }

    /// The book for writing: created (0600) on the first write.
    pub fn write(&mut self) -> Result<Store> {
        self.open(Access::Write)
    }

    fn open(&mut self, access: Access) -> Result<Store> {
        let store = crate::ops::open(&self.db_path, access, self.clock)?;
        if let Some(m) = &store.migrated {
            let copy = m
                .backup
                .as_ref()
                .map(|p| format!("; a copy of the old one is at {}", p.display()))
                .unwrap_or_default();
            self.ui.note(&format!(
                "rapport: upgraded the database from schema version {} to {}{copy}",
                m.from, m.to
            ))?;
        }
        Ok(store)
    }

    /// The book for writing, and the contacts these references mean. A
    /// book not created yet has no contacts, so a reference is refused
    /// before anything is created: a mistyped name leaves no file behind.
    pub fn write_for(&mut self, references: &[&str]) -> Result<(Store, Vec<i64>)> {
        if !references.is_empty() && !self.db_path.exists() {
            let store = self.read()?;
            for r in references {
                self.contact(&store.read(), r)?;
            }
        }
        let store = self.write()?;
        let mut ids = Vec::with_capacity(references.len());
        for r in references {
            ids.push(self.contact(&store.read(), r)?);
        }
        Ok((store, ids))
    }

    /// The one contact a CONTACT reference means: when it matches several,
    /// a pick list on a terminal, else an error listing them.
    pub fn contact(&mut self, db: &Db<'_>, reference: &str) -> Result<i64> {
        match contact::resolve(db, reference)? {
            Found::One(id) => Ok(id),
            Found::Ambiguous(candidates) if self.ui.interactive() => {
                let items: Vec<String> = candidates.iter().map(|c| c.label()).collect();
                let prompt = format!(
                    "'{}' matches {} contacts; which one?",
                    shown(reference),
                    candidates.len()
                );
                match self.ui.pick(&prompt, &items)? {
                    Some(i) => Ok(candidates[i].id),
                    None => Err(crate::refused!(
                        "no contact chosen for '{}'",
                        shown(reference)
                    )),
                }
            }
            Found::Ambiguous(candidates) => Err(contact::ambiguous(reference, &candidates)),
        }
    }

    pub fn when(&self, text: &str) -> Result<When> {
        Ok(parse_when(text, self.clock.local_now())?)
    }

    /// A WHEN for something that already happened, as a stored timestamp.
    pub fn past_instant(&self, text: &str) -> Result<String> {
        Ok(crate::domain::when::past_instant(text, self.clock)?)
    }
}

fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "rapport").ok_or_else(|| {
        Error::Database(
            "cannot find a home folder for the database: give --db PATH or set RAPPORT_DB".into(),
        )
    })?;
    Ok(dirs.data_dir().join("rapport.db"))
}

pub fn run(cli: Cli) -> Result<()> {
    crate::output::files::pending::sweep();
    let format = if cli.json { Format::Json } else { cli.format };
    let ui = Ui::new(format, cli.no_input, cli.raw);
    run_with(cli, ui, Clock::from_env()?)
}

/// A command with this output and clock: `run`, and the in-process tests.
pub fn run_with(cli: Cli, mut ui: Ui, clock: Clock) -> Result<()> {
    let db_path = match cli.db {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => default_db_path()?,
    };
    ui.guard.protect_database(&db_path);
    if ui.format() == Format::Vcard
        && !matches!(&cli.command, Some(Command::Export(a)) if matches!(a.what, export::What::Contacts))
    {
        return Err(crate::refused!(
            "--format vcard is for `rapport export contacts` only: other commands print tables, JSON or CSV"
        ));
    }
    let mut ctx = Ctx { db_path, clock, ui };
    let result = match cli.command {
        None => dashboard::run(&mut ctx),
        Some(command) => dispatch(&mut ctx, command),
    };
    let flushed = ctx.ui.flush();
    result.and(flushed)
}

fn dispatch(ctx: &mut Ctx, command: Command) -> Result<()> {
    // The tests' way to meet an internal error (exit 70), which otherwise
    // only a bug makes.
    if std::env::var_os("RAPPORT_TEST_PANIC").is_some() {
        panic!("RAPPORT_TEST_PANIC is set");
    }
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
        Command::Lose(a) => lose::run(ctx, a),
        Command::Merge(a) => merge::run(ctx, a),
        Command::Sync(a) => sync::run(ctx, a),
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

/// The details `add` and `edit` share.
#[derive(Debug, Default, clap::Args)]
pub struct Details {
    /// Their email address; unique in the book
    #[arg(long, value_name = "E")]
    pub email: Option<String>,
    /// A phone number, written any way (+44 20 7946 0000)
    #[arg(long, value_name = "P")]
    pub phone: Option<String>,
    /// Where they work
    #[arg(long, value_name = "C")]
    pub company: Option<String>,
    /// Their job title
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// Where they are: a city, a region, a country
    #[arg(long, value_name = "L")]
    pub location: Option<String>,
    /// Where they came from: linkedin, referral, website, …
    #[arg(long, value_name = "CHANNEL")]
    pub source: Option<String>,
    /// A stage of the pipeline [default: the first]
    #[arg(long, value_name = "STAGE")]
    pub stage: Option<String>,
    /// A tag; repeat for several
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// YYYY-MM-DD, or --MM-DD when the year is unknown
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub birthday: Option<String>,
    /// An interest, preference or anything else: KEY=VALUE; repeat for several
    #[arg(long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
    /// Who sent them your way
    #[arg(long, value_name = "CONTACT")]
    pub referred_by: Option<String>,
    /// Anything worth remembering about them
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// What they agreed to, when and how, like 'newsletter 2026-03-01 web form'; repeat for several
    #[arg(long = "consent", value_name = "WHAT [DATE] [HOW]")]
    pub consents: Vec<String>,
}
