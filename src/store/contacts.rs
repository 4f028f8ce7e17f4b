//! Contacts, their tags, custom fields and search index.

use super::{new_uid, Db};
use crate::domain::contact::{phone_key, Contact, ContactChanges, NewContact};
use crate::error::Result;
use rusqlite::{params, params_from_iter, OptionalExtension, Row, ToSql};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

const CONTACT_COLUMNS: &str =
    "c.id, c.uid, c.name, c.email, c.phone, c.company, c.title, c.location, \
     s.name, c.stage_since, c.source, c.birthday, c.referred_by, r.name, c.note, c.do_not_contact, \
     c.created_at, c.updated_at, c.last_contact_at, c.next_follow_up, c.lost_at, c.lost_reason";
const CONTACT_FROM: &str =
    // CROSS JOIN keeps contacts the outer loop, so the planner walks the
    // sort order's index and stops at the limit instead of sorting everyone.
    "contacts c CROSS JOIN stages s ON s.id = c.stage_id LEFT JOIN contacts r ON r.id = c.referred_by";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContactSort {
    #[default]
    Name,
    /// Newest first.
    Created,
    /// Longest silence first; never contacted before everyone.
    LastContact,
    /// In no order: for callers that sort themselves.
    Unordered,
    /// Highest score bound first (see `contacts.score_bound`).
    ScoreBound,
}

/// Whether a list holds lost contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lost {
    /// Those in the pipeline only: what a list means by default.
    #[default]
    Exclude,
    Only,
    Include,
}

#[derive(Debug, Clone, Default)]
pub struct ContactFilter {
    pub lost: Lost,
    pub stage: Option<String>,
    pub tag: Option<String>,
    pub source: Option<String>,
    /// Contacts with no interaction since this timestamp (and created before it).
    pub quiet_since: Option<String>,
    pub sort: ContactSort,
    pub limit: Option<u32>,
    /// Only these contacts (of those the rest lets through).
    pub only: Option<Vec<i64>>,
    /// Custom fields each contact must hold, values compared ignoring case.
    pub fields: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    #[serde(flatten)]
    pub contact: Contact,
    /// The text that matched, with the match in [brackets].
    pub matched: String,
}

fn contact_from_row(row: &Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: row.get(0)?,
        uid: row.get(1)?,
        name: row.get(2)?,
        email: row.get(3)?,
        phone: row.get(4)?,
        company: row.get(5)?,
        title: row.get(6)?,
        location: row.get(7)?,
        stage: row.get(8)?,
        stage_since: row.get(9)?,
        source: row.get(10)?,
        tags: Vec::new(),
        birthday: row.get(11)?,
        fields: BTreeMap::new(),
        referred_by: row.get(12)?,
        referred_by_name: row.get(13)?,
        note: row.get(14)?,
        do_not_contact: row.get(15)?,
        created_at: row.get(16)?,
        updated_at: row.get(17)?,
        last_contact_at: row.get(18)?,
        next_follow_up: row.get(19)?,
        lost_at: row.get(20)?,
        lost_reason: row.get(21)?,
    })
}

impl Db<'_> {
    /// Adds a contact in its first stage: (contact id, the stage move's id).
    /// Adds the contact in its stage: (id, the stage move's id, the stage,
    /// since when).
    /// `score_bound`: the new contact's first score when the caller knows
    /// it (set in the same statement); None leaves it to the write door.
    pub fn insert_contact(
        &self,
        new: &NewContact,
        stage_reason: &str,
        score_bound: Option<Option<f64>>,
    ) -> Result<Inserted> {
        let now = self.now();
        let stage = match &new.stage {
            Some(s) => self.stage_id(s)?,
            None => self.first_stage()?,
        };
        let first = match new.created {
            Some(_) => self.first_stage()?.1,
            None => String::new(),
        };
        let journey = journey(new, &stage.1, &first, &now);
        let (created, since) = (&journey[0].1, &journey[journey.len() - 1].1);
        self.conn.prepare_cached(
            // No history, so no days at risk: known as of today.
            "INSERT INTO contacts (uid, name, email, phone, phone_key, company, title, location, source, \
             stage_id, stage_since, birthday, referred_by, note, do_not_contact, created_at, updated_at, \
             quiet_since, risk_checked, id, score_bound) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?17, ?11, ?12, ?13, ?14, ?18, ?16, \
             coalesce(?15, ?16), substr(?16, 1, 10), ?19, ?20)",
        )?
        .execute(params![
                match &new.uid {
                    Some(uid) if self.contact_by_uid(uid)?.is_none() => uid.clone(),
                    _ => new_uid(),
                },
                new.name,
                new.email,
                new.phone,
                new.phone.as_deref().map(phone_key),
                new.company,
                new.title,
                new.location,
                new.source,
                stage.0,
                new.birthday,
                new.referred_by,
                new.note,
                new.do_not_contact,
                new.quiet_since,
                now,
                since,
                created,
                self.new_id("contacts")?,
                score_bound.flatten(),
            ])?;
        let id = self.conn.last_insert_rowid();
        for tag in &new.tags {
            self.add_tag(id, tag)?;
        }
        for (key, value) in &new.fields {
            self.set_field(id, key, value)?;
        }
        for consent in &new.consents {
            self.add_consent(id, consent)?;
        }
        let mut from: Option<&str> = None;
        let mut moved = 0;
        for (to, at) in &journey {
            moved = self.record_stage_move(id, from, to, at, Some(stage_reason))?;
            from = Some(to);
        }
        self.index_contact(id)?;
        if score_bound.is_none() {
            self.touch_new(id);
        }
        Ok(Inserted {
            id,
            move_id: moved,
            moves: journey.len(),
            stage: stage.1,
            since: since.clone(),
        })
    }

    /// The contact that already has this email, compared case-insensitively.
    pub fn contact_with_email(
        &self,
        email: &str,
        except: Option<i64>,
    ) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, name FROM contacts WHERE email = ?1 COLLATE NOCASE AND id IS NOT ?2",
            )?
            .query_row(params![email, except], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    pub fn contact(&self, id: i64) -> Result<Option<Contact>> {
        let sql = format!("SELECT {CONTACT_COLUMNS} FROM {CONTACT_FROM} WHERE c.id = ?1");
        let contact = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], contact_from_row)
            .optional()?;
        match contact {
            Some(mut c) => {
                self.fill_details(&mut c)?;
                Ok(Some(c))
            }
            None => Ok(None),
        }
    }

    pub fn contact_exists(&self, id: i64) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM contacts WHERE id = ?1")?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    fn fill_details(&self, contact: &mut Contact) -> Result<()> {
        let mut tags = self
            .conn
            .prepare_cached("SELECT tag FROM contact_tags WHERE contact_id = ?1 ORDER BY tag")?;
        contact.tags = tags
            .query_map([contact.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut fields = self
            .conn
            .prepare_cached("SELECT key, value FROM contact_fields WHERE contact_id = ?1")?;
        contact.fields = fields
            .query_map([contact.id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }

    pub fn contact_by_uid(&self, uid: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM contacts WHERE uid = ?1")?
            .query_row([uid], |r| r.get(0))
            .optional()?)
    }

    /// Candidates for a CONTACT reference: an id, an email, or part of a name.
    /// A name that matches one contact exactly wins over partial matches.
    pub fn find_contacts(&self, reference: &str) -> Result<Vec<(i64, String, Option<String>)>> {
        let r = reference.trim();
        let row = |r: &Row<'_>| Ok((r.get(0)?, r.get(1)?, r.get(2)?));
        if let Ok(id) = r.trim_start_matches('#').parse::<i64>() {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id, name, email FROM contacts WHERE id = ?1")?;
            return Ok(stmt
                .query_map([id], row)?
                .collect::<rusqlite::Result<_>>()?);
        }
        if r.contains('@') {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, name, email FROM contacts WHERE email = ?1 COLLATE NOCASE",
            )?;
            return Ok(stmt.query_map([r], row)?.collect::<rusqlite::Result<_>>()?);
        }
        let pattern = format!(
            "%{}%",
            r.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, email FROM contacts WHERE name LIKE ?1 ESCAPE '\\' ORDER BY name COLLATE NOCASE, id LIMIT 51",
        )?;
        let mut found: Vec<(i64, String, Option<String>)> = stmt
            .query_map([pattern], row)?
            .collect::<rusqlite::Result<_>>()?;
        if found.is_empty() {
            found = self.find_by_name_words(r)?;
        }
        let lower = r.to_lowercase();
        let exact: Vec<_> = found
            .iter()
            .filter(|c| c.1.to_lowercase() == lower)
            .cloned()
            .collect();
        Ok(if exact.len() == 1 { exact } else { found })
    }

    /// Names whose words start with the reference's words, case and accents
    /// folded in every script (`ZOË`, `muller` → Müller, `καλλιοπη`), as the
    /// search index folds them: what LIKE, which folds ASCII only, misses.
    fn find_by_name_words(&self, reference: &str) -> Result<Vec<(i64, String, Option<String>)>> {
        let words: Vec<String> = reference
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| format!("name : \"{}\"*", w.replace('"', "\"\"")))
            .collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.email FROM contacts_fts f JOIN contacts c ON c.id = f.rowid \
             WHERE contacts_fts MATCH ?1 ORDER BY c.name COLLATE NOCASE, c.id LIMIT 51",
        )?;
        let found = stmt
            .query_map([words.join(" AND ")], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(found)
    }

    /// The ids of the contacts a filter keeps, in its order.
    pub fn contact_ids(&self, filter: &ContactFilter) -> Result<Vec<i64>> {
        let (sql, values) = self.filtered("c.id", filter)?;
        let mut stmt = self.conn.prepare(&sql)?;
        let ids = stmt
            .query_map(params_from_iter(values.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// The filter's contacts, best score bound first, with the bound and
    /// the day it was computed; `each` returns false to stop.
    pub fn each_score_bound(
        &self,
        filter: &ContactFilter,
        each: &mut dyn FnMut(i64, Option<f64>, Option<String>) -> Result<bool>,
    ) -> Result<()> {
        let filter = ContactFilter {
            sort: ContactSort::ScoreBound,
            limit: None,
            ..filter.clone()
        };
        let (sql, values) = self.filtered("c.id, c.score_bound, c.risk_checked", &filter)?;
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        while let Some(r) = rows.next()? {
            if !each(r.get(0)?, r.get(1)?, r.get(2)?)? {
                break;
            }
        }
        Ok(())
    }

    /// Contacts whose score bound was never computed, or on a day outside
    /// `from..=to`.
    pub fn score_bounds_stale(&self, from: &str, to: &str) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM contacts WHERE risk_checked IS NULL OR risk_checked < ?1 OR risk_checked > ?2",
        )?;
        let rows = stmt
            .query_map([from, to], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn list_contacts(&self, filter: &ContactFilter) -> Result<Vec<Contact>> {
        let (sql, values) = self.filtered(CONTACT_COLUMNS, filter)?;
        let mut stmt = self.conn.prepare(&sql)?;
        let mut contacts: Vec<Contact> = stmt
            .query_map(params_from_iter(values.iter()), contact_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        self.fill_all_details(&mut contacts)?;
        Ok(contacts)
    }

    /// Above this many contacts, tags and fields are read in one pass over
    /// their tables rather than two lookups per contact.
    const BULK_DETAILS: usize = 2000;

    fn fill_all_details(&self, contacts: &mut [Contact]) -> Result<()> {
        if contacts.len() <= Self::BULK_DETAILS {
            for c in contacts.iter_mut() {
                self.fill_details(c)?;
            }
            return Ok(());
        }
        let at: HashMap<i64, usize> = contacts
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        let mut tags = self
            .conn
            .prepare("SELECT contact_id, tag FROM contact_tags ORDER BY contact_id, tag")?;
        let mut rows = tags.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = at.get(&r.get::<_, i64>(0)?) {
                contacts[i].tags.push(r.get(1)?);
            }
        }
        let mut fields = self
            .conn
            .prepare("SELECT contact_id, key, value FROM contact_fields")?;
        let mut rows = fields.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = at.get(&r.get::<_, i64>(0)?) {
                contacts[i].fields.insert(r.get(1)?, r.get(2)?);
            }
        }
        Ok(())
    }

    /// These contacts, in this order (those that no longer exist left out).
    pub fn contacts_by_ids(&self, ids: &[i64]) -> Result<Vec<Contact>> {
        if ids.len() <= Self::BULK_DETAILS {
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                out.extend(self.contact(*id)?);
            }
            return Ok(out);
        }
        let wanted: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let sql = format!("SELECT {CONTACT_COLUMNS} FROM {CONTACT_FROM}");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut found: Vec<(usize, Contact)> = Vec::with_capacity(ids.len());
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if let Some(&i) = wanted.get(&id) {
                found.push((i, contact_from_row(r)?));
            }
        }
        found.sort_unstable_by_key(|(i, _)| *i);
        let mut contacts: Vec<Contact> = found.into_iter().map(|(_, c)| c).collect();
        self.fill_all_details(&mut contacts)?;
        Ok(contacts)
    }

    #[allow(clippy::type_complexity)]
    fn filtered(
        &self,
        columns: &str,
        filter: &ContactFilter,
    ) -> Result<(String, Vec<Box<dyn ToSql>>)> {
        let mut sql = format!("SELECT {columns} FROM {CONTACT_FROM}");
        let mut conditions: Vec<String> = Vec::new();
        let mut values: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(stage) = &filter.stage {
            values.push(Box::new(self.stage_id(stage)?.0));
            conditions.push(format!("c.stage_id = ?{}", values.len()));
        }
        if let Some(tag) = &filter.tag {
            values.push(Box::new(tag.clone()));
            conditions.push(format!(
                "c.id IN (SELECT contact_id FROM contact_tags WHERE tag = ?{})",
                values.len()
            ));
        }
        if let Some(source) = &filter.source {
            values.push(Box::new(source.clone()));
            conditions.push(format!("c.source = ?{} COLLATE NOCASE", values.len()));
        }
        for (key, value) in &filter.fields {
            values.push(Box::new(key.clone()));
            values.push(Box::new(value.clone()));
            let n = values.len();
            conditions.push(format!(
                "c.id IN (SELECT contact_id FROM contact_fields WHERE key = ?{} AND value = ?{n} COLLATE NOCASE)",
                n - 1
            ));
        }
        if let Some(since) = &filter.quiet_since {
            values.push(Box::new(since.clone()));
            let n = values.len();
            conditions.push(format!("coalesce(c.last_contact_at, c.quiet_since) < ?{n}"));
        }
        if let Some(ids) = &filter.only {
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            conditions.push(format!("c.id IN ({})", list.join(",")));
        }
        match filter.lost {
            Lost::Exclude => conditions.push("c.lost_at IS NULL".into()),
            Lost::Only => conditions.push("c.lost_at IS NOT NULL".into()),
            Lost::Include => {}
        }
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        sql.push_str(match filter.sort {
            ContactSort::Name => " ORDER BY c.name COLLATE NOCASE, c.id",
            ContactSort::Created => " ORDER BY c.created_at DESC, c.id DESC",
            // NULLs sort first in SQLite: never contacted, then the longest silence.
            ContactSort::LastContact => " ORDER BY c.last_contact_at, c.id",
            ContactSort::Unordered => "",
            ContactSort::ScoreBound => " ORDER BY c.score_bound DESC, c.id",
        });
        if let Some(limit) = filter.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        Ok((sql, values))
    }

    pub fn update_contact(&self, id: i64, changes: &ContactChanges) -> Result<()> {
        let mut sets: Vec<String> = Vec::new();
        let mut values: Vec<Box<dyn ToSql>> = Vec::new();
        let mut set = |column: &str, value: Box<dyn ToSql>| {
            values.push(value);
            sets.push(format!("{column} = ?{}", values.len()));
        };
        if let Some(name) = &changes.name {
            set("name", Box::new(name.clone()));
        }
        if let Some(email) = &changes.email {
            set("email", Box::new(email.clone()));
        }
        if let Some(phone) = &changes.phone {
            set("phone", Box::new(phone.clone()));
            set("phone_key", Box::new(phone.as_deref().map(phone_key)));
        }
        for (column, value) in [
            ("company", &changes.company),
            ("title", &changes.title),
            ("location", &changes.location),
            ("source", &changes.source),
            ("birthday", &changes.birthday),
            ("note", &changes.note),
        ] {
            if let Some(v) = value {
                set(column, Box::new(v.clone()));
            }
        }
        if let Some(referrer) = changes.referred_by {
            set("referred_by", Box::new(referrer));
            // A promoter's referral raises a lead's score.
            self.touch(id);
        }
        if let Some(flag) = changes.do_not_contact {
            set("do_not_contact", Box::new(flag));
        }
        set("updated_at", Box::new(self.now()));
        sets.push("revision = revision + 1".to_string());
        values.push(Box::new(id));
        let sql = format!(
            "UPDATE contacts SET {} WHERE id = ?{}",
            sets.join(", "),
            values.len()
        );
        self.conn.execute(&sql, params_from_iter(values.iter()))?;
        for tag in &changes.add_tags {
            self.add_tag(id, tag)?;
        }
        for tag in &changes.remove_tags {
            self.conn.execute(
                "DELETE FROM contact_tags WHERE contact_id = ?1 AND tag = ?2",
                params![id, tag],
            )?;
        }
        for (key, value) in &changes.set_fields {
            self.set_field(id, key, value)?;
        }
        for key in &changes.clear_fields {
            self.conn.execute(
                "DELETE FROM contact_fields WHERE contact_id = ?1 AND key = ?2",
                params![id, key],
            )?;
        }
        for consent in &changes.add_consents {
            self.add_consent(id, consent)?;
        }
        self.reindex_contact(id)?;
        Ok(())
    }

    fn add_tag(&self, id: i64, tag: &str) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?1, ?2)")?
            .execute(params![id, tag])?;
        Ok(())
    }

    pub(super) fn set_field(&self, id: i64, key: &str, value: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO contact_fields (contact_id, key, value) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (contact_id, key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![id, key, value])?;
        Ok(())
    }

    /// Full-text search over who contacts are and what was said with them;
    /// every word must match, as a prefix.
    pub fn search(&self, text: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let query = fts_query(text).ok_or_else(|| {
            crate::refused!(
                "'{}' has no words to search for",
                crate::domain::text::shown(text)
            )
        })?;
        // Who the contact is ranks first, by relevance; then contacts whose
        // conversations match, the most recent first. Each index yields only
        // its best rows (interactions newest-first, which FTS5 walks without
        // ranking every match), so snippets are made for those alone. One
        // sort key orders both: relevance keys sit far below any recency key.
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, min(sort_key), matched FROM ( \
               SELECT * FROM ( \
                 SELECT rowid AS id, rank - 1e15 AS sort_key, \
                   coalesce(nullif(snippet(contacts_fts, -1, '[', ']', '…', 10), ''), name) AS matched \
                 FROM contacts_fts WHERE contacts_fts MATCH ?1 ORDER BY rank LIMIT ?2) \
               UNION ALL \
               SELECT * FROM ( \
                 SELECT i.contact_id AS id, -f.rowid AS sort_key, \
                   snippet(interactions_fts, -1, '[', ']', '…', 10) AS matched \
                 FROM interactions_fts f JOIN interactions i ON i.id = f.rowid \
                 WHERE interactions_fts MATCH ?1 ORDER BY f.rowid DESC LIMIT ?2 * 20) \
             ) GROUP BY id ORDER BY min(sort_key), id LIMIT ?2",
        )?;
        let found: Vec<(i64, String)> = stmt
            .query_map(params![query, limit], |r| Ok((r.get(0)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut hits = Vec::with_capacity(found.len());
        for (id, matched) in found {
            if let Some(contact) = self.contact(id)? {
                hits.push(SearchHit { contact, matched });
            }
        }
        Ok(hits)
    }

    /// Erases a contact and every row about it, its search rows included.
    /// Follow with `purge_search_index` so deleted terms leave the index.
    /// Whether any stored text of the book holds `needle`: what a byte
    /// search of the file could not tell from an erased contact's copy.
    pub fn text_holds(&self, needle: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM contacts WHERE instr(name, ?1) OR instr(coalesce(email, ''), ?1) \
               OR instr(coalesce(phone, ''), ?1) OR instr(coalesce(company, ''), ?1) OR instr(coalesce(title, ''), ?1) \
               OR instr(coalesce(location, ''), ?1) OR instr(coalesce(source, ''), ?1) OR instr(coalesce(note, ''), ?1) \
               OR instr(coalesce(lost_reason, ''), ?1)) \
             OR EXISTS (SELECT 1 FROM contact_fields WHERE instr(value, ?1)) \
             OR EXISTS (SELECT 1 FROM interactions WHERE instr(summary, ?1) OR instr(coalesce(resolution, ''), ?1) \
               OR instr(coalesce(channel, ''), ?1)) \
             OR EXISTS (SELECT 1 FROM follow_ups WHERE instr(note, ?1) OR instr(coalesce(outcome_note, ''), ?1)) \
             OR EXISTS (SELECT 1 FROM stage_history WHERE instr(coalesce(reason, ''), ?1)) \
             OR EXISTS (SELECT 1 FROM loyalty_points WHERE instr(reason, ?1)) \
             OR EXISTS (SELECT 1 FROM import_batches WHERE instr(source, ?1)) \
             OR EXISTS (SELECT 1 FROM templates WHERE instr(subject, ?1) OR instr(body, ?1)) \
             OR EXISTS (SELECT 1 FROM rules WHERE instr(coalesce(note, ''), ?1)) \
             OR EXISTS (SELECT 1 FROM settings WHERE instr(value, ?1))",
            [needle],
            |r| r.get(0),
        )?)
    }

    pub fn delete_contact_rows(&self, id: i64) -> Result<()> {
        self.unindex_interactions_of(id)?;
        for sql in [
            "DELETE FROM follow_ups WHERE contact_id = ?1",
            "DELETE FROM interactions WHERE contact_id = ?1",
            "DELETE FROM stage_history WHERE contact_id = ?1",
            "DELETE FROM contact_tags WHERE contact_id = ?1",
            "DELETE FROM contact_fields WHERE contact_id = ?1",
            "DELETE FROM import_changes WHERE contact_id = ?1",
            "DELETE FROM contacts_fts WHERE rowid = ?1",
            "UPDATE contacts SET referred_by = NULL WHERE referred_by = ?1",
            "DELETE FROM contacts WHERE id = ?1",
        ] {
            self.conn.prepare_cached(sql)?.execute([id])?;
        }
        // In the same transaction: once the rows are gone, the file owes a
        // scrub until one completes, whoever runs next.
        self.conn.execute(
            "INSERT INTO pending_scrub (since) VALUES (?1)",
            [self.now()],
        )?;
        Ok(())
    }

    /// The referral chain must not loop back on itself.
    pub fn check_referrer(&self, id: i64, referrer: i64) -> Result<()> {
        if id == referrer {
            return Err(crate::refused!(
                "contact #{id} cannot be referred by itself"
            ));
        }
        let mut current = Some(referrer);
        let mut steps = 0;
        while let Some(c) = current {
            if c == id {
                return Err(crate::refused!(
                    "#{referrer} was referred (directly or not) by #{id}: a referral cannot go in a circle"
                ));
            }
            current = self
                .conn
                .query_row("SELECT referred_by FROM contacts WHERE id = ?1", [c], |r| {
                    r.get(0)
                })
                .optional()?
                .flatten();
            steps += 1;
            if steps > 10_000 {
                break;
            }
        }
        Ok(())
    }
}

/// Each word quoted (so FTS syntax in user text is inert) and prefix-matched.
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| {
            !c.is_alphanumeric() && c != '@' && c != '.' && c != '-' && c != '_' && c != '\''
        })
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A new contact, and the move that put them in their stage.
pub struct Inserted {
    pub id: i64,
    pub move_id: i64,
    /// Their stage history so far (one move, or a dated journey).
    pub moves: usize,
    pub stage: String,
    pub since: String,
}

/// The stages a new contact went through, oldest first: the first stage
/// when the old tool says when they arrived, the milestones it dates, then
/// the stage they are in now (entered today unless a milestone says when).
/// Never in the future, never going back in time, no stage twice in a row.
fn journey(new: &NewContact, stage: &str, first: &str, now: &str) -> Vec<(String, String)> {
    let mut steps: Vec<(String, String)> = Vec::new();
    let past = |at: &String| at.as_str() <= now;
    if let Some(created) = new.created.as_ref().filter(|c| past(c)) {
        steps.push((first.to_string(), created.clone()));
    }
    for (to, at) in new.milestones.iter().filter(|(_, at)| past(at)) {
        if steps.last().is_some_and(|(_, last)| at < last) {
            continue;
        }
        match steps.last_mut() {
            Some((last, _)) if last.eq_ignore_ascii_case(to) => {}
            _ => steps.push((to.clone(), at.clone())),
        }
    }
    if !steps
        .last()
        .is_some_and(|(last, _)| last.eq_ignore_ascii_case(stage))
    {
        steps.push((stage.to_string(), now.to_string()));
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn search_text_is_quoted() {
        assert_eq!(fts_query("starter pack").unwrap(), "\"starter\"* \"pack\"*");
        assert_eq!(fts_query("\"); DROP").unwrap(), "\"DROP\"*");
        assert_eq!(fts_query("  ,, "), None);
    }
}
