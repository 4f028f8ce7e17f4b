//! `rapport export contacts|interactions|all [--output FILE]` and
//! `rapport export contact CONTACT [--output FILE]`.

use super::Ctx;
use crate::error::Result;
use crate::output::{vcard, Format};
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
    /// Write here instead of stdout (replaced atomically, mode 0600); with
    /// --format vcard, a folder (existing, or ending in /) gets one UID.vcf per contact
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With --format vcard: 4.0, or 3.0 for older phones
    #[arg(long, value_enum, default_value_t = vcard::Version::V4, value_name = "VERSION")]
    pub vcard_version: vcard::Version,
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
    if format == Format::Vcard {
        return export_cards(ctx, &db, args.output.as_deref(), args.vcard_version);
    }
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

/// `export contacts --format vcard`: one file of cards, or a folder of one
/// card per contact (khard's and vdirsyncer's layout) where the cards of
/// contacts no longer in the book are removed, if rapport wrote them.
fn export_cards(
    ctx: &mut Ctx,
    db: &Db<'_>,
    output: Option<&std::path::Path>,
    version: vcard::Version,
) -> Result<()> {
    let folder = output.filter(|p| p.is_dir() || p.as_os_str().to_string_lossy().ends_with('/'));
    let Some(dir) = folder else {
        let mut n = 0;
        let mut write = |w: &mut dyn Write| -> Result<()> {
            ops::dump::each_contact(db, &mut |c| {
                n += 1;
                Ok(w.write_all(vcard::card(&c, version).as_bytes())?)
            })
        };
        return match output {
            Some(path) => {
                ctx.ui.write_file(path, |w| write(w))?;
                ctx.ui
                    .note(&format!("Exported {n} cards to {}", path.display()))
            }
            None => write(ctx.ui.writer()),
        };
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        crate::error::Error::io(format!("cannot create the folder {}", dir.display()), e)
    })?;
    let mut names = std::collections::HashSet::new();
    ops::dump::each_contact(db, &mut |c| {
        let name = vcard::file_name(&c);
        let card = vcard::card(&c, version);
        ctx.ui
            .write_file(&dir.join(&name), |w| Ok(w.write_all(card.as_bytes())?))?;
        names.insert(name);
        Ok(())
    })?;
    let mut removed = 0;
    let entries = std::fs::read_dir(dir).map_err(|e| {
        crate::error::Error::io(format!("cannot read the folder {}", dir.display()), e)
    })?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".vcf") || names.contains(&name) {
            continue;
        }
        let ours = std::fs::read_to_string(entry.path())
            .is_ok_and(|text| text.lines().any(|l| l.trim_end() == vcard::PRODID));
        if ours && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    let gone = if removed > 0 {
        format!("; removed {removed} cards of contacts no longer in the book")
    } else {
        String::new()
    };
    ctx.ui.note(&format!(
        "Exported {} cards to {}{gone}",
        names.len(),
        dir.display()
    ))
}
