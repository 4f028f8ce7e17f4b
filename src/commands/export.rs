//! `rapport export contacts|interactions|all [--output FILE]` and
//! `rapport export contact CONTACT [--output FILE]`.

use super::Ctx;
use crate::error::Result;
use crate::output::Format;
use crate::store::Db;
use crate::{ops, refused};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum What {
    /// Every contact with its fields and tags
    Contacts,
    /// Every interaction, tickets included
    Interactions,
    /// The whole database as JSON, for `import all`
    All,
    /// Everything held about one person, as JSON (for a data-access request)
    Contact,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to write
    pub what: What,
    /// With `contact`: an id, an email, or part of a name
    #[arg(required_if_eq("what", "contact"))]
    pub contact: Option<String>,
    /// Write here instead of stdout (replaced atomically, mode 0600)
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let format = match (ctx.ui.format(), args.what) {
        (Format::Table, What::All | What::Contact) => Format::Json,
        (Format::Table, _) => Format::Csv,
        (Format::Csv, What::All | What::Contact) => {
            return Err(refused!(
                "export {} is JSON only (it holds several kinds of record): use --format json",
                if matches!(args.what, What::All) {
                    "all"
                } else {
                    "contact"
                }
            ))
        }
        (f, _) => f,
    };
    if let (Some(c), false) = (&args.contact, matches!(args.what, What::Contact)) {
        return Err(refused!(
            "'{c}': only `export contact` takes a contact (export contacts writes everyone)"
        ));
    }
    let store = ctx.read()?;
    let db = store.read();
    let contact = match &args.contact {
        Some(reference) => Some(ctx.contact(&db, reference)?),
        None => None,
    };
    let raw = ctx.ui.raw_csv();
    match &args.output {
        Some(path) => {
            let written = ctx
                .ui
                .write_file(path, |w| export(&db, args.what, contact, format, raw, w))?;
            ctx.ui
                .note(&format!("Exported {written} to {}", path.display()))
        }
        None => {
            export(&db, args.what, contact, format, raw, ctx.ui.writer())?;
            Ok(())
        }
    }
}

/// Returns what was written, in words.
fn export(
    db: &Db<'_>,
    what: What,
    contact: Option<i64>,
    format: Format,
    raw: bool,
    w: &mut dyn Write,
) -> Result<String> {
    match (what, format) {
        (What::Contact, _) => match contact {
            Some(id) => ops::dump::contact(db, id, w),
            None => Err(refused!("export contact needs a contact")),
        },
        (What::Contacts, Format::Csv) => ops::dump::contacts_csv(db, w, raw),
        (What::Contacts, _) => ops::dump::contacts_json(db, w),
        (What::Interactions, Format::Csv) => ops::dump::interactions_csv(db, w, raw),
        (What::Interactions, _) => ops::dump::interactions_json(db, w),
        (What::All, _) => ops::dump::all(db, w),
    }
}
