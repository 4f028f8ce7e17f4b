//! Exports, and the whole book in and out: `export all` writes every
//! record with its ids, uids and timestamps; `import all` reads it back
//! into an empty book, so that export → import → export gives the same bytes.

use super::validate;
use crate::domain::contact::Contact;
use crate::domain::settings;
use crate::domain::text::shown;
use crate::error::{Error, Result};
use crate::output::export::{
    ContactsCsv, Dump, InteractionsCsv, JsonArray, DUMP_FORMAT, DUMP_VERSION,
};
use crate::refused;
use crate::store::{
    ConsentRecord, ContactRecord, Db, FollowUpRecord, InteractionRecord, PointsRecord,
    ReminderRecord, RuleRecord, StageMoveRecord, StageRecord, Store, TemplateRecord,
};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::marker::PhantomData;

/// Every contact as CSV; returns how many, in words.
/// `raw`: cells as stored, not made safe for spreadsheets.
pub fn contacts_csv(db: &Db<'_>, w: &mut dyn Write, raw: bool) -> Result<String> {
    let mut out = ContactsCsv::open(w, db.field_keys()?, raw)?;
    let mut n = 0;
    db.each_contact(&mut |c| {
        n += 1;
        out.row(&c)
    })?;
    out.close()?;
    Ok(format!("{n} contacts"))
}

pub fn contacts_json(db: &Db<'_>, w: &mut dyn Write) -> Result<String> {
    let mut out = JsonArray::open(w)?;
    let mut n = 0;
    db.each_contact(&mut |c: Contact| {
        n += 1;
        out.item(&c)
    })?;
    out.close()?;
    Ok(format!("{n} contacts"))
}

pub fn interactions_csv(db: &Db<'_>, w: &mut dyn Write, raw: bool) -> Result<String> {
    let mut out = InteractionsCsv::open(w, raw)?;
    let mut n = 0;
    db.each_interaction(None, &mut |i| {
        n += 1;
        out.row(&i)
    })?;
    out.close()?;
    Ok(format!("{n} interactions"))
}

pub fn interactions_json(db: &Db<'_>, w: &mut dyn Write) -> Result<String> {
    let mut out = JsonArray::open(w)?;
    let mut n = 0;
    db.each_interaction(None, &mut |i| {
        n += 1;
        out.item(&i)
    })?;
    out.close()?;
    Ok(format!("{n} interactions"))
}

/// Every contact in id order, one at a time (`export contacts --format vcard`).
pub fn each_contact(db: &Db<'_>, f: &mut dyn FnMut(Contact) -> Result<()>) -> Result<()> {
    db.each_contact(f)
}

/// `export contact`: everything the book holds about one person, as one
/// JSON object: what a data-access request asks for (`forget` erases it).
pub fn contact(db: &Db<'_>, id: i64, w: &mut dyn Write) -> Result<String> {
    let record = db
        .contact_record(id)?
        .ok_or_else(|| refused!("contact #{id} no longer exists"))?;
    let name = record.name.clone();
    let referred_by_name = match record.referred_by {
        Some(r) => db.contact(r)?.map(|c| c.name),
        None => None,
    };
    fn all<T>(each: impl FnOnce(&mut dyn FnMut(T) -> Result<()>) -> Result<()>) -> Result<Vec<T>> {
        let mut out = Vec::new();
        each(&mut |t| {
            out.push(t);
            Ok(())
        })?;
        Ok(out)
    }
    let interactions: Vec<InteractionRecord> =
        all(|f| db.each_interaction(Some(id), &mut |i| f(InteractionRecord::from(i))))?;
    let points: Vec<PointsRecord> = all(|f| db.each_points_record(Some(id), f))?;
    let balance: i64 = points.iter().map(|p| p.delta).sum();
    let referred: Vec<serde_json::Value> = db
        .referred_by_any(&[id])?
        .into_iter()
        .filter_map(|r| db.contact(r).ok().flatten())
        .map(|c| serde_json::json!({"id": c.id, "name": c.name}))
        .collect();
    let value = serde_json::json!({
        "format": "rapport-contact",
        "exported_at": db.now(),
        "contact": record,
        "referred_by_name": referred_by_name,
        "referred": referred,
        "stage_history": all(|f| db.each_stage_move(Some(id), f))?,
        "interactions": interactions,
        "follow_ups": all(|f| db.each_follow_up(Some(id), f))?,
        "points": points,
        "points_balance": balance,
        "reminders": all(|f| db.each_reminder_record(Some(id), f))?,
        "consents": all(|f| db.each_consent_record(Some(id), f))?,
        "imports": db.provenance(id)?,
    });
    serde_json::to_writer_pretty(&mut *w, &value)?;
    w.write_all(b"\n")?;
    Ok(format!("everything about #{id} {}", shown(&name)))
}

/// `export all`: the whole book as the dump `import all` reads.
pub fn all(db: &Db<'_>, w: &mut dyn Write) -> Result<String> {
    let mut dump = Dump::open(w, &db.settings()?)?;
    let mut counts = (0, 0);
    let mut a = dump.array("pipeline")?;
    db.each_stage(&mut |s| a.item(&s))?;
    a.close()?;
    let mut a = dump.array("rules")?;
    db.each_rule_record(&mut |r| a.item(&r))?;
    a.close()?;
    let mut a = dump.array("templates")?;
    db.each_template_record(&mut |t| a.item(&t))?;
    a.close()?;
    let mut a = dump.array("contacts")?;
    db.each_contact_record(&mut |c| {
        counts.0 += 1;
        a.item(&c)
    })?;
    a.close()?;
    let mut a = dump.array("stage_history")?;
    db.each_stage_move(None, &mut |m| a.item(&m))?;
    a.close()?;
    let mut a = dump.array("interactions")?;
    db.each_interaction(None, &mut |i| {
        counts.1 += 1;
        a.item(&InteractionRecord::from(i))
    })?;
    a.close()?;
    let mut a = dump.array("follow_ups")?;
    db.each_follow_up(None, &mut |f| a.item(&f))?;
    a.close()?;
    let mut a = dump.array("points")?;
    db.each_points_record(None, &mut |p| a.item(&p))?;
    a.close()?;
    let mut a = dump.array("reminders")?;
    db.each_reminder_record(None, &mut |r| a.item(&r))?;
    a.close()?;
    let mut a = dump.array("consents")?;
    db.each_consent_record(None, &mut |c| a.item(&c))?;
    a.close()?;
    dump.close()?;
    Ok(format!(
        "the whole database ({} contacts, {} interactions)",
        counts.0, counts.1
    ))
}

/// Whether a file starts as `export all` writes one: an object whose first
/// key is `"format": "rapport-export"`. Read before a book is created, so
/// that a wrong file leaves nothing behind.
pub fn check_head(reader: impl std::io::Read) -> Result<()> {
    struct Head;
    impl<'de> Visitor<'de> for Head {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("the object `rapport export all` writes")
        }
        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> std::result::Result<(), M::Error> {
            match map.next_key::<String>()?.as_deref() {
                Some("format") => {
                    let format: String = map.next_value()?;
                    if format == DUMP_FORMAT {
                        // Enough: stop reading here.
                        Err(de::Error::custom(OK_SO_FAR))
                    } else {
                        Err(de::Error::custom(format!(
                            "its format is '{format}', expected '{DUMP_FORMAT}'"
                        )))
                    }
                }
                _ => Err(de::Error::custom("it does not start with its format")),
            }
        }
    }
    const OK_SO_FAR: &str = "rapport export head ok";
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(reader));
    match de::Deserializer::deserialize_map(&mut de, Head) {
        Err(e) if e.to_string().starts_with(OK_SO_FAR) => Ok(()),
        Err(e) => Err(refused!("this is not a rapport export: {e}")),
        Ok(()) => Ok(()),
    }
}

/// What `import all` restored.
#[derive(Debug, Default, Serialize)]
pub struct Restored {
    pub contacts: usize,
    pub interactions: usize,
    pub follow_ups: usize,
}

/// `import all`: restores what `export all` wrote into a book that holds
/// no contacts. The file is read as a stream, each record checked as the
/// commands check what they take (see `validate`) and written as it comes,
/// so memory stays flat however large the export. Any invalid record, and
/// nothing is restored: the error names each (up to 20), by array, place
/// and id.
pub fn restore(store: &mut Store, reader: impl std::io::Read) -> Result<Restored> {
    store.write(|db| {
        let (contacts, interactions) = db.contact_and_interaction_counts()?;
        if contacts + interactions > 0 {
            return Err(refused!(
                "the database already holds {contacts} contacts: `import all` restores into an empty database only \
                 (use --db NEW.db, or `import contacts` to merge)"
            ));
        }
        db.begin_bulk()?;
        let mut loader = Loader {
            db,
            state: State {
                today: db.clock().today(),
                ..State::default()
            },
            failure: None,
        };
        let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(reader));
        let outcome =
            de::Deserializer::deserialize_map(&mut de, &mut loader).and_then(|_| de.end());
        if let Some(e) = loader.failure.take() {
            return Err(e);
        }
        outcome.map_err(|e| refused!("this is not a rapport export: {e}"))?;
        let mut state = loader.state;
        if !state.pipeline {
            return Err(refused!(
                "this is not a rapport export: it has no pipeline"
            ));
        }
        // Referrals point anywhere in the list, so they go in once everyone is there.
        for (id, referrer) in std::mem::take(&mut state.referrals) {
            if state.contacts.contains(&referrer) {
                db.set_referrer(id, referrer)?;
            } else if !state.skipped_contacts.contains(&referrer) {
                state.problem(
                    "contacts",
                    None,
                    id,
                    format!("referred_by: contact #{referrer} is not in the export"),
                );
            }
        }
        if state.invalid > 0 {
            let mut lines = vec![format!(
                "the export holds {} invalid record{}: nothing was restored",
                state.invalid,
                if state.invalid == 1 { "" } else { "s" }
            )];
            let listed = state.problems.len();
            lines.append(&mut state.problems);
            if state.invalid > listed {
                lines.push(format!("… and {} more", state.invalid - listed));
            }
            return Err(Error::Refused(lines.join("\n")));
        }
        db.finish_bulk()?;
        db.refresh_all_rhythms()?;
        Ok(state.restored)
    })
}

/// `import all` into a book that does not exist yet: restored beside it
/// under a temporary name and linked into place only when complete, so
/// that a refused export leaves no file behind.
pub fn restore_new(
    path: &std::path::Path,
    clock: crate::clock::Clock,
    reader: impl std::io::Read,
) -> Result<Restored> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| refused!("'{}' is not a file name", path.display()))?;
    let staged = path.with_file_name(format!(".{name}.{}.restoring", ulid::Ulid::generate()));
    let remove = |p: &std::path::Path| {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut f = p.as_os_str().to_owned();
            f.push(suffix);
            let _ = std::fs::remove_file(std::path::PathBuf::from(f));
        }
    };
    let outcome = (|| {
        let mut store = super::open(&staged, crate::store::Access::Write, clock)?;
        let restored = restore(&mut store, reader)?;
        drop(store);
        std::fs::hard_link(&staged, path).map_err(|e| {
            Error::io(
                format!("cannot put the restored book at '{}'", path.display()),
                e,
            )
        })?;
        Ok(restored)
    })();
    remove(&staged);
    outcome
}

/// How many invalid records `import all` names; the rest are counted.
const LISTED: usize = 20;

/// What restoring has learnt so far.
#[derive(Default)]
struct State {
    restored: Restored,
    pipeline: bool,
    referrals: Vec<(i64, i64)>,
    /// The pipeline's stage names, once read.
    stages: Vec<String>,
    today: chrono::NaiveDate,
    /// Settings that name a stage, checked once the pipeline is read.
    deferred_settings: Vec<(String, String)>,
    /// What is wrong with the records: the first `LISTED` of `invalid`.
    problems: Vec<String>,
    invalid: usize,
    /// Contacts restored, and those left out as invalid (whose other records
    /// are left out with them, unreported: the contact's problem says it).
    contacts: std::collections::HashSet<i64>,
    skipped_contacts: std::collections::HashSet<i64>,
}

impl State {
    /// Notes one invalid record: `contacts record 3 (id 17): email: …`.
    fn problem(
        &mut self,
        array: &str,
        index: Option<usize>,
        id: impl std::fmt::Display,
        text: String,
    ) {
        self.invalid += 1;
        if self.problems.len() < LISTED {
            let at = index.map(|i| format!(" record {i}")).unwrap_or_default();
            self.problems
                .push(format!("{array}{at} ({id}): {}", shown(&text)));
        }
    }

    /// Notes a record's problems; whether it is fit to write.
    fn checked(
        &mut self,
        array: &str,
        index: usize,
        id: impl std::fmt::Display,
        p: validate::Problems,
    ) -> bool {
        if p.is_empty() {
            return true;
        }
        let id = id.to_string();
        for text in p.0 {
            self.problem(array, Some(index), &id, text);
        }
        false
    }

    /// Whether a record about `contact` is to be written: its contact is
    /// in; one left out as invalid takes its records with it.
    fn about(
        &mut self,
        array: &str,
        index: usize,
        id: impl std::fmt::Display,
        contact: i64,
    ) -> bool {
        if self.contacts.contains(&contact) {
            return true;
        }
        if !self.skipped_contacts.contains(&contact) {
            self.problem(
                array,
                Some(index),
                id,
                format!("contact_id: contact #{contact} is not in the export"),
            );
        }
        false
    }
}

/// Writes each record of the export as serde reads it.
struct Loader<'a, 'b> {
    db: &'a Db<'b>,
    state: State,
    /// A database error met inside serde, reported as itself.
    failure: Option<Error>,
}

/// Reads a JSON array element by element, handing each to `f`.
struct Each<'f, T, F> {
    f: &'f mut F,
    _record: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>, F: FnMut(T) -> Result<()>> DeserializeSeed<'de> for Each<'_, T, F> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>, F: FnMut(T) -> Result<()>> Visitor<'de> for Each<'_, T, F> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of records")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while let Some(record) = seq.next_element::<T>()? {
            (self.f)(record).map_err(|e| de::Error::custom(e.to_string()))?;
        }
        Ok(())
    }
}

impl Loader<'_, '_> {
    /// Reads one array of records, numbered from 1, handing each to
    /// `take`; a database failure is kept to be reported as itself.
    fn each<'de, T: Deserialize<'de>, M: MapAccess<'de>>(
        &mut self,
        map: &mut M,
        mut take: impl FnMut(&Db<'_>, &mut State, usize, T) -> Result<()>,
    ) -> std::result::Result<(), M::Error> {
        let db = self.db;
        let (state, failure) = (&mut self.state, &mut self.failure);
        let mut index = 0;
        let mut f = |record: T| -> Result<()> {
            index += 1;
            take(db, state, index, record).inspect_err(|e| {
                *failure = Some(match e {
                    Error::Database(m) => Error::Database(m.clone()),
                    Error::Refused(m) => Error::Refused(m.clone()),
                    other => refused!("this export cannot be restored: {other}"),
                })
            })
        };
        map.next_value_seed(Each {
            f: &mut f,
            _record: PhantomData,
        })
    }

    fn fail<E: de::Error>(&mut self, e: Error) -> E {
        let text = e.to_string();
        self.failure = Some(e);
        E::custom(text)
    }
}

/// A record that passed its checks but that the database still refuses
/// (an id twice, an email twice): a problem of the record, not a failure.
fn written(
    state: &mut State,
    array: &str,
    index: usize,
    id: impl std::fmt::Display,
    r: Result<()>,
) -> Result<bool> {
    match r {
        Ok(()) => Ok(true),
        Err(Error::Internal(m)) if m.contains("constraint failed") => {
            let what = m.split("SQLite failure: ").nth(1).unwrap_or(&m).to_string();
            state.problem(array, Some(index), id, what);
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

impl<'de> Visitor<'de> for &mut Loader<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("the object `rapport export all` writes")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> std::result::Result<(), M::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let db = self.db;
            match key.as_str() {
                "format" => {
                    let format: String = map.next_value()?;
                    if format != DUMP_FORMAT {
                        return Err(self.fail(refused!(
                            "this is not a rapport export: its format is '{format}', expected '{DUMP_FORMAT}'"
                        )));
                    }
                }
                "version" => {
                    let version: i64 = map.next_value()?;
                    if version > DUMP_VERSION {
                        return Err(self.fail(refused!(
                            "this export is version {version}, newer than this rapport reads (up to {DUMP_VERSION}): upgrade rapport"
                        )));
                    }
                }
                "settings" => {
                    // Before the pipeline in the file: stage settings are
                    // checked once it is known.
                    let settings: BTreeMap<String, String> = map.next_value()?;
                    let mut deferred = Vec::new();
                    for (k, v) in settings {
                        if settings::key(&k).is_ok_and(|key| key.name == "paying-stage") {
                            deferred.push((k, v));
                            continue;
                        }
                        match validate::setting(&k, &v, &[]) {
                            Ok(Some(v)) => {
                                if let Err(e) = db.set_setting(&k, &v) {
                                    return Err(self.fail(e));
                                }
                            }
                            Ok(None) => {}
                            Err(e) => self.state.problem("settings", None, &k, e.to_string()),
                        }
                    }
                    self.state.deferred_settings = deferred;
                }
                "pipeline" => {
                    let stages: Vec<StageRecord> = map.next_value()?;
                    let mut good: Vec<StageRecord> = Vec::new();
                    for (i, s) in stages.into_iter().enumerate() {
                        let name = s.name.clone();
                        if !self
                            .state
                            .checked("pipeline", i + 1, &name, validate::stage(&s))
                        {
                            continue;
                        }
                        // Found by fuzzing: two stages of one name (or uid)
                        // reached the table's UNIQUE constraint, an internal
                        // error instead of a refusal naming them.
                        if let Some(other) = good.iter().find(|g| {
                            g.name.to_lowercase() == s.name.to_lowercase() || g.uid == s.uid
                        }) {
                            let what = if other.uid == s.uid { "uid" } else { "name" };
                            self.state.problem(
                                "pipeline",
                                Some(i + 1),
                                shown(&name),
                                format!(
                                    "{what}: the pipeline already has a stage with this {what}"
                                ),
                            );
                            continue;
                        }
                        good.push(s);
                    }
                    if let Err(e) = db.replace_pipeline(&good) {
                        return Err(self.fail(e));
                    }
                    self.state.stages = good.iter().map(|s| s.name.clone()).collect();
                    self.state.pipeline = true;
                    for (k, v) in std::mem::take(&mut self.state.deferred_settings) {
                        match validate::setting(&k, &v, &self.state.stages) {
                            Ok(Some(v)) => {
                                if let Err(e) = db.set_setting(&k, &v) {
                                    return Err(self.fail(e));
                                }
                            }
                            Ok(None) => {}
                            Err(e) => self.state.problem("settings", None, &k, e.to_string()),
                        }
                    }
                }
                "rules" => {
                    let rules: Vec<RuleRecord> = map.next_value()?;
                    let mut good = Vec::new();
                    for (i, r) in rules.into_iter().enumerate() {
                        let p = validate::rule(&r, &self.state.stages);
                        if self
                            .state
                            .checked("rules", i + 1, format!("id {}", r.id), p)
                        {
                            good.push(r);
                        }
                    }
                    if let Err(e) = db.replace_rules(&good) {
                        return Err(self.fail(e));
                    }
                }
                "templates" => {
                    let templates: Vec<TemplateRecord> = map.next_value()?;
                    for (i, t) in templates.iter().enumerate() {
                        if self
                            .state
                            .checked("templates", i + 1, &t.name, validate::template(t))
                        {
                            if let Err(e) = db.insert_template_record(t) {
                                return Err(self.fail(e));
                            }
                        }
                    }
                }
                "contacts" => {
                    if !self.state.pipeline {
                        return Err(self.fail(refused!(
                            "this export has its contacts before its pipeline: expected the order `export all` writes"
                        )));
                    }
                    self.each(&mut map, |db, state, i, c: ContactRecord| {
                        let id = format!("id {}", c.id);
                        let p = validate::contact(&c, state.today, &state.stages);
                        if !state.checked("contacts", i, &id, p) {
                            state.skipped_contacts.insert(c.id);
                            return Ok(());
                        }
                        if !written(state, "contacts", i, &id, db.insert_contact_record(&c))? {
                            state.skipped_contacts.insert(c.id);
                            return Ok(());
                        }
                        state.contacts.insert(c.id);
                        if let Some(r) = c.referred_by {
                            state.referrals.push((c.id, r));
                        }
                        state.restored.contacts += 1;
                        Ok(())
                    })?;
                }
                "stage_history" => {
                    self.each(&mut map, |db, state, i, m: StageMoveRecord| {
                        let id = format!("id {}", m.id);
                        if state.checked("stage_history", i, &id, validate::stage_move(&m))
                            && state.about("stage_history", i, &id, m.contact_id)
                        {
                            written(
                                state,
                                "stage_history",
                                i,
                                &id,
                                db.insert_stage_move_record(&m),
                            )?;
                        }
                        Ok(())
                    })?;
                }
                "interactions" => {
                    self.each(&mut map, |db, state, i, r: InteractionRecord| {
                        let id = format!("id {}", r.id);
                        if state.checked("interactions", i, &id, validate::interaction(&r))
                            && state.about("interactions", i, &id, r.contact_id)
                            && written(
                                state,
                                "interactions",
                                i,
                                &id,
                                db.insert_interaction_record(&r),
                            )?
                        {
                            state.restored.interactions += 1;
                        }
                        Ok(())
                    })?;
                }
                "follow_ups" => {
                    self.each(&mut map, |db, state, i, f: FollowUpRecord| {
                        let id = format!("id {}", f.id);
                        if state.checked("follow_ups", i, &id, validate::follow_up(&f))
                            && state.about("follow_ups", i, &id, f.contact_id)
                            && written(state, "follow_ups", i, &id, db.insert_follow_up_record(&f))?
                        {
                            state.restored.follow_ups += 1;
                        }
                        Ok(())
                    })?;
                }
                "points" => {
                    self.each(&mut map, |db, state, i, p: PointsRecord| {
                        let id = format!("id {}", p.id);
                        if state.checked("points", i, &id, validate::points(&p))
                            && state.about("points", i, &id, p.contact_id)
                        {
                            written(state, "points", i, &id, db.insert_points_record(&p))?;
                        }
                        Ok(())
                    })?;
                }
                "reminders" => {
                    self.each(&mut map, |db, state, i, r: ReminderRecord| {
                        let id = r.item.clone();
                        if state.checked("reminders", i, &id, validate::reminder(&r))
                            && state.about("reminders", i, &id, r.contact_id)
                        {
                            written(state, "reminders", i, &id, db.insert_reminder_record(&r))?;
                        }
                        Ok(())
                    })?;
                }
                "consents" => {
                    self.each(&mut map, |db, state, i, c: ConsentRecord| {
                        let id = format!("id {}", c.id);
                        if state.checked("consents", i, &id, validate::consent(&c))
                            && state.about("consents", i, &id, c.contact_id)
                        {
                            written(state, "consents", i, &id, db.insert_consent_record(&c))?;
                        }
                        Ok(())
                    })?;
                }
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}
