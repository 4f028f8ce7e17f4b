//! `rapport import`: contacts and interactions from CSV, the whole book
//! from `export all`, past batches, and undo.

mod all;
mod contacts;
mod interactions;
mod list;
mod undo;

use super::Ctx;
use crate::error::Result;
use crate::import::input::CsvInput;
use crate::import::Summary;
use crate::ops;
use crate::output::files::RejectsFile;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// Contacts from a CSV file (or - for stdin): HubSpot, Google, LinkedIn, Outlook, Pipedrive, Mailchimp or your own
    Contacts(contacts::Args),
    /// Interactions from a CSV file: each row names its contact by email or contact_id
    Interactions(interactions::Args),
    /// Restore what `export all` wrote, into an empty database
    All(all::Args),
    /// Past import batches, or the possible duplicates they kept apart
    List(list::Args),
    /// Remove what a batch added and restore what it changed
    Undo(undo::Args),
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    match args.what {
        What::Contacts(a) => contacts::run(ctx, a),
        What::Interactions(a) => interactions::run(ctx, a),
        What::All(a) => all::run(ctx, a),
        What::List(a) => list::run(ctx, a),
        What::Undo(a) => undo::run(ctx, a),
    }
}

/// What `import contacts` and `import interactions` share.
#[derive(Debug, clap::Args)]
pub struct Common {
    /// A CSV file, or - for stdin
    pub file: String,
    /// Read column HEADER as FIELD (name, email, phone, company, title, location, source, stage, tags, birthday, note, field:KEY, ignore)
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    pub maps: Vec<String>,
    /// Report what would happen and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import the valid rows and write the rejected ones, with a reason, to a file
    #[arg(long)]
    pub skip_invalid: bool,
    /// Where --skip-invalid writes rejected rows [default: FILE.rejected.csv]
    #[arg(long, value_name = "FILE", requires = "skip_invalid")]
    pub rejects: Option<PathBuf>,
    /// The file's encoding when it has no BOM, like windows-1252 or utf-16le [default: detected]
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// The column separator: , ; tab or | [default: detected from the header row, or a sep= line]
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
}

impl Common {
    /// `--encoding` and `--delimiter`, checked.
    pub fn read_options(&self) -> Result<crate::import::input::ReadOptions> {
        let encoding = match &self.encoding {
            Some(label) => Some(encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                crate::refused!(
                    "'{}' is not an encoding: expected a label like utf-8, windows-1252, iso-8859-1 or utf-16le",
                    crate::domain::text::shown(label)
                )
            })?),
            None => None,
        };
        let delimiter = match self.delimiter.as_deref() {
            None => None,
            Some(",") | Some("comma") => Some(b','),
            Some(";") | Some("semicolon") => Some(b';'),
            Some("\t") | Some("\\t") | Some("tab") => Some(b'\t'),
            Some("|") | Some("pipe") => Some(b'|'),
            Some(other) => {
                return Err(crate::refused!(
                    "'{}' is not a delimiter: expected , ; tab or |",
                    crate::domain::text::shown(other)
                ))
            }
        };
        Ok(crate::import::input::ReadOptions {
            encoding,
            delimiter,
        })
    }

    /// The name the batch keeps for where its rows came from.
    fn source(&self) -> String {
        if self.file == "-" {
            "stdin".to_string()
        } else {
            self.file.clone()
        }
    }

    fn rejects_path(&self) -> PathBuf {
        if let Some(p) = &self.rejects {
            return p.clone();
        }
        if self.file == "-" {
            return PathBuf::from("rapport-rejected.csv");
        }
        // FILE.rejected.csv, as documented: `people.csv.rejected.csv` beside
        // `people.csv`, never to be taken for another export of the same stem.
        let path = Path::new(&self.file);
        let name = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "import".into());
        path.with_file_name(format!("{name}.rejected.csv"))
    }
}

/// Runs one import through `engine` with what the common flags ask, then
/// reports it: notes on stderr, the summary line (or record) on stdout.
fn import(
    ctx: &mut Ctx,
    common: &Common,
    input: &mut CsvInput,
    engine: impl FnOnce(
        &mut crate::store::Store,
        &mut CsvInput,
        ops::import::Mode<'_>,
    ) -> Result<Summary>,
) -> Result<()> {
    if common.file != "-" {
        ctx.ui.guard.protect_input(Path::new(&common.file));
    }
    let mut rejects = (common.skip_invalid && !common.dry_run)
        .then(|| RejectsFile::new(common.rejects_path(), &input.headers, &ctx.ui.guard))
        .transpose()?;
    let progress = ctx.ui.progress(input.size);
    let bytes = input.bytes_read.clone();
    let mut rows: u64 = 0;
    let mut tick = || {
        rows += 1;
        if rows.is_multiple_of(1024) {
            if let Some(bar) = &progress {
                bar.set_position(bytes.load(std::sync::atomic::Ordering::Relaxed));
            }
        }
    };
    let mut store = ctx.write()?;
    let mode = ops::import::Mode {
        dry_run: common.dry_run,
        skip_invalid: common.skip_invalid,
        rejects: rejects
            .as_mut()
            .map(|r| r as &mut dyn crate::import::Rejects),
        tick: &mut tick,
    };
    let result = engine(&mut store, input, mode);
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let summary = result?;
    let rejects_file = match rejects.as_mut() {
        Some(r) => r.finish()?,
        None => None,
    };
    for note in ops::import::notes(&summary) {
        ctx.ui.note(&note)?;
    }
    for row in ops::import::skipped_rows(&summary) {
        ctx.ui.note(&row)?;
    }
    if let Some(path) = rejects_file {
        ctx.ui.note(&format!(
            "Rejected rows, with the reason for each, are in {}",
            path.display()
        ))?;
    }
    let line = if summary.dry_run {
        format!("Dry run, nothing written: {}", summary.line())
    } else if let Some(batch) = summary.batch {
        format!(
            "Imported {} as batch #{batch}: {} (undo with: rapport import undo {batch})",
            summary.source,
            summary.line()
        )
    } else {
        format!("Nothing changed: {}", summary.line())
    };
    ctx.ui.confirm(&summary, &line)
}
