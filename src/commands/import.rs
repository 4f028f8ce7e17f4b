use super::Ctx;
use crate::import::input::{self, CsvInput};
use crate::import::mapping::{parse_map, parse_stage_map};
use crate::import::{contacts, interactions, presets, undo, OnDuplicate, Rejects, Summary};
use crate::store::Access;
use anyhow::{anyhow, bail, Context, Result};
use std::fs;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// Contacts from a CSV file (or - for stdin): HubSpot, Google, LinkedIn, Outlook, Pipedrive, Mailchimp or your own
    Contacts(ContactArgs),
    /// Interactions from a CSV file: each row names its contact by email or contact_id
    Interactions(InteractionArgs),
    /// Restore what `export all` wrote, into an empty database
    All {
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
    },
    /// Past import batches
    List,
    /// Remove what a batch added and restore what it changed
    Undo {
        #[arg(value_name = "BATCH_ID")]
        batch: String,
    },
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
}

#[derive(Debug, clap::Args)]
pub struct ContactArgs {
    #[command(flatten)]
    pub common: Common,
    /// Read the file as this export [default: recognised from the header row]
    #[arg(
        long,
        value_name = "hubspot|google|linkedin|outlook|pipedrive|mailchimp"
    )]
    pub preset: Option<String>,
    /// Put contacts whose stage column says VALUE in STAGE
    #[arg(long = "stage-map", value_name = "VALUE=STAGE")]
    pub stage_maps: Vec<String>,
    /// What to do with a row that matches a contact you have
    #[arg(long, value_enum, default_value_t = OnDuplicate::Merge)]
    pub on_duplicate: OnDuplicate,
}

#[derive(Debug, clap::Args)]
pub struct InteractionArgs {
    #[command(flatten)]
    pub common: Common,
    /// Add contacts for emails the book does not have, instead of rejecting the rows
    #[arg(long)]
    pub create_contacts: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    match args.what {
        What::Contacts(a) => import_contacts(ctx, a),
        What::Interactions(a) => import_interactions(ctx, a),
        What::All { file } => import_all(ctx, &file),
        What::List => {
            let store = ctx.open(Access::Read)?;
            let batches = store.read().import_batches()?;
            ctx.ui.records(&batches)
        }
        What::Undo { batch } => {
            let id: i64 = batch.trim_start_matches('#').parse().map_err(|_| {
                anyhow!(
                    "'{batch}' is not a batch id: expected the number `rapport import list` shows"
                )
            })?;
            let mut store = ctx.open(Access::Write)?;
            let report = store.write(|db| undo::undo(db, id))?;
            store.compact()?;
            let line = format!(
                "Undid import batch #{} ({}): removed {} contacts and {} interactions, restored {} values on {} contacts",
                report.batch,
                report.source,
                report.removed_contacts,
                report.removed_interactions,
                report.restored_values,
                report.restored_contacts
            );
            ctx.ui.confirm(&report, &line)
        }
    }
}

fn import_contacts(ctx: &mut Ctx, a: ContactArgs) -> Result<()> {
    let preset = match &a.preset {
        Some(name) => Some(presets::by_name(name).ok_or_else(|| {
            anyhow!(
                "'{name}' is not a preset: expected one of {}",
                presets::names().join(", ")
            )
        })?),
        None => None,
    };
    let maps = a
        .common
        .maps
        .iter()
        .map(|m| parse_map(m))
        .collect::<Result<Vec<_>, _>>()
        .map_err(anyhow::Error::msg)?;
    let stage_maps = a
        .stage_maps
        .iter()
        .map(|m| parse_stage_map(m))
        .collect::<Result<Vec<_>, _>>()
        .map_err(anyhow::Error::msg)?;
    let options = contacts::Options {
        source: source_name(&a.common.file),
        preset,
        maps,
        stage_maps,
        on_duplicate: a.on_duplicate,
    };
    let mut input = input::open(&a.common.file)?;
    run_import(ctx, &a.common, &mut input, |db, input, rejects, tick| {
        contacts::run(db, input, &options, rejects, tick)
    })
}

fn import_interactions(ctx: &mut Ctx, a: InteractionArgs) -> Result<()> {
    let maps = a
        .common
        .maps
        .iter()
        .map(|m| {
            m.rsplit_once('=')
                .map(|(h, f)| (h.trim().to_string(), f.trim().to_string()))
                .ok_or_else(|| {
                    anyhow!("'{m}' is not a mapping: expected HEADER=FIELD, like 'When=date'")
                })
        })
        .collect::<Result<Vec<_>>>()?;
    let options = interactions::Options {
        source: source_name(&a.common.file),
        maps,
        create_contacts: a.create_contacts,
    };
    let mut input = input::open(&a.common.file)?;
    run_import(ctx, &a.common, &mut input, |db, input, rejects, tick| {
        interactions::run(db, input, &options, rejects, tick)
    })
}

/// One import, all or nothing: the rows go in inside one transaction that
/// is kept only when every row was valid (or --skip-invalid) and this is
/// not a dry run.
fn run_import(
    ctx: &mut Ctx,
    common: &Common,
    input: &mut CsvInput,
    mut engine: impl FnMut(
        &crate::store::Db<'_>,
        &mut CsvInput,
        Option<&mut dyn Rejects>,
        &mut dyn FnMut(),
    ) -> Result<Summary>,
) -> Result<()> {
    let rejects_path = common
        .rejects
        .clone()
        .unwrap_or_else(|| default_rejects_path(&common.file));
    let mut rejects = (common.skip_invalid && !common.dry_run)
        .then(|| RejectsFile::new(rejects_path, &input.headers));
    let progress = progress_bar(input);
    let bytes = input.bytes_read.clone();
    let mut rows: u64 = 0;
    let mut tick = || {
        rows += 1;
        if rows.is_multiple_of(1024) {
            if let Some(bar) = &progress {
                bar.set_position(bytes.load(Ordering::Relaxed));
            }
        }
    };
    let mut store = ctx.open(Access::Write)?;
    let dry_run = common.dry_run;
    let skip_invalid = common.skip_invalid;
    let result = store.write_or_rollback(|db| {
        let mut summary = engine(
            db,
            input,
            rejects.as_mut().map(|r| r as &mut dyn Rejects),
            &mut tick,
        )?;
        summary.dry_run = dry_run;
        let valid = summary.invalid == 0 || skip_invalid;
        if valid && !summary.changed() {
            if let Some(batch) = summary.batch.take() {
                db.delete_import_batch(batch)?;
            }
        }
        if dry_run {
            summary.batch = None;
        }
        let keep = valid && !dry_run && summary.changed();
        Ok((summary, keep))
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let summary = match result {
        Ok(s) => s,
        Err(e) => {
            if let Some(r) = rejects.as_mut() {
                r.discard();
            }
            return Err(e);
        }
    };
    let rejects_file = match rejects.as_mut() {
        Some(r) => r.finish()?,
        None => None,
    };
    report(ctx, &summary, skip_invalid, rejects_file.as_deref())
}

fn report(
    ctx: &mut Ctx,
    summary: &Summary,
    skip_invalid: bool,
    rejects: Option<&Path>,
) -> Result<()> {
    let mut notes = Vec::new();
    if let (Some(preset), true) = (&summary.preset, summary.preset_detected) {
        notes.push(format!(
            "Read {} with the {preset} preset (recognised from its header row)",
            summary.source
        ));
    }
    if !summary.ignored_columns.is_empty() {
        let shown: Vec<&str> = summary
            .ignored_columns
            .iter()
            .take(20)
            .map(String::as_str)
            .collect();
        let more = summary.ignored_columns.len() - shown.len();
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        notes.push(format!(
            "Ignored columns: {}{more} (--map HEADER=FIELD to keep one)",
            shown.join(", ")
        ));
    }
    let mut rows: Vec<String> = summary
        .invalid_rows
        .iter()
        .map(|(line, reason)| format!("line {line}: {reason}"))
        .collect();
    let unlisted = summary.invalid as usize - rows.len();
    if unlisted > 0 {
        rows.push(format!("… and {unlisted} more invalid rows"));
    }
    if summary.invalid > 0 && !skip_invalid {
        rows.extend(notes);
        bail!(
            "{} invalid row{} in {}; nothing was imported (fix {}, or use --skip-invalid)\n{}",
            summary.invalid,
            if summary.invalid == 1 { "" } else { "s" },
            summary.source,
            if summary.invalid == 1 { "it" } else { "them" },
            rows.join("\n")
        );
    }
    let mut err = std::io::stderr().lock();
    for line in notes.iter().chain(&rows) {
        writeln!(err, "{line}")?;
    }
    if let Some(path) = rejects {
        writeln!(
            err,
            "Rejected rows, with the reason for each, are in {}",
            path.display()
        )?;
    }
    drop(err);
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
    ctx.ui.confirm(summary, &line)
}

fn import_all(ctx: &mut Ctx, file: &Path) -> Result<()> {
    let reader =
        fs::File::open(file).with_context(|| format!("cannot read '{}'", file.display()))?;
    let mut store = ctx.open(Access::Write)?;
    let restored = store.write(|db| db.restore_dump(reader))?;
    let line = format!(
        "Restored {} contacts, {} interactions and {} follow-ups from {}",
        restored.contacts,
        restored.interactions,
        restored.follow_ups,
        file.display()
    );
    ctx.ui.confirm(&restored, &line)
}

fn source_name(file: &str) -> String {
    if file == "-" {
        "stdin".to_string()
    } else {
        file.to_string()
    }
}

fn default_rejects_path(file: &str) -> PathBuf {
    if file == "-" {
        return PathBuf::from("rapport-rejected.csv");
    }
    let path = Path::new(file);
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("import");
    path.with_file_name(format!("{stem}.rejected.csv"))
}

/// On a terminal, a progress bar for files of more than a few thousand rows.
fn progress_bar(input: &CsvInput) -> Option<indicatif::ProgressBar> {
    let size = input.size?;
    if !std::io::stderr().is_terminal() || size < 512 * 1024 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(size);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} importing {bar:40} {bytes}/{total_bytes} ({eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// Rejected rows with their line and reason, created on the first one,
/// with mode 0600 since they hold personal data.
struct RejectsFile {
    path: PathBuf,
    headers: Vec<String>,
    writer: Option<csv::Writer<fs::File>>,
}

impl RejectsFile {
    fn new(path: PathBuf, headers: &[String]) -> RejectsFile {
        RejectsFile {
            path,
            headers: headers.to_vec(),
            writer: None,
        }
    }

    fn finish(&mut self) -> Result<Option<PathBuf>> {
        match self.writer.take() {
            Some(mut w) => {
                w.flush()?;
                Ok(Some(self.path.clone()))
            }
            None => Ok(None),
        }
    }

    fn discard(&mut self) {
        if self.writer.take().is_some() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

impl Rejects for RejectsFile {
    fn reject(&mut self, line: u64, reason: &str, record: &csv::ByteRecord) -> Result<()> {
        if self.writer.is_none() {
            let mut options = fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let file = options
                .open(&self.path)
                .with_context(|| format!("cannot write '{}'", self.path.display()))?;
            let mut w = csv::WriterBuilder::new().flexible(true).from_writer(file);
            let mut header = vec!["line".to_string(), "reason".to_string()];
            header.extend(self.headers.iter().cloned());
            w.write_record(&header)?;
            self.writer = Some(w);
        }
        if let Some(w) = self.writer.as_mut() {
            let mut row = csv::ByteRecord::new();
            row.push_field(line.to_string().as_bytes());
            row.push_field(reason.as_bytes());
            for field in record.iter() {
                row.push_field(field);
            }
            w.write_byte_record(&row)?;
        }
        Ok(())
    }
}
