//! Exports, and the whole book in and out: `export all` writes every
//! record with its ids, uids and timestamps; `import all` reads it back
//! into an empty book, so that export → import → export gives the same bytes.

use crate::domain::contact::Contact;
use crate::error::{Error, Result};
use crate::output::export::{
    ContactsCsv, Dump, InteractionsCsv, JsonArray, DUMP_FORMAT, DUMP_VERSION,
};
use crate::refused;
use crate::store::{
    ContactRecord, Db, FollowUpRecord, InteractionRecord, PointsRecord, ReminderRecord, RuleRecord,
    StageMoveRecord, StageRecord, Store, TemplateRecord,
};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::marker::PhantomData;

/// Every contact as CSV; returns how many, in words.
pub fn contacts_csv(db: &Db<'_>, w: &mut dyn Write) -> Result<String> {
    let mut out = ContactsCsv::open(w, db.field_keys()?)?;
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

pub fn interactions_csv(db: &Db<'_>, w: &mut dyn Write) -> Result<String> {
    let mut out = InteractionsCsv::open(w)?;
    let mut n = 0;
    db.each_interaction(&mut |i| {
        n += 1;
        out.row(&i)
    })?;
    out.close()?;
    Ok(format!("{n} interactions"))
}

pub fn interactions_json(db: &Db<'_>, w: &mut dyn Write) -> Result<String> {
    let mut out = JsonArray::open(w)?;
    let mut n = 0;
    db.each_interaction(&mut |i| {
        n += 1;
        out.item(&i)
    })?;
    out.close()?;
    Ok(format!("{n} interactions"))
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
    db.each_stage_move(&mut |m| a.item(&m))?;
    a.close()?;
    let mut a = dump.array("interactions")?;
    db.each_interaction(&mut |i| {
        counts.1 += 1;
        a.item(&InteractionRecord::from(i))
    })?;
    a.close()?;
    let mut a = dump.array("follow_ups")?;
    db.each_follow_up(&mut |f| a.item(&f))?;
    a.close()?;
    let mut a = dump.array("points")?;
    db.each_points_record(&mut |p| a.item(&p))?;
    a.close()?;
    let mut a = dump.array("reminders")?;
    db.each_reminder_record(&mut |r| a.item(&r))?;
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
/// no contacts. The file is read as a stream, each record written as it
/// comes, so memory stays flat however large the export.
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
            restored: Restored::default(),
            failure: None,
            pipeline: false,
            referrals: Vec::new(),
        };
        let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(reader));
        let outcome =
            de::Deserializer::deserialize_map(&mut de, &mut loader).and_then(|_| de.end());
        if let Some(e) = loader.failure.take() {
            return Err(e);
        }
        outcome.map_err(|e| refused!("this is not a rapport export: {e}"))?;
        if !loader.pipeline {
            return Err(refused!(
                "this is not a rapport export: it has no pipeline"
            ));
        }
        // Referrals point anywhere in the list, so they go in once everyone is there.
        for (id, referrer) in &loader.referrals {
            db.set_referrer(*id, *referrer)?;
        }
        db.finish_bulk()?;
        db.refresh_all_rhythms()?;
        Ok(loader.restored)
    })
}

/// Writes each record of the export as serde reads it.
struct Loader<'a, 'b> {
    db: &'a Db<'b>,
    restored: Restored,
    /// A refusal or a database error met inside serde, reported as itself.
    failure: Option<Error>,
    pipeline: bool,
    referrals: Vec<(i64, i64)>,
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
    /// Reads one array of records, writing each with `insert`; a failure
    /// is kept to be reported as itself rather than as a JSON error.
    fn each<'de, T: Deserialize<'de>, M: MapAccess<'de>>(
        &mut self,
        map: &mut M,
        mut insert: impl FnMut(&Db<'_>, T, &mut Restored, &mut Vec<(i64, i64)>) -> Result<()>,
    ) -> std::result::Result<(), M::Error> {
        let db = self.db;
        let (restored, referrals, failure) =
            (&mut self.restored, &mut self.referrals, &mut self.failure);
        let mut f = |record: T| -> Result<()> {
            insert(db, record, restored, referrals).inspect_err(|e| {
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
                    let settings: BTreeMap<String, String> = map.next_value()?;
                    for (k, v) in settings {
                        if let Err(e) = db.set_setting(&k, &v) {
                            return Err(self.fail(e));
                        }
                    }
                }
                "pipeline" => {
                    let stages: Vec<StageRecord> = map.next_value()?;
                    if let Err(e) = db.replace_pipeline(&stages) {
                        return Err(self.fail(e));
                    }
                    self.pipeline = true;
                }
                "rules" => {
                    let rules: Vec<RuleRecord> = map.next_value()?;
                    if let Err(e) = db.replace_rules(&rules) {
                        return Err(self.fail(e));
                    }
                }
                "templates" => {
                    let templates: Vec<TemplateRecord> = map.next_value()?;
                    for t in &templates {
                        if let Err(e) = db.insert_template_record(t) {
                            return Err(self.fail(e));
                        }
                    }
                }
                "contacts" => {
                    if !self.pipeline {
                        return Err(self.fail(refused!(
                            "this export has its contacts before its pipeline: expected the order `export all` writes"
                        )));
                    }
                    self.each(&mut map, |db, c: ContactRecord, restored, referrals| {
                        db.insert_contact_record(&c)?;
                        if let Some(r) = c.referred_by {
                            referrals.push((c.id, r));
                        }
                        restored.contacts += 1;
                        Ok(())
                    })?;
                }
                "stage_history" => {
                    self.each(&mut map, |db, m: StageMoveRecord, _, _| {
                        db.insert_stage_move_record(&m)
                    })?;
                }
                "interactions" => {
                    self.each(&mut map, |db, i: InteractionRecord, restored, _| {
                        db.insert_interaction_record(&i)?;
                        restored.interactions += 1;
                        Ok(())
                    })?;
                }
                "follow_ups" => {
                    self.each(&mut map, |db, f: FollowUpRecord, restored, _| {
                        db.insert_follow_up_record(&f)?;
                        restored.follow_ups += 1;
                        Ok(())
                    })?;
                }
                "points" => {
                    self.each(&mut map, |db, p: PointsRecord, _, _| {
                        db.insert_points_record(&p)
                    })?;
                }
                "reminders" => {
                    self.each(&mut map, |db, r: ReminderRecord, _, _| {
                        db.insert_reminder_record(&r)
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
