//! The command line as clap sees it; each subcommand's arguments live
//! beside its code in `commands/`.

use crate::commands::*;
use crate::output::Format;
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
    /// Settings: quiet-days, paying-stage, at-risk thresholds, score weights, …
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
