//! Message templates, kept by name.

use super::{new_uid, Db};
use crate::domain::template::Template;
use crate::error::Result;
use rusqlite::{params, OptionalExtension};

impl Db<'_> {
    pub fn save_template(&self, t: &Template) -> Result<bool> {
        let now = self.now();
        let existed = self.template(&t.name)?.is_some();
        self.conn.execute(
            "INSERT INTO templates (name, uid, subject, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5) \
             ON CONFLICT (name) DO UPDATE SET subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at",
            params![t.name, new_uid(), t.subject, t.body, now],
        )?;
        Ok(existed)
    }

    pub fn template(&self, name: &str) -> Result<Option<Template>> {
        Ok(self
            .conn
            .prepare_cached("SELECT name, subject, body FROM templates WHERE name = ?1")?
            .query_row([name.trim()], |r| {
                Ok(Template {
                    name: r.get(0)?,
                    subject: r.get(1)?,
                    body: r.get(2)?,
                })
            })
            .optional()?)
    }

    pub fn templates(&self) -> Result<Vec<Template>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, subject, body FROM templates ORDER BY name")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Template {
                    name: r.get(0)?,
                    subject: r.get(1)?,
                    body: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn delete_template(&self, name: &str) -> Result<()> {
        let used: i64 = self.conn.query_row(
            "SELECT count(*) FROM rules WHERE template = ?1 COLLATE NOCASE",
            [name],
            |r| r.get(0),
        )?;
        if used > 0 {
            return Err(crate::refused!(
                "template '{name}' is used by {used} rule{}: edit or remove them first (rapport rules)",
                if used == 1 { "" } else { "s" }
            ));
        }
        self.conn
            .execute("DELETE FROM templates WHERE name = ?1", [name])?;
        Ok(())
    }
}
