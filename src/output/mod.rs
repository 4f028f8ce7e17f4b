//! The one place that decides how records look and that writes every byte
//! a person or a script sees: tables for people, JSON and CSV for scripts,
//! notes and warnings on stderr, prompts and pick lists on a terminal, and
//! every file rapport writes. Commands hand records here and never print.

mod dashboard;
pub mod eml;
pub mod export;
pub mod files;
pub mod ics;
mod profile;
mod records;
mod report;
mod sync;
pub mod vcard;

use crate::domain::text::{shown, shown_block};
use crate::error::{Error, Result};
use comfy_table::{presets, Attribute, Cell, ContentArrangement, Table};
use serde::Serialize;
use std::io::{self, IsTerminal, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
    /// vCard cards (`export contacts` only)
    Vcard,
}

/// A record that can stand as a row in a table or a CSV file.
pub trait Tabular: Serialize {
    fn headers() -> &'static [&'static str];
    /// Cells for a person reading a table.
    fn cells(&self) -> Vec<String>;
    /// Columns of a CSV file: by default the table's.
    fn csv_headers() -> &'static [&'static str] {
        Self::headers()
    }
    /// Cells for a CSV file: by default the table's.
    fn csv_cells(&self) -> Vec<String> {
        self.cells()
    }
}

pub struct Ui {
    format: Format,
    /// What no output file may be.
    pub guard: files::Guard,
    out: Box<dyn Write>,
    color: bool,
    /// Stdout is a terminal: tables wrap to its width.
    terminal: bool,
    /// Prompts are allowed: stdin is a terminal and --no-input was not given.
    interactive: bool,
    /// CSV cells as stored (--raw), not made safe for spreadsheets.
    raw: bool,
}

impl Ui {
    pub fn new(format: Format, no_input: bool, raw: bool) -> Ui {
        let stdout = io::stdout();
        let terminal = stdout.is_terminal();
        let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Ui {
            format,
            guard: files::Guard::default(),
            out: Box::new(io::BufWriter::new(stdout)),
            color,
            terminal,
            interactive: !no_input && io::stdin().is_terminal() && io::stderr().is_terminal(),
            raw,
        }
    }

    /// Whether CSV cells go out exactly as stored.
    pub fn raw_csv(&self) -> bool {
        self.raw
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn interactive(&self) -> bool {
        self.interactive
    }

    pub fn is_json(&self) -> bool {
        self.format == Format::Json
    }

    /// A list of records. An empty list prints nothing as a table, `[]` as
    /// JSON and the header row as CSV.
    pub fn records<T: Tabular>(&mut self, rows: &[T]) -> Result<()> {
        match self.format {
            Format::Json => self.json(&rows),
            Format::Csv => {
                let raw = self.raw;
                let mut w = csv::Writer::from_writer(&mut self.out);
                w.write_record(T::csv_headers())?;
                for row in rows {
                    w.write_record(
                        row.csv_cells()
                            .iter()
                            .map(|c| csv_cell(c, raw).into_owned()),
                    )?;
                }
                w.flush()?;
                Ok(())
            }
            Format::Table | Format::Vcard => {
                if rows.is_empty() {
                    return Ok(());
                }
                let cells = screen_cells(rows);
                if let Some(text) = self.plain_table(T::headers(), &cells) {
                    self.out.write_all(text.as_bytes())?;
                    return Ok(());
                }
                let table = self.table(T::headers(), cells.into_iter());
                self.print_table(&table)
            }
        }
    }

    /// Contacts: as CSV with a `field:KEY` column per custom field they
    /// hold, the columns `export contacts` writes and `import` reads back.
    pub fn contacts(&mut self, rows: &[crate::domain::contact::Contact]) -> Result<()> {
        if self.format != Format::Csv {
            return self.records(rows);
        }
        let keys: std::collections::BTreeSet<String> =
            rows.iter().flat_map(|c| c.fields.keys().cloned()).collect();
        let raw = self.raw;
        let mut csv = export::ContactsCsv::open(&mut self.out, keys.into_iter().collect(), raw)?;
        for c in rows {
            csv.row(c)?;
        }
        csv.close()
    }

    /// A table or CSV whose columns are only known at run time (one per
    /// stage of the pipeline): `csv` cells are numbers, `cells` what a
    /// person reads.
    pub fn columns(
        &mut self,
        headers: &[String],
        csv_headers: &[String],
        cells: &[Vec<String>],
        csv: &[Vec<String>],
    ) -> Result<()> {
        match self.format {
            Format::Json => Ok(()),
            Format::Csv => {
                let raw = self.raw;
                let mut w = csv::Writer::from_writer(&mut self.out);
                w.write_record(csv_headers.iter().map(|h| csv_cell(h, raw).into_owned()))?;
                for row in csv {
                    w.write_record(row.iter().map(|c| csv_cell(c, raw).into_owned()))?;
                }
                w.flush()?;
                Ok(())
            }
            Format::Table | Format::Vcard => {
                if cells.is_empty() {
                    return Ok(());
                }
                let shown_cells: Vec<Vec<String>> = cells
                    .iter()
                    .map(|r| r.iter().map(|c| shown(c)).collect())
                    .collect();
                let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
                if let Some(text) = self.plain_table(&headers, &shown_cells) {
                    self.out.write_all(text.as_bytes())?;
                    return Ok(());
                }
                let table = self.table(&headers, shown_cells.into_iter());
                self.print_table(&table)
            }
        }
    }

    /// Rows whose columns are known only at run time (`rapport sql`),
    /// written as they come: JSON and CSV stream; a table, which needs every
    /// width first, holds at most `TABLE_ROWS`.
    pub fn dynamic(&mut self) -> DynamicRows<'_> {
        DynamicRows {
            ui: self,
            headers: Vec::new(),
            table: Vec::new(),
            rows: 0,
        }
    }

    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        serde_json::to_writer_pretty(&mut self.out, value)?;
        writeln!(self.out)?;
        Ok(())
    }

    /// What a write command prints: one line naming the record, or the
    /// record itself with --json.
    pub fn confirm<T: Serialize>(&mut self, record: &T, line: &str) -> Result<()> {
        match self.format {
            Format::Json => self.json(record),
            _ => self.line(line),
        }
    }

    /// What `stage` and `advance` print.
    pub fn moved(&mut self, moved: &crate::ops::stage::Moved) -> Result<()> {
        for effect in &moved.effects {
            self.note(&effect.to_string())?;
        }
        let c = &moved.contact;
        match &moved.from {
            Some(from) => {
                let line = format!("Moved #{} {} from {} to {}", c.id, c.name, from, c.stage);
                self.confirm(c, &line)
            }
            None => {
                let line = format!(
                    "#{} {} is already in {}; nothing changed",
                    c.id, c.name, c.stage
                );
                self.confirm(&serde_json::json!({"contact": c, "changed": false}), &line)
            }
        }
    }

    /// A line for a person: what stored text it holds is shown escaped.
    /// What `lose` prints.
    pub fn lost(&mut self, lost: &crate::ops::stage::Moved) -> Result<()> {
        for effect in &lost.effects {
            self.note(&effect.to_string())?;
        }
        let c = &lost.contact;
        let line = format!(
            "Lost #{} {} from {}: {}",
            c.id,
            c.name,
            c.stage,
            c.lost_reason.as_deref().unwrap_or_default()
        );
        self.confirm(c, &line)
    }

    /// What `merge` prints.
    pub fn merged(
        &mut self,
        m: &crate::store::Merged,
        kept: &crate::domain::contact::Contact,
    ) -> Result<()> {
        let line = format!(
            "Merged #{} {} into #{} {} ({} interaction{}, {} follow-up{} moved); undo with: rapport merge --undo {}",
            m.merged,
            m.merged_name,
            kept.id,
            kept.name,
            m.interactions,
            if m.interactions == 1 { "" } else { "s" },
            m.follow_ups,
            if m.follow_ups == 1 { "" } else { "s" },
            m.merge
        );
        self.confirm(&serde_json::json!({"merge": m, "contact": kept}), &line)
    }

    /// What `merge --undo` prints.
    pub fn unmerged(
        &mut self,
        kept: &crate::domain::contact::Contact,
        restored: &crate::domain::contact::Contact,
    ) -> Result<()> {
        let line = format!(
            "Separated #{} {} from #{} {} again",
            restored.id, restored.name, kept.id, kept.name
        );
        self.confirm(
            &serde_json::json!({"contact": kept, "restored": restored}),
            &line,
        )
    }

    pub fn line(&mut self, text: &str) -> Result<()> {
        writeln!(self.out, "{}", shown_block(text))?;
        Ok(())
    }

    /// A heading before a section of a human-readable page.
    pub fn heading(&mut self, text: &str) -> Result<()> {
        let text = shown(text);
        if self.color {
            writeln!(self.out, "\x1b[1m{text}\x1b[0m")?;
        } else {
            writeln!(self.out, "{text}")?;
        }
        Ok(())
    }

    /// Label/value pairs as a two-column table (profiles, summaries).
    pub fn pairs(&mut self, pairs: &[(&str, String)]) -> Result<()> {
        let mut table = Table::new();
        table.load_style(presets::NOTHING);
        table.set_content_arrangement(self.arrangement());
        if self.terminal {
            table.set_width(terminal_width());
        }
        if !self.color {
            table.force_no_tty();
        }
        for (label, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
            let label = if self.color {
                Cell::new(label).add_attribute(Attribute::Bold)
            } else {
                Cell::new(label)
            };
            table.add_row(vec![label, Cell::new(shown_block(value))]);
        }
        self.print_table(&table)
    }

    /// A table of already rendered cells under a heading, for sections of a page.
    pub fn section<T: Tabular>(&mut self, title: &str, rows: &[T]) -> Result<()> {
        self.section_without(title, rows, None)
    }

    /// A section of one contact's page: their name in every row says nothing.
    pub fn own_section<T: Tabular>(&mut self, title: &str, rows: &[T]) -> Result<()> {
        self.section_without(title, rows, Some("contact"))
    }

    fn section_without<T: Tabular>(
        &mut self,
        title: &str,
        rows: &[T],
        dropped: Option<&str>,
    ) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        writeln!(self.out)?;
        self.heading(title)?;
        let mut headers: Vec<&str> = T::headers().to_vec();
        let mut cells = screen_cells(rows);
        if let Some(i) = dropped.and_then(|d| headers.iter().position(|h| *h == d)) {
            headers.remove(i);
            for row in &mut cells {
                row.remove(i);
            }
        }
        if let Some(text) = self.plain_table(&headers, &cells) {
            self.out.write_all(text.as_bytes())?;
            return Ok(());
        }
        let table = self.table(&headers, cells.into_iter());
        self.print_table(&table)
    }

    /// Wrapping to the terminal's width; piped output keeps whole lines.
    fn arrangement(&self) -> ContentArrangement {
        if self.terminal {
            ContentArrangement::Dynamic
        } else {
            ContentArrangement::Disabled
        }
    }

    /// Without the padding comfy-table leaves after the last column.
    fn print_table(&mut self, table: &Table) -> Result<()> {
        for line in table.lines() {
            writeln!(self.out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// Piped output has no width to fit: columns padded to their widest
    /// cell, as comfy-table lays them out, at a fraction of its cost (a
    /// `due` of thousands of lines read by cron). None when a cell spans
    /// lines, which comfy-table handles.
    fn plain_table(&self, headers: &[&str], rows: &[Vec<String>]) -> Option<String> {
        use unicode_width::UnicodeWidthStr;
        if self.terminal || rows.iter().flatten().any(|c| c.contains('\n')) {
            return None;
        }
        let header: Vec<String> = headers.iter().map(|h| h.to_uppercase()).collect();
        let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
        for row in rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        let mut out = String::new();
        for row in std::iter::once(&header).chain(rows) {
            let mut line = String::new();
            for (cell, w) in row.iter().zip(&widths) {
                line.push(' ');
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', w - cell.width() + 1));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        Some(out)
    }

    fn table(&self, headers: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Table {
        let mut table = Table::new();
        table.load_style(presets::NOTHING);
        table.set_content_arrangement(self.arrangement());
        if self.terminal {
            table.set_width(terminal_width());
        }
        if !self.color {
            table.force_no_tty();
        }
        let header: Vec<Cell> = headers
            .iter()
            .map(|h| {
                let cell = Cell::new(h.to_uppercase());
                if self.color {
                    cell.add_attribute(Attribute::Bold)
                } else {
                    cell
                }
            })
            .collect();
        table.set_header(header);
        for row in rows {
            table.add_row(row);
        }
        table
    }

    /// On a terminal, a progress bar for reading a file of more than half
    /// a megabyte (`size` bytes).
    pub fn progress(&self, size: Option<u64>) -> Option<indicatif::ProgressBar> {
        let size = size?;
        if !io::stderr().is_terminal() || size < 512 * 1024 {
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

    /// Writes a file whole (temporary name, then renamed), checked against
    /// the guard.
    pub fn write_file<T>(
        &self,
        target: &std::path::Path,
        work: impl FnOnce(&mut dyn Write) -> Result<T>,
    ) -> Result<T> {
        files::write_file(target, &self.guard, work)
    }

    /// Standard output, for what streams there (an export).
    pub fn writer(&mut self) -> &mut dyn Write {
        &mut self.out
    }

    /// Bytes as they are (a completion script, an iCalendar file).
    pub fn raw(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes)?;
        Ok(())
    }

    /// A line for the person, not for scripts: on stderr, so that stdout
    /// stays what the command promises.
    /// A note for a person at a terminal only: a cron job refreshing a file
    /// stays silent unless something fails.
    pub fn terminal_note(&mut self, text: &str) -> Result<()> {
        if io::stderr().is_terminal() {
            self.note(text)?;
        }
        Ok(())
    }

    pub fn note(&mut self, text: &str) -> Result<()> {
        self.out.flush()?;
        let mut err = io::stderr().lock();
        writeln!(err, "{}", shown_block(text))
            .map_err(|e| Error::io("cannot write to stderr", e))?;
        Ok(())
    }

    /// A warning: a note that starts `warning: `.
    pub fn warn(&mut self, text: &str) -> Result<()> {
        self.note(&format!("warning: {text}"))
    }

    /// A choice among `items` on a terminal; None when the person backs out.
    pub fn pick(&mut self, prompt: &str, items: &[String]) -> Result<Option<usize>> {
        self.out.flush()?;
        dialoguer::Select::new()
            .with_prompt(prompt)
            .items(items)
            .default(0)
            .interact_opt()
            .map_err(prompt_error)
    }

    /// A line of text typed on a terminal; `check` refuses what it must.
    pub fn ask(
        &mut self,
        prompt: &str,
        allow_empty: bool,
        check: impl Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        self.out.flush()?;
        dialoguer::Input::<String>::new()
            .with_prompt(prompt)
            .allow_empty(allow_empty)
            .validate_with(move |s: &String| check(s))
            .interact_text()
            .map_err(prompt_error)
    }

    /// Yes or no on a terminal, no by default.
    pub fn yes(&mut self, prompt: &str) -> Result<bool> {
        self.out.flush()?;
        dialoguer::Confirm::new()
            .with_prompt(prompt)
            .default(false)
            .interact()
            .map_err(prompt_error)
    }

    /// Text edited in $EDITOR; None when the editor closed without saving.
    pub fn edit(&mut self, text: &str) -> Result<Option<String>> {
        self.out.flush()?;
        dialoguer::Editor::new().edit(text).map_err(prompt_error)
    }

    pub fn flush(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// Output that goes nowhere, never interactive: for commands run in the
/// tests' own process.
#[cfg(test)]
pub(crate) fn sink_ui(format: Format) -> Ui {
    Ui {
        format,
        guard: files::Guard::default(),
        out: Box::new(io::sink()),
        color: false,
        terminal: false,
        interactive: false,
        raw: false,
    }
}

/// What a long test run measured (case counts, times), shown with
/// `cargo test -- --nocapture`.
#[cfg(test)]
pub(crate) fn test_report(text: &str) {
    eprintln!("{text}");
}

fn prompt_error(e: dialoguer::Error) -> Error {
    match e {
        dialoguer::Error::IO(io) => Error::io("cannot read the answer from the terminal", io),
    }
}

/// A missing value in a table cell.
pub fn or_dash(value: Option<&str>) -> String {
    value.unwrap_or("-").to_string()
}

/// A missing value in a CSV cell.
pub fn or_empty(value: Option<&str>) -> String {
    value.unwrap_or("").to_string()
}

/// The most rows a table of `rapport sql` holds; more need CSV or JSON.
pub const TABLE_ROWS: usize = 100_000;

pub struct DynamicRows<'u> {
    ui: &'u mut Ui,
    headers: Vec<String>,
    table: Vec<Vec<String>>,
    rows: usize,
}

fn cell_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl crate::store::QueryRows for DynamicRows<'_> {
    fn columns(&mut self, names: &[String]) -> Result<()> {
        self.headers = names.to_vec();
        if self.ui.format == Format::Csv {
            let raw = self.ui.raw;
            self.csv_line(names.iter().map(|h| csv_cell(h, raw).into_owned()))?;
        }
        Ok(())
    }

    fn row(&mut self, values: Vec<serde_json::Value>) -> Result<()> {
        self.rows += 1;
        match self.ui.format {
            Format::Json => {
                let object: serde_json::Map<String, serde_json::Value> =
                    self.headers.iter().cloned().zip(values).collect();
                let text = serde_json::to_string_pretty(&object)?;
                let out = &mut self.ui.out;
                out.write_all(if self.rows == 1 { b"[\n" } else { b",\n" })?;
                for (i, line) in text.lines().enumerate() {
                    if i > 0 {
                        out.write_all(b"\n")?;
                    }
                    write!(out, "  {line}")?;
                }
                Ok(())
            }
            Format::Csv => {
                let raw = self.ui.raw;
                self.csv_line(
                    values
                        .iter()
                        .map(|v| csv_cell(&cell_text(v), raw).into_owned()),
                )
            }
            Format::Table | Format::Vcard => {
                if self.table.len() >= TABLE_ROWS {
                    return Err(crate::refused!(
                        "more than {TABLE_ROWS} rows is too many for a table: use --format csv or --json, or LIMIT the query"
                    ));
                }
                self.table
                    .push(values.iter().map(|v| shown(&cell_text(v))).collect());
                Ok(())
            }
        }
    }
}

impl DynamicRows<'_> {
    /// One CSV record, written at once.
    fn csv_line(&mut self, cells: impl Iterator<Item = String>) -> Result<()> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(cells)?;
        let bytes = w
            .into_inner()
            .map_err(|e| crate::error::Error::io("cannot write the output", e.into_error()))?;
        self.ui.out.write_all(&bytes)?;
        Ok(())
    }

    /// Ends the output: the closing bracket, or the table.
    pub fn finish(self) -> Result<()> {
        match self.ui.format {
            Format::Json => {
                let out = &mut self.ui.out;
                out.write_all(if self.rows == 0 { b"[]\n" } else { b"\n]\n" })?;
                Ok(())
            }
            Format::Csv => Ok(()),
            Format::Table | Format::Vcard => {
                if self.table.is_empty() {
                    return Ok(());
                }
                let headers: Vec<&str> = self.headers.iter().map(String::as_str).collect();
                let table = self.ui.table(&headers, self.table.into_iter());
                self.ui.print_table(&table)
            }
        }
    }
}

/// Cells for a screen: whatever stored text holds that would act on a
/// terminal (ESC, CR, a direction override, a line break) written out.
fn screen_cells<T: Tabular>(rows: &[T]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.cells().iter().map(|c| shown(c)).collect())
        .collect()
}

/// A CSV cell as it goes out: made inert for spreadsheets unless `raw`.
pub fn csv_cell(cell: &str, raw: bool) -> std::borrow::Cow<'_, str> {
    if raw {
        std::borrow::Cow::Borrowed(cell)
    } else {
        crate::domain::text::csv_safe(cell)
    }
}

/// The terminal's width in columns; 80 when it says 0 or cannot say (a
/// serial console, some CI terminals), so that a table never wraps one
/// character per line.
fn terminal_width() -> u16 {
    match terminal_size::terminal_size() {
        Some((terminal_size::Width(w), _)) if w > 0 => w,
        _ => 80,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piped() -> Ui {
        Ui {
            format: Format::Table,
            guard: files::Guard::default(),
            out: Box::new(io::sink()),
            color: false,
            terminal: false,
            interactive: false,
            raw: false,
        }
    }

    /// The plain layout is comfy-table's, to the character.
    #[test]
    fn plain_tables_match_comfy_table() {
        let ui = piped();
        let headers = ["id", "name", "note"];
        let rows = vec![
            vec![
                "1".to_string(),
                "Zoë Brontë".to_string(),
                "café ☕".to_string(),
            ],
            vec!["22".to_string(), "山田太郎".to_string(), String::new()],
            vec!["333".to_string(), "".to_string(), "a, b; \"c\"".to_string()],
        ];
        let plain = ui.plain_table(&headers, &rows).unwrap();
        let comfy: String = ui
            .table(&headers, rows.clone().into_iter())
            .lines()
            .map(|l| format!("{}\n", l.trim_end()))
            .collect();
        assert_eq!(plain, comfy);
        let multi = vec![vec![
            "1".to_string(),
            "two\nlines".to_string(),
            String::new(),
        ]];
        assert!(
            ui.plain_table(&headers, &multi).is_none(),
            "comfy-table lays out multi-line cells"
        );
    }
}
