//! Keeping the full-text index in step with contacts and interactions.
//!
//! FTS5 flushes its pending rows to disk at every statement savepoint,
//! and an insert checked by foreign keys opens one; so a bulk write
//! (an import) queues what to index in temp tables and indexes it all
//! in one statement at the end, instead of one tiny segment per row.

use super::Db;
use crate::error::Result;

/// The search row of contacts: who they are, their fields and tags.
const CONTACT_ROWS: &str = "INSERT INTO contacts_fts (rowid, name, email, company, note, fields) \
     SELECT c.id, c.name, c.email, concat_ws(' ', c.company, c.title, c.location, c.source), c.note, \
       concat_ws(' ', \
         (SELECT group_concat(key || ' ' || value, ' ') FROM contact_fields WHERE contact_id = c.id), \
         (SELECT group_concat(tag, ' ') FROM contact_tags WHERE contact_id = c.id)) \
     FROM contacts c WHERE ";

impl Db<'_> {
    /// From here to `finish_bulk`, index work is queued, and the page cache
    /// is larger so that the indexes being filled stay in memory.
    pub fn begin_bulk(&self) -> Result<()> {
        self.conn.execute_batch(
            "PRAGMA cache_size = -32768; \
             CREATE TEMP TABLE IF NOT EXISTS pending_contacts (id INTEGER PRIMARY KEY); \
             CREATE TEMP TABLE IF NOT EXISTS pending_interactions (id INTEGER PRIMARY KEY);",
        )?;
        self.bulk.set(true);
        Ok(())
    }

    pub fn finish_bulk(&self) -> Result<()> {
        if !self.bulk.replace(false) {
            return Ok(());
        }
        self.conn.execute(
            "DELETE FROM contacts_fts WHERE rowid IN (SELECT id FROM temp.pending_contacts)",
            [],
        )?;
        self.conn.execute(
            &format!("{CONTACT_ROWS} c.id IN (SELECT id FROM temp.pending_contacts)"),
            [],
        )?;
        self.conn.execute(
            "INSERT INTO interactions_fts (rowid, summary, resolution) \
             SELECT id, summary, resolution FROM interactions WHERE id IN (SELECT id FROM temp.pending_interactions)",
            [],
        )?;
        self.conn.execute_batch(
            "DROP TABLE temp.pending_contacts; DROP TABLE temp.pending_interactions;",
        )?;
        Ok(())
    }

    /// In a bulk write, queues the row and says so.
    fn queue_for_index(&self, table: &str, id: i64) -> Result<bool> {
        if !self.bulk.get() {
            return Ok(false);
        }
        let sql = format!("INSERT OR IGNORE INTO temp.pending_{table} (id) VALUES (?1)");
        self.conn.prepare_cached(&sql)?.execute([id])?;
        Ok(true)
    }

    /// Whether a queued interaction has not reached the index yet.
    fn take_queued(&self, table: &str, id: i64) -> Result<bool> {
        if !self.bulk.get() {
            return Ok(false);
        }
        let sql = format!("DELETE FROM temp.pending_{table} WHERE id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.execute([id])? > 0)
    }

    pub(super) fn reindex_contact(&self, id: i64) -> Result<()> {
        if self.queue_for_index("contacts", id)? {
            return Ok(());
        }
        self.conn
            .prepare_cached("DELETE FROM contacts_fts WHERE rowid = ?1")?
            .execute([id])?;
        self.index_contact(id)
    }

    /// Adds the search row of a contact that has none yet.
    pub(super) fn index_contact(&self, id: i64) -> Result<()> {
        if self.queue_for_index("contacts", id)? {
            return Ok(());
        }
        self.conn
            .prepare_cached(&format!("{CONTACT_ROWS} c.id = ?1"))?
            .execute([id])?;
        Ok(())
    }

    pub(super) fn index_interaction(&self, id: i64) -> Result<()> {
        if self.queue_for_index("interactions", id)? {
            return Ok(());
        }
        self.conn
            .prepare_cached(
                "INSERT INTO interactions_fts (rowid, summary, resolution) \
                 SELECT id, summary, resolution FROM interactions WHERE id = ?1",
            )?
            .execute([id])?;
        Ok(())
    }

    /// Before an interaction is changed or deleted: the external-content
    /// index needs the old text to remove it.
    pub(super) fn unindex_interaction(&self, id: i64) -> Result<()> {
        if self.take_queued("interactions", id)? {
            return Ok(());
        }
        self.conn
            .prepare_cached(
                "INSERT INTO interactions_fts (interactions_fts, rowid, summary, resolution) \
                 SELECT 'delete', id, summary, resolution FROM interactions WHERE id = ?1",
            )?
            .execute([id])?;
        Ok(())
    }

    pub(super) fn unindex_interactions_of(&self, contact: i64) -> Result<()> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached("SELECT id FROM interactions WHERE contact_id = ?1")?
            .query_map([contact], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            self.unindex_interaction(id)?;
        }
        Ok(())
    }

    /// Merges the index segments so that deleted terms are dropped, not
    /// just marked deleted: after `forget`, nothing of the contact is left.
    pub fn purge_search_index(&self) -> Result<()> {
        self.conn.execute_batch(
            "INSERT INTO contacts_fts(contacts_fts) VALUES ('optimize'); \
             INSERT INTO interactions_fts(interactions_fts) VALUES ('optimize');",
        )?;
        Ok(())
    }
}
