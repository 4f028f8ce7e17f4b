//! Sync through a folder: each device writes its changes as immutable
//! numbered files in its own subfolder, and applies every other device's
//! files in that device's order, once. No server, no locks: Syncthing,
//! Dropbox, iCloud Drive, rclone or git move the files.
//!
//! A file: the line `RAPPORT-SYNC 1`, a JSON header line (format, schema
//! version, device, number, time, the files of other devices it was
//! written after, the byte length and a checksum of the rest), then one
//! JSON line per write: its clock and its rows. Written to a temporary
//! name and renamed, so a reader sees all of it or nothing; a file that
//! is cut short (a folder still syncing) is skipped and read next time.

use crate::error::{Error, Result};
use crate::store::{Applied, Conflict, Db, Device, Row, Store};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const MAGIC: &str = "RAPPORT-SYNC 1";
const FORMAT: i64 = 1;
const SLOTS: i64 = 8;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: i64,
    schema: i64,
    device: String,
    seq: i64,
    at: String,
    /// Per other device, the last of its files this one had applied.
    deps: BTreeMap<String, i64>,
    bytes: u64,
    fnv: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    hlc: String,
    rows: Vec<Row>,
}

/// An entry as a file holds it: an insert's values in the order of its
/// table's column names, given once per entry (half the bytes of naming
/// each value, and still readable without the schema).
#[derive(Debug, Serialize, Deserialize)]
struct WireEntry {
    hlc: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    cols: BTreeMap<String, Vec<String>>,
    rows: Vec<WireRow>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireRow {
    t: String,
    op: char,
    k: Vec<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    a: Vec<serde_json::Value>,
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    v: serde_json::Map<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    o: serde_json::Map<String, serde_json::Value>,
}

impl WireEntry {
    fn pack(hlc: String, rows: Vec<Row>) -> WireEntry {
        let mut cols: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for r in rows.iter().filter(|r| r.op == 'I') {
            let names = cols.entry(r.t.clone()).or_default();
            for k in r.v.keys() {
                if !names.contains(k) {
                    names.push(k.clone());
                }
            }
        }
        let rows = rows
            .into_iter()
            .map(|r| {
                if r.op == 'I' {
                    let a = cols[&r.t]
                        .iter()
                        .map(|c| r.v.get(c).cloned().unwrap_or(serde_json::Value::Null))
                        .collect();
                    WireRow {
                        t: r.t,
                        op: r.op,
                        k: r.k,
                        a,
                        v: Default::default(),
                        o: Default::default(),
                    }
                } else {
                    WireRow {
                        t: r.t,
                        op: r.op,
                        k: r.k,
                        a: Vec::new(),
                        v: r.v,
                        o: r.o,
                    }
                }
            })
            .collect();
        WireEntry { hlc, cols, rows }
    }

    /// Back to rows; None when an insert has values its columns do not name.
    fn unpack(self) -> Option<Entry> {
        let mut rows = Vec::with_capacity(self.rows.len());
        for w in self.rows {
            let mut v = w.v;
            if w.op == 'I' && !w.a.is_empty() {
                let names = self.cols.get(&w.t)?;
                if names.len() != w.a.len() {
                    return None;
                }
                for (name, value) in names.iter().zip(w.a) {
                    if !value.is_null() {
                        v.insert(name.clone(), value);
                    }
                }
            }
            rows.push(Row {
                t: w.t,
                op: w.op,
                k: w.k,
                v,
                o: w.o,
            });
        }
        Some(Entry {
            hlc: self.hlc,
            rows,
        })
    }
}

/// What `sync` did.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub sent: usize,
    pub applied: usize,
    pub devices: usize,
    pub conflicts: usize,
    /// Files left for later, each with why.
    pub waiting: Vec<String>,
    /// Contacts that share an email after this sync (two devices added
    /// one person): `merge` joins them, on any device.
    pub shared_emails: Vec<String>,
}

/// Another device, as `sync status` shows it.
#[derive(Debug, Serialize)]
pub struct Peer {
    pub device: String,
    pub files: i64,
    pub applied: i64,
    pub last_change: Option<String>,
}

/// `sync status`.
#[derive(Debug, Serialize)]
pub struct Status {
    pub folder: String,
    pub device: String,
    pub slot: i64,
    pub devices: Vec<Peer>,
    pub pending_changes: i64,
    pub new_conflicts: usize,
    /// Contacts that share an email (two devices added one person).
    pub shared_emails: Vec<String>,
    /// Erasures some device has not applied yet: a copy waits there.
    pub erasures_waiting: usize,
}

/// 64-bit FNV-1a: tells a cut or damaged file from a whole one.
fn fnv(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

fn file_name(seq: i64) -> String {
    format!("{seq:010}.rsync")
}

fn io(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::io(format!("cannot {what} {}", path.display()), e)
}

fn valid_device(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty()
        || name.len() > 40
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Error::Refused(format!(
            "'{}' is not a device name: expected 1 to 40 letters, digits, - or _",
            crate::domain::text::shown(name)
        )));
    }
    Ok(name.to_string())
}

fn default_device() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| fs::read_to_string("/etc/hostname").ok())
        .unwrap_or_default();
    let clean: String = host
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    if clean.is_empty() {
        "device".into()
    } else {
        clean
    }
}

/// The other devices' subfolders, by name.
fn peers(folder: &Path, me: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let entries = match fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(io("read the sync folder", folder, e)),
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != me && entry.path().is_dir() && valid_device(&name).is_ok() {
            out.push(name);
        }
    }
    out.sort();
    Ok(out)
}

/// A device's file numbers present in the folder, oldest first.
fn files_of(dir: &Path) -> Vec<i64> {
    let mut seqs: Vec<i64> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let n = name.strip_suffix(".rsync")?;
            (n.len() == 10 && n.bytes().all(|b| b.is_ascii_digit()))
                .then(|| n.parse().ok())
                .flatten()
        })
        .collect();
    seqs.sort_unstable();
    seqs
}

/// Temporary files of this device's syncs that were killed mid-write
/// (their process is gone): never read by anyone, removed.
fn remove_stale_temporaries(own: &Path) {
    for entry in fs::read_dir(own).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_suffix(".tmp")
            .and_then(|n| n.rsplit('.').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let alive = pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists();
        if name.starts_with('.') && !alive && Path::new("/proc/self").exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `path` through a temporary name and a rename.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(&tmp).map_err(|e| io("write", &tmp, e))?;
    f.write_all(bytes).map_err(|e| io("write", &tmp, e))?;
    f.sync_all().map_err(|e| io("write", &tmp, e))?;
    drop(f);
    fs::rename(&tmp, path).map_err(|e| io("write", path, e))?;
    Ok(())
}

/// A file read back: whole and ours to apply, or why not yet.
enum Read {
    Ready(Header, Vec<Entry>),
    Wait(String),
}

fn read_file(path: &Path) -> Result<Read> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => return Ok(Read::Wait(format!("{}: {e}", path.display()))),
    };
    let mut lines = bytes.splitn(3, |b| *b == b'\n');
    let (Some(magic), Some(header), Some(body)) = (lines.next(), lines.next(), lines.next()) else {
        return Ok(Read::Wait(format!("{} is incomplete", path.display())));
    };
    if magic != MAGIC.as_bytes() {
        return Ok(Read::Wait(format!(
            "{} is not a rapport sync file",
            path.display()
        )));
    }
    let Ok(header) = serde_json::from_slice::<Header>(header) else {
        return Ok(Read::Wait(format!(
            "{} has a damaged header",
            path.display()
        )));
    };
    if header.format > FORMAT || header.schema > crate::store::schema::LATEST {
        return Ok(Read::Wait(format!(
            "{} was written by a newer rapport (schema {}, this one knows {}): upgrade rapport on this device",
            path.display(),
            header.schema,
            crate::store::schema::LATEST
        )));
    }
    if body.len() as u64 != header.bytes || fnv(body) != header.fnv {
        return Ok(Read::Wait(format!(
            "{} is incomplete or damaged (still syncing?); it is read again next time",
            path.display()
        )));
    }
    let mut entries = Vec::new();
    for line in body.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        match serde_json::from_slice::<WireEntry>(line).map(WireEntry::unpack) {
            Ok(Some(e)) => entries.push(e),
            Ok(None) => {
                return Ok(Read::Wait(format!(
                    "{} is damaged: an insert without its columns",
                    path.display()
                )))
            }
            Err(e) => return Ok(Read::Wait(format!("{} is damaged: {e}", path.display()))),
        }
    }
    Ok(Read::Ready(header, entries))
}

fn device_of(db: &Db<'_>) -> Result<Device> {
    db.sync_device()?.ok_or_else(|| {
        Error::Refused("this book does not sync: run `rapport sync init DIR` first".into())
    })
}

/// Where and as what a book joins a folder, checked before the book is
/// opened for writing (a refusal leaves no book behind).
pub struct Join {
    folder: PathBuf,
    name: String,
    slot: i64,
    joining: bool,
}

/// Checks a join: a valid, free device name, a free id slot.
pub fn plan_join(folder: &Path, device: Option<&str>) -> Result<Join> {
    let name = valid_device(&device.map(String::from).unwrap_or_else(default_device))?;
    let absolute = if folder.is_absolute() {
        folder.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| io("read", Path::new("."), e))?
            .join(folder)
    };
    if absolute.join(&name).exists() {
        return Err(Error::Refused(format!(
            "a device named {name} already syncs in {}: give this one another name with --device",
            absolute.display()
        )));
    }
    let others = peers(&absolute, &name)?;
    let taken: Vec<i64> = others
        .iter()
        .filter_map(|p| fs::read_to_string(absolute.join(p).join("slot")).ok())
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let slot = (0..SLOTS).find(|s| !taken.contains(s)).ok_or_else(|| {
        Error::Refused(format!(
            "{} already has {SLOTS} devices, as many as one book can have",
            absolute.display()
        ))
    })?;
    let joining = others
        .iter()
        .any(|p| !files_of(&absolute.join(p)).is_empty());
    Ok(Join {
        folder: absolute,
        name,
        slot,
        joining,
    })
}

/// Refuses a book that does not sync, before anything is opened to write.
pub fn require(store: &Store) -> Result<()> {
    device_of(&store.read()).map(|_| ())
}

/// `sync init DIR [--device NAME]`: joins the folder. A book with data
/// publishes it whole; an empty one takes the folder's book. Then syncs.
pub fn init(store: &mut Store, join: Join) -> Result<(Device, Report)> {
    let Join {
        folder,
        name,
        slot,
        joining,
    } = join;
    if let Some(d) = store.read().sync_device()? {
        return Err(Error::Refused(format!(
            "this book already syncs with {} as device {}",
            d.folder, d.name
        )));
    }
    if joining && store.read().has_records()? {
        return Err(Error::Refused(format!(
            "this book has contacts and {} already holds another device's book: two books cannot become one by sync; \
             join from an empty book (rapport --db NEW.db sync init {}) and import this one's contacts there",
            folder.display(),
            folder.display()
        )));
    }
    let own = folder.join(&name);
    private_dir(&own)?;
    write_atomically(&own.join("slot"), format!("{slot}\n").as_bytes())?;
    let folder_text = folder.display().to_string();
    store.write_applying(|db| {
        db.sync_set("folder", &folder_text)?;
        db.sync_set("device", &name)?;
        db.sync_set("slot", &slot.to_string())?;
        if joining {
            // Its defaults give way to the folder's pipeline, rules, templates.
            db.clear_for_join()?;
        } else {
            let rows = db.whole_book()?;
            db.send(&name, rows)?;
        }
        Ok(())
    })?;
    let report = sync(store)?;
    let device = device_of(&store.read())?;
    Ok((device, report))
}

/// A folder only this user reads (the files hold personal data).
fn private_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| io("create", dir, e))
    }
    #[cfg(not(unix))]
    {
        fs::create_dir_all(dir).map_err(|e| io("create", dir, e))
    }
}

/// `sync`: sends this device's changes, then applies the others'.
pub fn sync(store: &mut Store) -> Result<Report> {
    let device = device_of(&store.read())?;
    let folder = PathBuf::from(&device.folder);
    let own = folder.join(&device.name);
    if !folder.is_dir() {
        return Err(Error::Refused(format!(
            "the sync folder {} is not there (unmounted, or not synced yet?)",
            folder.display()
        )));
    }
    private_dir(&own)?;
    let mut report = Report {
        sent: publish(store, &device, &own)?,
        ..Report::default()
    };
    apply_all(store, &device, &folder, &mut report)?;
    if report.applied > 0 {
        report.shared_emails = store.read().shared_emails()?;
    }
    write_applied(store, &own)?;
    let own_last = store.read().last_file()?;
    if !store.read().erasures()?.is_empty() && behind(&folder, &device.name, own_last)? == 0 {
        store.write_applying(|db| db.clear_erasures())?;
    }
    Ok(report)
}

/// How many other devices have not applied this one's files up to `last`
/// (by what each last wrote of its own progress).
fn behind(folder: &Path, me: &str, last: i64) -> Result<usize> {
    let mut n = 0;
    for peer in peers(folder, me)? {
        let theirs: BTreeMap<String, i64> = fs::read(folder.join(&peer).join("applied.json"))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        if theirs.get(me).copied().unwrap_or(0) < last {
            n += 1;
        }
    }
    Ok(n)
}

/// Puts the unsent entries into the next file, then writes every file of
/// this device the folder lacks (a sync killed between the two writes
/// its file the next time). Returns the rows sent.
fn publish(store: &mut Store, device: &Device, own: &Path) -> Result<usize> {
    let sent = store.write_applying(|db| {
        let unsent = db.outbox(None)?;
        let Some(last) = unsent.last() else {
            return Ok(0);
        };
        let next = db.last_file()? + 1;
        db.assign_file(last.seq, next)?;
        // What it was written after, fixed now: a file written again later
        // (an erasure) must not wait on files that came after it.
        let deps: BTreeMap<String, i64> = db
            .applied()?
            .into_iter()
            .map(|(d, (s, _))| (d, s))
            .collect();
        let deps = serde_json::to_string(&deps).map_err(|e| crate::internal!("{e}"))?;
        db.sync_set(&format!("deps:{next}"), &deps)?;
        db.sync_set(&format!("at:{next}"), &db.now())?;
        let mut rows = 0;
        for e in &unsent {
            rows += serde_json::from_str::<Vec<Row>>(&e.changes)
                .map(|r| r.len())
                .unwrap_or(0);
        }
        Ok(rows)
    })?;
    remove_stale_temporaries(own);
    // Each file numbered and not yet known whole: written (again, if a
    // killed sync left it out), then its entries leave the book.
    let pending = store.read().files_to_write()?;
    for file in pending {
        let path = own.join(file_name(file));
        if !matches!(read_file(&path)?, Read::Ready(..)) {
            write_own_file(&store.read(), device, own, file)?;
        }
        store.write_applying(|db| db.file_written(file))?;
    }
    Ok(sent)
}

fn write_own_file(db: &Db<'_>, device: &Device, own: &Path, file: i64) -> Result<()> {
    let mut entries = Vec::new();
    for e in db.outbox(Some(file))? {
        let rows: Vec<Row> = serde_json::from_str(&e.changes)
            .map_err(|err| crate::internal!("outbox entry {}: {err}", e.seq))?;
        entries.push(Entry { hlc: e.hlc, rows });
    }
    let header = Header {
        format: FORMAT,
        schema: crate::store::schema::LATEST,
        device: device.name.clone(),
        seq: file,
        at: db
            .sync_get(&format!("at:{file}"))?
            .unwrap_or_else(|| db.now()),
        deps: db
            .sync_get(&format!("deps:{file}"))?
            .and_then(|d| serde_json::from_str(&d).ok())
            .unwrap_or_default(),
        bytes: 0,
        fnv: String::new(),
    };
    write_entries(own, header, entries)
}

/// A file of this device: the header (its length and checksum filled in
/// here), then one line per entry.
fn write_entries(own: &Path, mut header: Header, entries: Vec<Entry>) -> Result<()> {
    let mut body = Vec::new();
    for e in entries {
        let line = serde_json::to_vec(&WireEntry::pack(e.hlc, e.rows))
            .map_err(|err| crate::internal!("{err}"))?;
        body.extend_from_slice(&line);
        body.push(b'\n');
    }
    header.bytes = body.len() as u64;
    header.fnv = fnv(&body);
    let mut bytes = format!("{MAGIC}\n").into_bytes();
    bytes.extend(serde_json::to_vec(&header).map_err(|e| crate::internal!("{e}"))?);
    bytes.push(b'\n');
    bytes.extend(body);
    write_atomically(&own.join(file_name(header.seq)), &bytes)
}

/// Applies every other device's files that are ready, each in its own
/// transaction, in each device's order and after the files it depends on.
fn apply_all(store: &mut Store, device: &Device, folder: &Path, report: &mut Report) -> Result<()> {
    let others = peers(folder, &device.name)?;
    let mut touched_devices = std::collections::BTreeSet::new();
    let mut blocked: std::collections::BTreeSet<String> = Default::default();
    loop {
        let mut progress = false;
        let applied = store.read().applied()?;
        let own_last = store.read().last_file()?;
        for peer in &others {
            if blocked.contains(peer) {
                continue;
            }
            let done = applied.get(peer).map_or(0, |(s, _)| *s);
            let dir = folder.join(peer);
            let next = done + 1;
            if files_of(&dir).binary_search(&next).is_err() {
                continue;
            }
            let path = dir.join(file_name(next));
            let (header, entries) = match read_file(&path)? {
                Read::Ready(h, e) => (h, e),
                Read::Wait(why) => {
                    report.waiting.push(why);
                    blocked.insert(peer.clone());
                    continue;
                }
            };
            // Written after files this device has not applied yet: later.
            let ready = header.deps.iter().all(|(d, s)| {
                if *d == device.name {
                    own_last >= *s
                } else {
                    applied.get(d).map_or(0, |(n, _)| *n) >= *s
                }
            });
            if !ready {
                continue;
            }
            let at = header.at.clone();
            let outcome = crate::ops::write_applying(store, |db| {
                let mut out = Applied::default();
                // Another `sync` of this book (cron and a person at once)
                // applied it meanwhile: once is enough.
                if db.applied()?.get(peer).map_or(0, |(s, _)| *s) >= next {
                    return Ok(out);
                }
                // A large file (a first sync) indexes for search once, at the end.
                let rows: usize = entries.iter().map(|e| e.rows.len()).sum();
                if rows > 500 {
                    db.begin_bulk()?;
                }
                for e in &entries {
                    db.apply_rows(&e.hlc, &e.rows, &mut out)?;
                }
                for id in &out.erased {
                    db.delete_contact_rows(*id)?;
                    db.purge_search_index()?;
                    db.erase_from_sync(*id)?;
                }
                db.refresh_synced(&out)?;
                db.finish_bulk()?;
                db.mark_applied(peer, next, &at)?;
                Ok(out)
            });
            match outcome {
                Ok(out) => {
                    report.applied += out.changes;
                    report.conflicts += out.conflicts;
                    touched_devices.insert(peer.clone());
                    if !out.erased.is_empty() {
                        // Files of this device that carried them, again without.
                        erase_from_files(&folder.join(&device.name), &out.erased)?;
                        store.scrub()?;
                    }
                    progress = true;
                }
                Err(Error::Refused(why)) => {
                    report.waiting.push(format!("{}: {why}", path.display()));
                    blocked.insert(peer.clone());
                }
                Err(e) => return Err(e),
            }
        }
        if !progress {
            break;
        }
    }
    report.devices = touched_devices.len();
    Ok(())
}

/// Writes this device's files in the folder again without what they
/// carried of erased contacts (same number, header and clocks; a delete
/// where a contact was added). Other devices' files are theirs to rewrite.
pub fn erase_from_files(own: &Path, contacts: &[i64]) -> Result<()> {
    for file in files_of(own) {
        let path = own.join(file_name(file));
        let Read::Ready(header, entries) = read_file(&path)? else {
            continue;
        };
        let mut changed = false;
        let mut kept = Vec::with_capacity(entries.len());
        for mut e in entries {
            for contact in contacts {
                if let Some(rows) = Row::erase(&e.rows, *contact) {
                    e.rows = rows;
                    changed = true;
                }
            }
            kept.push(e);
        }
        if changed {
            write_entries(own, header, kept)?;
        }
    }
    Ok(())
}

/// What this device has applied, for the others to see (`sync status`
/// there says whether an erasure still waits here).
fn write_applied(store: &Store, own: &Path) -> Result<()> {
    let applied: BTreeMap<String, i64> = store
        .read()
        .applied()?
        .into_iter()
        .map(|(d, (s, _))| (d, s))
        .collect();
    let text = serde_json::to_vec(&applied).map_err(|e| crate::internal!("{e}"))?;
    let path = own.join("applied.json");
    if fs::read(&path).ok().as_deref() == Some(&text[..]) {
        return Ok(());
    }
    write_atomically(&path, &text)
}

/// `sync status`.
pub fn status(store: &Store) -> Result<Status> {
    let db = store.read();
    let device = device_of(&db)?;
    let folder = PathBuf::from(&device.folder);
    let applied = db.applied()?;
    let own_last = db.last_file()?;
    let mut devices = Vec::new();
    for peer in peers(&folder, &device.name)? {
        let files = files_of(&folder.join(&peer)).last().copied().unwrap_or(0);
        let (done, at) = applied.get(&peer).cloned().unwrap_or((0, None));
        devices.push(Peer {
            device: peer.clone(),
            files,
            applied: done,
            last_change: at,
        });
    }
    // An erasure not sent yet waits on every device.
    let erasures_waiting = if db.erasures()?.is_empty() {
        0
    } else if db.unsent_count()? > 0 {
        devices.len()
    } else {
        behind(&folder, &device.name, own_last)?
    };
    Ok(Status {
        folder: device.folder.clone(),
        device: device.name.clone(),
        slot: device.slot,
        devices,
        pending_changes: db.unsent_count()?,
        new_conflicts: db.conflicts(true)?.len(),
        shared_emails: db.shared_emails()?,
        erasures_waiting,
    })
}

/// `sync conflicts`: every conflict resolved; they count as seen.
pub fn conflicts(store: &mut Store) -> Result<Vec<Conflict>> {
    let list = store.read().conflicts(false)?;
    if list.iter().any(|_| true) {
        store.write_applying(|db| db.mark_conflicts_seen())?;
    }
    Ok(list)
}
