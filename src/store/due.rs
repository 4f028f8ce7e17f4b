//! What `due` reads: each kind of reminder in the order it falls due, so
//! that a short list stops early, narrowed to a tag, a stage or a contact,
//! and counted without being listed.

use super::rules::Candidate;
use super::Db;
use crate::error::Result;
use rusqlite::{params_from_iter, OptionalExtension, Row, ToSql};

/// Which contacts a due list is about.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub tag: Option<String>,
    pub stage_id: Option<i64>,
    pub contact: Option<i64>,
}

impl Scope {
    /// Conditions on contacts aliased `c`, their values appended.
    fn conditions(&self, values: &mut Vec<Box<dyn ToSql>>) -> String {
        let mut sql = String::new();
        if let Some(tag) = &self.tag {
            values.push(Box::new(tag.clone()));
            sql.push_str(&format!(
                " AND c.id IN (SELECT contact_id FROM contact_tags WHERE tag = ?{})",
                values.len()
            ));
        }
        if let Some(stage) = self.stage_id {
            values.push(Box::new(stage));
            sql.push_str(&format!(" AND c.stage_id = ?{}", values.len()));
        }
        if let Some(contact) = self.contact {
            values.push(Box::new(contact));
            sql.push_str(&format!(" AND c.id = ?{}", values.len()));
        }
        sql
    }
}

/// A follow-up that is due, with what `due` decides on.
#[derive(Debug, Clone)]
pub struct DueRow {
    pub id: i64,
    /// Kept for life: a calendar's event for it.
    pub uid: String,
    pub contact_id: i64,
    pub contact: String,
    pub due: String,
    pub time: Option<String>,
    pub note: String,
    pub every: Option<String>,
    pub created_at: String,
    pub rule: Option<i64>,
    pub do_not_contact: bool,
    pub last_contact_at: Option<String>,
}

/// An unpaid invoice past its due date.
#[derive(Debug, Clone)]
pub struct Unpaid {
    pub contact_id: i64,
    pub contact: String,
    pub do_not_contact: bool,
    pub purchase: i64,
    pub due: String,
    pub amount_cents: Option<i64>,
    pub summary: String,
}

/// Which events an event rule answers.
#[derive(Debug, Clone, Copy)]
pub enum EventSource {
    Purchases { first_only: bool },
    Ratings { lo: i64, hi: i64 },
    ResolvedTickets,
    Lost,
}

/// Which contacts' events: a rule's tag and stages, and the list's scope.
pub struct EventFilter<'a> {
    pub tag: Option<&'a str>,
    pub stage_ids: &'a [i64],
    pub scope: &'a Scope,
}

/// One event, with what `due` decides on.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub id: i64,
    pub contact_id: i64,
    pub contact: String,
    pub do_not_contact: bool,
    pub last_contact_at: Option<String>,
    pub lost: bool,
    /// When it happened, and when it was recorded.
    pub at: String,
    pub recorded: String,
    /// What it was, in a few words, and what was said of it.
    pub what: String,
    pub detail: Option<String>,
}

/// A ticket still open.
#[derive(Debug, Clone)]
pub struct OpenTicket {
    pub contact_id: i64,
    pub contact: String,
    pub ticket: i64,
    pub opened: String,
    pub summary: String,
}

/// A contact with days at risk beginning by a day.
#[derive(Debug, Clone)]
pub struct RiskRow {
    pub contact_id: i64,
    pub contact: String,
    pub do_not_contact: bool,
    /// The spells, as `domain::at_risk::encode` wrote them.
    pub risk: String,
    /// When the first spell begins: no spell begins earlier.
    pub risk_from: String,
    /// The day the spells were computed.
    pub checked: Option<String>,
}

fn candidate(r: &Row<'_>) -> rusqlite::Result<Candidate> {
    Ok(Candidate {
        contact_id: r.get(0)?,
        name: r.get(1)?,
        do_not_contact: r.get(2)?,
        last_contact_at: r.get(3)?,
        date: r.get(4)?,
    })
}

impl Db<'_> {
    /// Open follow-ups due on or before `until`, earliest first, until `f`
    /// says stop: only those a rule made (`Some(true)`), only the user's
    /// (`Some(false)`), or both.
    pub fn each_due_follow_up(
        &self,
        until: &str,
        by_rule: Option<bool>,
        scope: &Scope,
        f: &mut dyn FnMut(DueRow) -> Result<bool>,
    ) -> Result<()> {
        let mut values: Vec<Box<dyn ToSql>> = vec![Box::new(until.to_string())];
        let mut cond = match by_rule {
            Some(true) => " AND f.rule_id IS NOT NULL".to_string(),
            Some(false) => " AND f.rule_id IS NULL".to_string(),
            None => String::new(),
        };
        cond.push_str(&scope.conditions(&mut values));
        let sql = format!(
            "SELECT f.id, f.contact_id, c.name, f.due_date, f.due_time, f.note, f.every, f.created_at, f.rule_id, \
               c.do_not_contact, c.last_contact_at, f.uid \
             FROM follow_ups f JOIN contacts c ON c.id = f.contact_id \
             WHERE f.done_at IS NULL AND f.due_date <= ?1{cond} ORDER BY f.due_date, f.due_time, f.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        while let Some(r) = rows.next()? {
            let row = DueRow {
                id: r.get(0)?,
                contact_id: r.get(1)?,
                contact: r.get(2)?,
                due: r.get(3)?,
                time: r.get(4)?,
                note: r.get(5)?,
                every: r.get(6)?,
                created_at: r.get(7)?,
                rule: r.get(8)?,
                do_not_contact: r.get(9)?,
                last_contact_at: r.get(10)?,
                uid: r.get(11)?,
            };
            if !f(row)? {
                break;
            }
        }
        Ok(())
    }

    /// (follow-ups the user scheduled, rule follow-ups not held back) due
    /// by `until`. A rule's follow-up is held back for do-not-contact and
    /// for a contact touched at `held_after` or later.
    pub fn count_due_follow_ups(
        &self,
        until: &str,
        scope: &Scope,
        held_after: Option<&str>,
    ) -> Result<(i64, i64)> {
        let mut values: Vec<Box<dyn ToSql>> = vec![
            Box::new(until.to_string()),
            Box::new(held_after.map(String::from)),
        ];
        let cond = scope.conditions(&mut values);
        // The user's from the index alone when no scope needs the contact.
        let user_sql = if cond.is_empty() {
            "SELECT count(*) FROM follow_ups f \
             WHERE f.done_at IS NULL AND f.due_date <= ?1 AND f.rule_id IS NULL AND ?2 IS ?2"
                .to_string()
        } else {
            format!(
                "SELECT count(*) FROM follow_ups f JOIN contacts c ON c.id = f.contact_id \
                 WHERE f.done_at IS NULL AND f.due_date <= ?1 AND f.rule_id IS NULL AND ?2 IS ?2{cond}"
            )
        };
        let rule_sql = format!(
            "SELECT count(*) FROM follow_ups f JOIN contacts c ON c.id = f.contact_id \
             WHERE f.done_at IS NULL AND f.due_date <= ?1 AND f.rule_id IS NOT NULL AND c.do_not_contact = 0 \
             AND (?2 IS NULL OR c.last_contact_at IS NULL OR c.last_contact_at < ?2){cond}"
        );
        let count = |sql: &str| -> Result<i64> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row(params_from_iter(values.iter()), |r| r.get(0))?)
        };
        Ok((count(&user_sql)?, count(&rule_sql)?))
    }

    /// How many open tickets opened before `cutoff` are due: less those
    /// done, or snoozed past `until`.
    pub fn count_open_tickets(&self, cutoff: &str, until: &str, scope: &Scope) -> Result<i64> {
        let mut values: Vec<Box<dyn ToSql>> =
            vec![Box::new(cutoff.to_string()), Box::new(until.to_string())];
        let cond = scope.conditions(&mut values);
        let join = if cond.is_empty() {
            ""
        } else {
            " JOIN contacts c ON c.id = i.contact_id"
        };
        let sql = format!(
            // The open tickets' own index: the planner would read every ticket.
            "SELECT count(*) FROM interactions i INDEXED BY interactions_open_tickets_at{join} \
             WHERE i.kind = 'ticket' AND i.resolved_at IS NULL AND i.at < ?1{cond} \
             AND NOT EXISTS (SELECT 1 FROM reminder_state rs WHERE rs.item = 'ticket-' || i.id \
               AND rs.spell = 'open' AND (rs.done_at IS NOT NULL OR rs.snoozed_until > ?2))"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(values.iter()), |r| r.get(0))?)
    }

    /// How many unpaid invoices due before `before` are to be chased: less
    /// those done, or snoozed past `until`.
    pub fn count_unpaid(&self, before: &str, until: &str, scope: &Scope) -> Result<i64> {
        let mut values: Vec<Box<dyn ToSql>> =
            vec![Box::new(before.to_string()), Box::new(until.to_string())];
        let cond = scope.conditions(&mut values);
        let join = if cond.is_empty() {
            ""
        } else {
            " JOIN contacts c ON c.id = i.contact_id"
        };
        let sql = format!(
            "SELECT count(*) FROM interactions i{join} \
             WHERE i.payment_due < ?1 AND i.paid_at IS NULL AND i.payment_due IS NOT NULL{cond} \
             AND NOT EXISTS (SELECT 1 FROM reminder_state rs WHERE rs.item = 'payment-' || i.id \
               AND rs.spell = 'unpaid' AND (rs.done_at IS NOT NULL OR rs.snoozed_until > ?2))"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(values.iter()), |r| r.get(0))?)
    }

    /// Contacts quiet since before `before` (a timestamp), in these stages
    /// (all when empty) and with this tag, the longest silence first; `date`
    /// is when their quiet spell began.
    pub fn each_quiet(
        &self,
        stage_ids: &[i64],
        tag: Option<&str>,
        before: &str,
        scope: &Scope,
        f: &mut dyn FnMut(Candidate) -> Result<bool>,
    ) -> Result<()> {
        let (sql, values) = self.quiet_query(
            "c.id, c.name, c.do_not_contact, c.last_contact_at, coalesce(c.last_contact_at, c.quiet_since)",
            stage_ids,
            tag,
            before,
            scope,
        );
        let sql = format!("{sql} ORDER BY coalesce(c.last_contact_at, c.quiet_since), c.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        while let Some(r) = rows.next()? {
            if !f(candidate(r)?)? {
                break;
            }
        }
        Ok(())
    }

    fn quiet_query(
        &self,
        columns: &str,
        stage_ids: &[i64],
        tag: Option<&str>,
        before: &str,
        scope: &Scope,
    ) -> (String, Vec<Box<dyn ToSql>>) {
        let mut values: Vec<Box<dyn ToSql>> = vec![Box::new(before.to_string())];
        let mut sql = format!(
            "SELECT {columns} FROM contacts c WHERE coalesce(c.last_contact_at, c.quiet_since) < ?1 AND c.lost_at IS NULL"
        );
        if !stage_ids.is_empty() {
            let ids: Vec<String> = stage_ids.iter().map(|i| i.to_string()).collect();
            sql.push_str(&format!(" AND c.stage_id IN ({})", ids.join(",")));
        }
        if let Some(tag) = tag {
            values.push(Box::new(tag.to_string()));
            sql.push_str(&format!(
                " AND c.id IN (SELECT contact_id FROM contact_tags WHERE tag = ?{})",
                values.len()
            ));
        }
        sql.push_str(&scope.conditions(&mut values));
        (sql, values)
    }

    /// How many dormant reminders of rule `rule` are due by `until`: quiet
    /// contacts not held back, less those whose reminder for this quiet
    /// spell is done or snoozed past `until`.
    #[allow(clippy::too_many_arguments)]
    pub fn count_quiet(
        &self,
        rule: i64,
        stage_ids: &[i64],
        tag: Option<&str>,
        before: &str,
        scope: &Scope,
        held_after: Option<&str>,
        until: &str,
    ) -> Result<i64> {
        let held = " AND c.do_not_contact = 0 AND (?{h} IS NULL OR c.last_contact_at IS NULL OR c.last_contact_at < ?{h})";
        let (sql, mut values) = self.quiet_query("count(*)", stage_ids, tag, before, scope);
        values.push(Box::new(held_after.map(String::from)));
        let sql = format!("{sql}{}", held.replace("{h}", &values.len().to_string()));
        let all: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(values.iter()), |r| r.get(0))?;
        // Reminders of this rule whose state holds for the current spell,
        // read from the few states there are rather than per contact.
        let (from, to) = (format!("dormant-{rule}-"), format!("dormant-{rule}."));
        let (sql, mut values) = self.quiet_query("count(*)", stage_ids, tag, before, scope);
        let n = values.len();
        values.push(Box::new(from));
        values.push(Box::new(to));
        values.push(Box::new(until.to_string()));
        values.push(Box::new(held_after.map(String::from)));
        let sql = sql.replace(
            "FROM contacts c WHERE",
            &format!(
                "FROM reminder_state rs JOIN contacts c ON c.id = rs.contact_id \
                 WHERE rs.item >= ?{a} AND rs.item < ?{b} \
                 AND rs.item = ?{a} || c.id \
                 AND rs.spell = date(coalesce(c.last_contact_at, c.quiet_since), 'localtime') \
                 AND (rs.done_at IS NOT NULL OR rs.snoozed_until > ?{u}) AND",
                a = n + 1,
                b = n + 2,
                u = n + 3
            ),
        ) + &held.replace("{h}", &(n + 4).to_string());
        let settled: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(values.iter()), |r| r.get(0))?;
        Ok(all - settled)
    }

    /// What `done` or `snooze` left on one reminder: (done at, snoozed until).
    pub fn reminder_state(
        &self,
        item: &str,
        spell: &str,
    ) -> Result<Option<(Option<String>, Option<String>)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT done_at, snoozed_until FROM reminder_state WHERE item = ?1 AND spell = ?2",
            )?
            .query_row([item, spell], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Reminders whose id starts with `prefix` snoozed to `until` or before:
    /// (item, spell, contact, snoozed until).
    pub fn snoozed(&self, prefix: &str, until: &str) -> Result<Vec<(String, String, i64, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT item, spell, contact_id, snoozed_until FROM reminder_state \
             WHERE item >= ?1 AND item < ?1 || x'ff' AND done_at IS NULL AND snoozed_until <= ?2",
        )?;
        let rows = stmt
            .query_map([prefix, until], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Unpaid invoices due before `before` (a date), earliest first.
    pub fn each_unpaid(
        &self,
        before: &str,
        scope: &Scope,
        f: &mut dyn FnMut(Unpaid) -> Result<bool>,
    ) -> Result<()> {
        let mut values: Vec<Box<dyn ToSql>> = vec![Box::new(before.to_string())];
        let cond = scope.conditions(&mut values);
        let sql = format!(
            "SELECT c.id, c.name, c.do_not_contact, i.id, i.payment_due, i.amount_cents, i.summary \
             FROM interactions i JOIN contacts c ON c.id = i.contact_id \
             WHERE i.payment_due < ?1 AND i.paid_at IS NULL AND i.payment_due IS NOT NULL{cond} \
             ORDER BY i.payment_due, i.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        while let Some(r) = rows.next()? {
            let row = Unpaid {
                contact_id: r.get(0)?,
                contact: r.get(1)?,
                do_not_contact: r.get(2)?,
                purchase: r.get(3)?,
                due: r.get(4)?,
                amount_cents: r.get(5)?,
                summary: r.get(6)?,
            };
            if !f(row)? {
                break;
            }
        }
        Ok(())
    }

    /// Open tickets opened before `cutoff`, oldest first:
    /// (contact, name, ticket, opened, summary).
    #[allow(clippy::type_complexity)]
    pub fn each_open_ticket(
        &self,
        cutoff: &str,
        scope: &Scope,
        f: &mut dyn FnMut(OpenTicket) -> Result<bool>,
    ) -> Result<()> {
        let mut values: Vec<Box<dyn ToSql>> = vec![Box::new(cutoff.to_string())];
        let cond = scope.conditions(&mut values);
        let sql = format!(
            "SELECT c.id, c.name, i.id, i.at, i.summary \
             FROM interactions i INDEXED BY interactions_open_tickets_at JOIN contacts c ON c.id = i.contact_id \
             WHERE i.kind = 'ticket' AND i.resolved_at IS NULL AND i.at < ?1{cond} ORDER BY i.at, i.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        while let Some(r) = rows.next()? {
            let ticket = OpenTicket {
                contact_id: r.get(0)?,
                contact: r.get(1)?,
                ticket: r.get(2)?,
                opened: r.get(3)?,
                summary: r.get(4)?,
            };
            if !f(ticket)? {
                break;
            }
        }
        Ok(())
    }

    /// Events of one kind that happened in [from, to), earliest first,
    /// until `f` says stop.
    pub fn each_event(
        &self,
        source: &EventSource,
        from: &str,
        to: &str,
        filter: &EventFilter<'_>,
        f: &mut dyn FnMut(EventRow) -> Result<bool>,
    ) -> Result<()> {
        let contact = "c.id, c.name, c.do_not_contact, c.last_contact_at, c.lost_at IS NOT NULL";
        let mut values: Vec<Box<dyn ToSql>> =
            vec![Box::new(from.to_string()), Box::new(to.to_string())];
        let mut sql = match source {
            EventSource::Purchases { first_only } => format!(
                "SELECT i.id, {contact}, i.at, i.created_at, \
                   'purchase #' || i.id || coalesce(' (' || printf('%.2f', i.amount_cents / 100.0) || ')', ''), i.summary \
                 FROM interactions i JOIN contacts c ON c.id = i.contact_id \
                 WHERE i.kind = 'purchase' AND i.at >= ?1 AND i.at < ?2 \
                 AND NOT EXISTS (SELECT 1 FROM interactions f WHERE f.contact_id = i.contact_id \
                   AND f.kind = 'feedback' AND f.at >= i.at){}",
                if *first_only {
                    " AND NOT EXISTS (SELECT 1 FROM interactions p WHERE p.contact_id = i.contact_id \
                       AND p.kind = 'purchase' AND (p.at < i.at OR (p.at = i.at AND p.id < i.id)))"
                } else {
                    ""
                }
            ),
            EventSource::Ratings { lo, hi } => {
                values.push(Box::new(*lo));
                values.push(Box::new(*hi));
                format!(
                    "SELECT i.id, {contact}, i.at, i.created_at, 'rated ' || i.rating || '/10', i.summary \
                     FROM interactions i JOIN contacts c ON c.id = i.contact_id \
                     WHERE i.kind = 'feedback' AND i.rating BETWEEN ?3 AND ?4 AND i.at >= ?1 AND i.at < ?2"
                )
            }
            EventSource::ResolvedTickets => format!(
                "SELECT i.id, {contact}, i.resolved_at, i.updated_at, 'ticket #' || i.id || ' resolved', i.summary \
                 FROM interactions i JOIN contacts c ON c.id = i.contact_id \
                 WHERE i.kind = 'ticket' AND i.resolved_at >= ?1 AND i.resolved_at < ?2 \
                 AND NOT EXISTS (SELECT 1 FROM interactions t WHERE t.contact_id = i.contact_id \
                   AND t.kind IN ('call', 'email', 'meeting', 'message') AND t.at >= i.resolved_at)"
            ),
            EventSource::Lost => format!(
                "SELECT c.id, {contact}, c.lost_at, c.lost_at, 'lost from ' || s.name, c.lost_reason \
                 FROM contacts c JOIN stages s ON s.id = c.stage_id \
                 WHERE c.lost_at >= ?1 AND c.lost_at < ?2"
            ),
        };
        if !filter.stage_ids.is_empty() {
            let ids: Vec<String> = filter.stage_ids.iter().map(|i| i.to_string()).collect();
            sql.push_str(&format!(" AND c.stage_id IN ({})", ids.join(",")));
        }
        if let Some(tag) = filter.tag {
            values.push(Box::new(tag.to_string()));
            sql.push_str(&format!(
                " AND c.id IN (SELECT contact_id FROM contact_tags WHERE tag = ?{})",
                values.len()
            ));
        }
        sql.push_str(&filter.scope.conditions(&mut values));
        sql.push_str(match source {
            EventSource::ResolvedTickets => " ORDER BY i.resolved_at, i.id",
            EventSource::Lost => " ORDER BY c.lost_at, c.id",
            _ => " ORDER BY i.at, i.id",
        });
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        while let Some(r) = rows.next()? {
            let row = EventRow {
                id: r.get(0)?,
                contact_id: r.get(1)?,
                contact: r.get(2)?,
                do_not_contact: r.get(3)?,
                last_contact_at: r.get(4)?,
                lost: r.get(5)?,
                at: r.get(6)?,
                recorded: r.get(7)?,
                what: r.get(8)?,
                detail: r.get(9)?,
            };
            if !f(row)? {
                break;
            }
        }
        Ok(())
    }

    /// Contacts with days at risk beginning by `day`, in the order their
    /// first spell began.
    pub fn each_risk(
        &self,
        day: &str,
        scope: &Scope,
        f: &mut dyn FnMut(RiskRow) -> Result<bool>,
    ) -> Result<()> {
        let mut values: Vec<Box<dyn ToSql>> = vec![Box::new(day.to_string())];
        let cond = scope.conditions(&mut values);
        let sql = format!(
            "SELECT c.id, c.name, c.do_not_contact, c.risk, c.risk_from, c.risk_checked FROM contacts c \
             WHERE c.risk_from <= ?1{cond} ORDER BY c.risk_from, c.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        while let Some(r) = rows.next()? {
            let row = RiskRow {
                contact_id: r.get(0)?,
                contact: r.get(1)?,
                do_not_contact: r.get(2)?,
                risk: r.get(3)?,
                risk_from: r.get(4)?,
                checked: r.get(5)?,
            };
            if !f(row)? {
                break;
            }
        }
        Ok(())
    }

    /// Whether a contact is in scope (for the few reminders found otherwise).
    pub fn in_scope(&self, contact: i64, scope: &Scope) -> Result<bool> {
        if scope.tag.is_none() && scope.stage_id.is_none() && scope.contact.is_none() {
            return Ok(true);
        }
        let mut values: Vec<Box<dyn ToSql>> = vec![Box::new(contact)];
        let cond = scope.conditions(&mut values);
        let sql = format!("SELECT 1 FROM contacts c WHERE c.id = ?1{cond}");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(values.iter()), |_| Ok(()))
            .optional()?
            .is_some())
    }
}

impl Db<'_> {
    /// One contact as a dormant rule sees them, with their stage; None when
    /// they lack `tag`.
    pub fn quiet_candidate(
        &self,
        contact: i64,
        tag: Option<&str>,
    ) -> Result<Option<(Candidate, i64)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT c.id, c.name, c.do_not_contact, c.last_contact_at, coalesce(c.last_contact_at, c.quiet_since), c.stage_id \
                 FROM contacts c WHERE c.id = ?1 AND c.lost_at IS NULL \
                 AND (?2 IS NULL OR c.id IN (SELECT contact_id FROM contact_tags WHERE tag = ?2))",
            )?
            .query_row(rusqlite::params![contact, tag], |r| Ok((candidate(r)?, r.get(5)?)))
            .optional()?)
    }

    /// Reminders whose id starts with `prefix` that are done, or snoozed
    /// past `until`: (item, spell).
    pub fn settled(&self, prefix: &str, until: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT item, spell FROM reminder_state \
             WHERE item >= ?1 AND item < ?1 || x'ff' AND (done_at IS NOT NULL OR snoozed_until > ?2)",
        )?;
        let rows = stmt
            .query_map([prefix, until], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
