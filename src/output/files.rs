//! Every file rapport writes besides the database (exports, calendars,
//! drafts, rejected rows, backups) goes through one writer: it writes a
//! temporary file beside the target with mode 0600 (they hold personal
//! data), and renames it over the target only when complete, so that a
//! reader never sees half a file and a failure leaves the target as it was.
//! It never writes through a symbolic link.

use crate::error::{Error, Result};
use crate::refused;
use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The files rapport must never write over, whatever an output flag says:
/// the database with its -wal and -shm, and the file being read. Compared
/// by canonical path and, for files that exist, by device and inode, so a
/// second name or a hard link is caught too.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    protected: Vec<(PathBuf, &'static str)>,
}

impl Guard {
    pub fn protect_database(&mut self, db: &Path) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = db.as_os_str().to_owned();
            p.push(suffix);
            self.protected.push((PathBuf::from(p), "the database"));
        }
    }

    /// The file a command reads (an import's input).
    pub fn protect_input(&mut self, input: &Path) {
        self.protected
            .push((input.to_path_buf(), "the file being read"));
    }

    /// Refuses a target that is, or is another name of, a protected file.
    pub fn check(&self, target: &Path) -> Result<()> {
        let target_id = identity(target);
        let target_name = canonical(target);
        for (p, what) in &self.protected {
            let same_file = match (&target_id, identity(p)) {
                (Some(a), Some(b)) => *a == b,
                _ => false,
            };
            if same_file || (target_name.is_some() && target_name == canonical(p)) {
                return Err(refused!(
                    "'{}' is {what}: rapport will not write over it; give another file name",
                    target.display()
                ));
            }
        }
        Ok(())
    }
}

/// (device, inode) of an existing file.
fn identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The path with its folder resolved (the file itself need not exist).
fn canonical(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(dir).ok()?.join(name))
}

pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    out: Option<BufWriter<File>>,
    /// Where this run noted its temporary file, for `sweep`.
    note: Option<PathBuf>,
}

impl AtomicFile {
    /// Starts a file that will replace `target` when committed.
    pub fn create(target: &Path, guard: &Guard) -> Result<AtomicFile> {
        guard.check(target)?;
        let temp = Self::prepare(target)?;
        let note = pending::register(&temp);
        let file = create_private(&temp).map_err(|e| {
            pending::unregister(note.as_deref());
            Error::io(format!("cannot write '{}'", target.display()), e)
        })?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            out: Some(BufWriter::new(file)),
            note,
        })
    }

    /// Checks the target; the temporary file's name, unique to this run.
    fn prepare(target: &Path) -> Result<PathBuf> {
        if target.is_dir() {
            return Err(refused!(
                "'{}' is a directory: expected a file name",
                target.display()
            ));
        }
        if fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(refused!(
                "'{}' is a symbolic link: rapport does not write through links; name the file itself",
                target.display()
            ));
        }
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| refused!("'{}' is not a file name", target.display()))?;
        let temp = target.with_file_name(format!(".{name}.{}.partial", std::process::id()));
        if fs::symlink_metadata(&temp).is_ok() {
            // Left by a killed run that had this process id.
            let _ = fs::remove_file(&temp);
        }
        Ok(temp)
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        match self.out.as_mut() {
            Some(w) => w,
            // `commit` takes the writer and the file with it.
            None => unreachable!("an AtomicFile written after its commit"),
        }
    }

    /// The temporary file, empty until written: for what writes it by name
    /// (SQLite's `VACUUM INTO`).
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// Flushes to disk and puts the file in place.
    pub fn commit(mut self) -> Result<()> {
        let what = || format!("cannot write '{}'", self.target.display());
        if let Some(mut out) = self.out.take() {
            out.flush().map_err(|e| Error::io(what(), e))?;
            let file = out
                .into_inner()
                .map_err(|e| Error::io(what(), e.into_error()))?;
            file.sync_all().map_err(|e| Error::io(what(), e))?;
        }
        fs::rename(&self.temp, &self.target).map_err(|e| Error::io(what(), e))?;
        self.temp = PathBuf::new();
        pending::unregister(self.note.take().as_deref());
        Ok(())
    }
}

impl Drop for AtomicFile {
    /// Not committed: the temporary file goes, the target stays as it was.
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            self.out.take();
            let _ = fs::remove_file(&self.temp);
        }
        pending::unregister(self.note.take().as_deref());
    }
}

/// Writes `target` in one go through `work`; returns what `work` returns.
pub fn write_file<T>(
    target: &Path,
    guard: &Guard,
    work: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let mut file = AtomicFile::create(target, guard)?;
    let value = work(file.writer())?;
    file.commit()?;
    Ok(value)
}

/// A new file with mode 0600 that must not exist yet (so never a link).
pub fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.writer().flush()
    }
}

/// Rejected import rows with their line and reason, in a file created on
/// the first one.
pub struct RejectsFile {
    path: PathBuf,
    headers: Vec<String>,
    guard: Guard,
    out: Option<csv::Writer<AtomicFile>>,
}

impl RejectsFile {
    /// Checked now, before any row is read: written on the first rejected row.
    pub fn new(path: PathBuf, headers: &[String], guard: &Guard) -> Result<RejectsFile> {
        guard.check(&path)?;
        Ok(RejectsFile {
            path,
            headers: headers.to_vec(),
            guard: guard.clone(),
            out: None,
        })
    }

    /// Puts the file in place when it has rows: its path.
    pub fn finish(&mut self) -> Result<Option<PathBuf>> {
        match self.out.take() {
            Some(out) => {
                let file = out
                    .into_inner()
                    .map_err(|e| Error::io("cannot write the rejected rows", e.into_error()))?;
                file.commit()?;
                Ok(Some(self.path.clone()))
            }
            None => Ok(None),
        }
    }
}

impl crate::import::Rejects for RejectsFile {
    fn reject(&mut self, line: u64, reason: &str, record: &csv::ByteRecord) -> Result<()> {
        if self.out.is_none() {
            let mut w = csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(AtomicFile::create(&self.path, &self.guard)?);
            let mut header = vec!["line".to_string(), "reason".to_string()];
            header.extend(self.headers.iter().cloned());
            w.write_record(&header)?;
            self.out = Some(w);
        }
        if let Some(w) = self.out.as_mut() {
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

/// The temporary files of writes in progress, noted in the user's data
/// folder so that the next run of any command removes those a killed run
/// left behind (they hold contact data). A note is one small file naming
/// the process and the temporary file: no two runs share one.
pub mod pending {
    use std::fs;
    use std::path::{Path, PathBuf};

    fn dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "rapport").map(|d| d.data_dir().join("partial"))
    }

    /// Notes a temporary file about to be written; where the note is.
    pub fn register(temp: &Path) -> Option<PathBuf> {
        let dir = dir()?;
        let temp = absolute(temp)?;
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&dir).ok()?;
        let note = dir.join(format!("{}-{}", std::process::id(), ulid::Ulid::generate()));
        let mut file = super::create_private(&note).ok()?;
        std::io::Write::write_all(&mut file, temp.as_os_str().as_encoded_bytes()).ok()?;
        Some(note)
    }

    pub fn unregister(note: Option<&Path>) {
        if let Some(note) = note {
            let _ = fs::remove_file(note);
        }
    }

    /// Removes what runs that are no longer running left: their temporary
    /// files and their notes. Cheap when there are none (one folder read).
    pub fn sweep() {
        let Some(dir) = dir() else { return };
        let Ok(entries) = fs::read_dir(&dir) else {
            return;
        };
        for entry in entries.flatten() {
            let note = entry.path();
            let name = entry.file_name();
            let pid = name
                .to_str()
                .and_then(|n| n.split('-').next())
                .and_then(|p| p.parse::<u32>().ok());
            if pid.is_some_and(running) {
                continue;
            }
            if let Ok(bytes) = fs::read(&note) {
                // Only a file of the name this module gives: never anything else.
                let temp = PathBuf::from(String::from_utf8_lossy(&bytes).into_owned());
                let ours = temp
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.') && n.ends_with(".partial"));
                if ours && fs::symlink_metadata(&temp).is_ok_and(|m| m.is_file()) {
                    let _ = fs::remove_file(&temp);
                }
            }
            let _ = fs::remove_file(&note);
        }
    }

    fn absolute(path: &Path) -> Option<PathBuf> {
        let name = path.file_name()?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        Some(fs::canonicalize(dir).ok()?.join(name))
    }

    /// Whether a process with this id is running (it may be another
    /// program that took the id: then its note waits for the next sweep).
    fn running(pid: u32) -> bool {
        #[cfg(unix)]
        {
            let Ok(pid) = i32::try_from(pid) else {
                return false;
            };
            // SAFETY: kill with signal 0 sends nothing; it only checks that
            // the process exists. No memory is involved.
            let alive = unsafe { libc::kill(pid, 0) } == 0;
            alive || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
        }
        #[cfg(not(unix))]
        {
            let _ = pid;
            true
        }
    }
}
