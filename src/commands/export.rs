use super::Ctx;
use crate::domain::contact::Contact;
use crate::domain::interaction::Interaction;
use crate::output::{Format, Tabular};
use crate::store::{Access, Db, DUMP_FORMAT, DUMP_VERSION};
use anyhow::{bail, Context, Result};
use serde::Serialize;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum What {
    /// Every contact with its fields and tags
    Contacts,
    /// Every interaction, tickets included
    Interactions,
    /// The whole database as JSON, for `import all`
    All,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    pub what: What,
    /// Write here instead of stdout (replaced atomically, mode 0600)
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let format = match (ctx.ui.format(), args.what) {
        (Format::Table, What::All) => Format::Json,
        (Format::Table, _) => Format::Csv,
        (Format::Csv, What::All) => {
            bail!("export all is JSON only (it holds several kinds of record): use --format json")
        }
        (f, _) => f,
    };
    let store = ctx.open(Access::Read)?;
    let db = store.read();
    match &args.output {
        Some(path) => {
            let written = write_atomically(path, |w| export(&db, args.what, format, w))?;
            eprintln!("Exported {written} to {}", path.display());
            Ok(())
        }
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            export(&db, args.what, format, &mut out)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// Writes to a temporary file beside `path`, then renames it over `path`,
/// so a reader never sees half an export.
fn write_atomically(
    path: &Path,
    work: impl FnOnce(&mut dyn Write) -> Result<String>,
) -> Result<String> {
    if path.is_dir() {
        bail!("'{}' is a directory: expected a file name", path.display());
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("export");
    let temp = path.with_file_name(format!(".{name}.partial"));
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options
        .open(&temp)
        .with_context(|| format!("cannot write '{}'", path.display()))?;
    let mut w = BufWriter::new(file);
    let result = work(&mut w).and_then(|what| {
        w.flush()?;
        w.get_ref().sync_all()?;
        Ok(what)
    });
    match result {
        Ok(what) => {
            fs::rename(&temp, path)
                .with_context(|| format!("cannot write '{}'", path.display()))?;
            Ok(what)
        }
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Returns what was written, in words.
fn export(db: &Db<'_>, what: What, format: Format, w: &mut dyn Write) -> Result<String> {
    match (what, format) {
        (What::Contacts, Format::Csv) => contacts_csv(db, w),
        (What::Contacts, _) => {
            let mut n = 0;
            json_array(w, |item| {
                db.each_contact(&mut |c: Contact| {
                    n += 1;
                    item(&c)
                })
            })?;
            Ok(format!("{n} contacts"))
        }
        (What::Interactions, Format::Csv) => {
            let mut out = csv::Writer::from_writer(w);
            out.write_record(Interaction::csv_headers())?;
            let mut n = 0;
            db.each_interaction(&mut |i| {
                n += 1;
                out.write_record(i.csv_cells())?;
                Ok(())
            })?;
            out.flush()?;
            Ok(format!("{n} interactions"))
        }
        (What::Interactions, _) => {
            let mut n = 0;
            json_array(w, |item| {
                db.each_interaction(&mut |i| {
                    n += 1;
                    item(&i)
                })
            })?;
            Ok(format!("{n} interactions"))
        }
        (What::All, _) => dump(db, w),
    }
}

/// The CSV columns of `list`, then one `field:KEY` column per custom field,
/// which `import contacts` reads back.
fn contacts_csv(db: &Db<'_>, w: &mut dyn Write) -> Result<String> {
    let keys = db.field_keys()?;
    let mut out = csv::Writer::from_writer(w);
    let mut header: Vec<String> = Contact::csv_headers()
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(keys.iter().map(|k| format!("field:{k}")));
    out.write_record(&header)?;
    let mut n = 0;
    db.each_contact(&mut |c| {
        n += 1;
        let mut row = c.csv_cells();
        row.extend(
            keys.iter()
                .map(|k| c.fields.get(k).cloned().unwrap_or_default()),
        );
        out.write_record(&row)?;
        Ok(())
    })?;
    out.flush()?;
    Ok(format!("{n} contacts"))
}

/// A JSON array written one record per line, so that memory stays flat
/// however large the book.
fn json_array(
    w: &mut dyn Write,
    each: impl FnOnce(&mut dyn FnMut(&dyn erased::Record) -> Result<()>) -> Result<()>,
) -> Result<()> {
    w.write_all(b"[")?;
    let mut first = true;
    each(&mut |record| {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        record.write_json(w)
    })?;
    w.write_all(if first { b"]\n" } else { b"\n]\n" })?;
    Ok(())
}

mod erased {
    use anyhow::Result;
    use std::io::Write;

    /// Any serialisable record, behind one object-safe method.
    pub trait Record {
        fn write_json(&self, w: &mut dyn Write) -> Result<()>;
    }

    impl<T: serde::Serialize> Record for T {
        fn write_json(&self, w: &mut dyn Write) -> Result<()> {
            serde_json::to_writer(w, self)?;
            Ok(())
        }
    }
}

fn dump(db: &Db<'_>, w: &mut dyn Write) -> Result<String> {
    #[derive(Serialize)]
    struct Head<'a> {
        format: &'a str,
        version: i64,
    }
    let head = serde_json::to_string(&Head {
        format: DUMP_FORMAT,
        version: DUMP_VERSION,
    })?;
    // The object's opening keys, then one array per kind of record.
    w.write_all(head.trim_end_matches('}').as_bytes())?;
    w.write_all(b",\n\"settings\": ")?;
    serde_json::to_writer(&mut *w, &db.settings()?)?;
    let mut counts = (0, 0);
    w.write_all(b",\n\"pipeline\": ")?;
    json_array(w, |item| db.each_stage(&mut |s| item(&s)))?;
    w.write_all(b",\"rules\": ")?;
    json_array(w, |item| db.each_rule_record(&mut |r| item(&r)))?;
    w.write_all(b",\"templates\": ")?;
    json_array(w, |item| db.each_template_record(&mut |t| item(&t)))?;
    w.write_all(b",\"contacts\": ")?;
    json_array(w, |item| {
        db.each_contact_record(&mut |c| {
            counts.0 += 1;
            item(&c)
        })
    })?;
    w.write_all(b",\"stage_history\": ")?;
    json_array(w, |item| db.each_stage_move(&mut |m| item(&m)))?;
    w.write_all(b",\"interactions\": ")?;
    json_array(w, |item| {
        db.each_interaction(&mut |i| {
            counts.1 += 1;
            item(&crate::store::interaction_record(i))
        })
    })?;
    w.write_all(b",\"follow_ups\": ")?;
    json_array(w, |item| db.each_follow_up(&mut |f| item(&f)))?;
    w.write_all(b",\"points\": ")?;
    json_array(w, |item| db.each_points_record(&mut |p| item(&p)))?;
    w.write_all(b",\"reminders\": ")?;
    json_array(w, |item| db.each_reminder_record(&mut |r| item(&r)))?;
    w.write_all(b"}\n")?;
    Ok(format!(
        "the whole database ({} contacts, {} interactions)",
        counts.0, counts.1
    ))
}
