//! Numbered migrations on `PRAGMA user_version`. Each runs in its own
//! transaction; append new ones, never edit a released one.

/// (version it brings the database to, SQL).
pub const MIGRATIONS: &[(i64, &str)] = &[
    (1, V1),
    (2, V2),
    (3, V3),
    (4, V4),
    (5, V5),
    (6, V6),
    (7, V7),
];

pub const LATEST: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

const V1: &str = r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE stages (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    position   INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE contacts (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    email           TEXT,
    phone           TEXT,
    phone_key       TEXT,
    company         TEXT,
    title           TEXT,
    location        TEXT,
    source          TEXT,
    stage_id        INTEGER NOT NULL REFERENCES stages(id),
    stage_since     TEXT NOT NULL,
    birthday        TEXT,
    referred_by     INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    note            TEXT,
    do_not_contact  INTEGER NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    -- Maintained in the same transaction as every interaction and
    -- follow-up write, so that list, due and dormancy are index look-ups.
    last_contact_at TEXT,
    next_follow_up  TEXT
);
CREATE UNIQUE INDEX contacts_email ON contacts(email COLLATE NOCASE) WHERE email IS NOT NULL;
CREATE INDEX contacts_phone_key ON contacts(phone_key) WHERE phone_key IS NOT NULL;
CREATE INDEX contacts_name ON contacts(name COLLATE NOCASE);
CREATE INDEX contacts_stage ON contacts(stage_id);
CREATE INDEX contacts_source ON contacts(source COLLATE NOCASE);
CREATE INDEX contacts_created ON contacts(created_at);
CREATE INDEX contacts_last_contact ON contacts(last_contact_at);
CREATE INDEX contacts_next_follow_up ON contacts(next_follow_up) WHERE next_follow_up IS NOT NULL;
CREATE INDEX contacts_referred_by ON contacts(referred_by) WHERE referred_by IS NOT NULL;

CREATE TABLE contact_tags (
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    tag        TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (contact_id, tag)
) WITHOUT ROWID;
CREATE INDEX contact_tags_tag ON contact_tags(tag, contact_id);

CREATE TABLE contact_fields (
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    key        TEXT NOT NULL COLLATE NOCASE,
    value      TEXT NOT NULL,
    PRIMARY KEY (contact_id, key)
) WITHOUT ROWID;

CREATE TABLE stage_history (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    from_stage TEXT,
    to_stage   TEXT NOT NULL,
    at         TEXT NOT NULL,
    reason     TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX stage_history_contact ON stage_history(contact_id, at);

CREATE TABLE interactions (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('call','email','meeting','message','note','purchase','feedback','ticket')),
    summary      TEXT NOT NULL,
    channel      TEXT,
    at           TEXT NOT NULL,
    amount_cents INTEGER CHECK (amount_cents IS NULL OR amount_cents > 0),
    rating       INTEGER CHECK (rating IS NULL OR rating BETWEEN 0 AND 10),
    resolved_at  TEXT,
    resolution   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX interactions_contact ON interactions(contact_id, at);
CREATE INDEX interactions_at ON interactions(at);
CREATE INDEX interactions_open_tickets ON interactions(contact_id) WHERE kind = 'ticket' AND resolved_at IS NULL;

CREATE TABLE follow_ups (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    due_date    TEXT NOT NULL,
    due_time    TEXT,
    note        TEXT NOT NULL,
    every       TEXT,
    anchor_date TEXT NOT NULL,
    done_at     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX follow_ups_open ON follow_ups(due_date) WHERE done_at IS NULL;
CREATE INDEX follow_ups_contact ON follow_ups(contact_id, done_at);

-- Search: one row per contact for who they are, and the interaction
-- summaries through an external-content index kept in step by triggers.
CREATE VIRTUAL TABLE contacts_fts USING fts5(
    name, email, company, note, fields,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE interactions_fts USING fts5(
    summary, resolution,
    content = 'interactions', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER interactions_fts_insert AFTER INSERT ON interactions BEGIN
    INSERT INTO interactions_fts(rowid, summary, resolution) VALUES (new.id, new.summary, new.resolution);
END;
CREATE TRIGGER interactions_fts_delete AFTER DELETE ON interactions BEGIN
    INSERT INTO interactions_fts(interactions_fts, rowid, summary, resolution) VALUES ('delete', old.id, old.summary, old.resolution);
END;
CREATE TRIGGER interactions_fts_update AFTER UPDATE OF summary, resolution ON interactions BEGIN
    INSERT INTO interactions_fts(interactions_fts, rowid, summary, resolution) VALUES ('delete', old.id, old.summary, old.resolution);
    INSERT INTO interactions_fts(rowid, summary, resolution) VALUES (new.id, new.summary, new.resolution);
END;
"#;

/// Imports as undoable batches: every value an import set is remembered
/// with the batch that set it, and contacts count their revisions so that
/// undo can tell whether anything touched them since.
const V2: &str = r#"
ALTER TABLE contacts ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

CREATE TABLE import_batches (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('contacts', 'interactions')),
    source     TEXT NOT NULL,
    preset     TEXT,
    at         TEXT NOT NULL,
    added      INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0,
    unchanged  INTEGER NOT NULL DEFAULT 0,
    invalid    INTEGER NOT NULL DEFAULT 0,
    undone_at  TEXT,
    updated_at TEXT NOT NULL
);

-- What a batch did to one contact: 'added' (the contact itself),
-- 'interaction' (new_value: its id), 'revision' (the contact's revision
-- right after the batch), or a value it set: 'email', 'company', …,
-- 'stage', 'tag', 'field:KEY' with the value before and after.
CREATE TABLE import_changes (
    id         INTEGER PRIMARY KEY,
    batch_id   INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    target     TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT
);
CREATE INDEX import_changes_batch ON import_changes(batch_id, contact_id);
CREATE INDEX import_changes_contact ON import_changes(contact_id);

-- The store keeps the interaction search index itself, so that bulk
-- imports can index in one statement at the end: FTS5 flushes pending
-- rows at every statement savepoint, which per-row triggers would hit.
DROP TRIGGER interactions_fts_insert;
DROP TRIGGER interactions_fts_delete;
DROP TRIGGER interactions_fts_update;
"#;

/// Acting at the right time: rules, the state `done` and `snooze` leave on
/// reminders that rules compute, message templates, payment dates, and the
/// rhythm of contact kept per contact so that at-risk needs no scan.
const V3: &str = r#"
CREATE TABLE rules (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('on-enter', 'dormant', 'cadence', 'birthday', 'anniversary', 'review')),
    stages     TEXT,
    tag        TEXT,
    after      TEXT,
    every      TEXT,
    max        TEXT,
    days_ahead INTEGER,
    field      TEXT,
    note       TEXT,
    template   TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A reminder that a rule computes has no row of its own; done and snooze
-- are remembered against its item id and the spell it belongs to (the
-- quiet spell, the year of a birthday), so it comes back in the next one.
CREATE TABLE reminder_state (
    item          TEXT NOT NULL,
    spell         TEXT NOT NULL,
    contact_id    INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    done_at       TEXT,
    snoozed_until TEXT,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (item, spell)
) WITHOUT ROWID;
CREATE INDEX reminder_state_contact ON reminder_state(contact_id);

CREATE TABLE templates (
    name       TEXT PRIMARY KEY COLLATE NOCASE,
    uid        TEXT NOT NULL UNIQUE,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Follow-ups that a rule made, and the stage move that set it off (undoing
-- the move removes them).
ALTER TABLE follow_ups ADD COLUMN rule_id INTEGER REFERENCES rules(id) ON DELETE SET NULL;
ALTER TABLE follow_ups ADD COLUMN stage_move_id INTEGER REFERENCES stage_history(id) ON DELETE CASCADE;
CREATE INDEX follow_ups_stage_move ON follow_ups(stage_move_id) WHERE stage_move_id IS NOT NULL;

-- Purchases may be invoiced: due when, paid when.
ALTER TABLE interactions ADD COLUMN payment_due TEXT;
ALTER TABLE interactions ADD COLUMN paid_at TEXT;
CREATE INDEX interactions_unpaid ON interactions(payment_due) WHERE payment_due IS NOT NULL AND paid_at IS NULL;

-- The rhythm of contact: first contact and how many, beside last_contact_at.
ALTER TABLE contacts ADD COLUMN first_contact_at TEXT;
ALTER TABLE contacts ADD COLUMN contact_count INTEGER NOT NULL DEFAULT 0;
-- The earliest day "quiet for longer than usual" may fire (a day early, so
-- the exact check in the domain decides); kept with every interaction.
ALTER TABLE contacts ADD COLUMN rhythm_alarm TEXT;
UPDATE contacts SET
    first_contact_at = (SELECT min(at) FROM interactions WHERE contact_id = contacts.id AND kind <> 'note'),
    contact_count = (SELECT count(*) FROM interactions WHERE contact_id = contacts.id AND kind <> 'note');
UPDATE contacts SET rhythm_alarm = CASE WHEN contact_count >= 3 THEN
    date(last_contact_at, printf('%+d days', max(21, CAST(3 * (julianday(last_contact_at) - julianday(first_contact_at)) / (contact_count - 1) AS INTEGER)) - 1))
END;
CREATE INDEX contacts_rhythm_alarm ON contacts(rhythm_alarm) WHERE rhythm_alarm IS NOT NULL;
CREATE INDEX interactions_open_tickets_at ON interactions(at) WHERE kind = 'ticket' AND resolved_at IS NULL;

-- What due's rules look up: quiet contacts per stage, and when each
-- contact first entered a stage (covering, so no row is read for it).
CREATE INDEX contacts_stage_last_contact ON contacts(stage_id, last_contact_at);
CREATE INDEX stage_history_to ON stage_history(to_stage, contact_id, at);
CREATE INDEX contacts_birthday ON contacts(substr(birthday, -5)) WHERE birthday IS NOT NULL;
"#;

/// Insight: which way an interaction went, loyalty points, a covering
/// index for revenue, and the read-only views `rapport sql` documents.
const V4: &str = r#"
ALTER TABLE interactions ADD COLUMN direction TEXT CHECK (direction IN ('in', 'out'));
UPDATE interactions SET direction = 'in' WHERE kind IN ('ticket', 'feedback', 'purchase');

-- Reports group by day (UTC) along these indexes instead of sorting a
-- million rows: activity by day, kind, channel and direction; purchases by
-- customer and by day; feedback ratings by day; journeys by contact.
-- day is written with every interaction (a virtual column in an index
-- cannot make it covering).
ALTER TABLE interactions ADD COLUMN day TEXT;
UPDATE interactions SET day = substr(at, 1, 10);
CREATE INDEX interactions_activity ON interactions(day, kind, channel, direction);
-- (kind is in the columns too: without it SQLite reads the row to check
-- the term the partial index already implies.)
CREATE INDEX interactions_purchases ON interactions(contact_id, at, amount_cents, payment_due, paid_at, kind) WHERE kind = 'purchase';
CREATE INDEX interactions_purchase_days ON interactions(day, amount_cents, kind) WHERE kind = 'purchase';
CREATE INDEX interactions_feedback ON interactions(day, rating, kind) WHERE kind = 'feedback';
CREATE INDEX interactions_kind_at ON interactions(kind, at);
-- Recent interactions per contact (lead scores), covering; it starts with
-- at, so it stands in for the plain index on at.
CREATE INDEX interactions_recent ON interactions(at, contact_id, kind, direction);
DROP INDEX interactions_at;
CREATE INDEX stage_history_journey ON stage_history(contact_id, at, id, to_stage);

CREATE TABLE loyalty_points (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    delta      INTEGER NOT NULL CHECK (delta <> 0),
    reason     TEXT NOT NULL,
    at         TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX loyalty_points_contact ON loyalty_points(contact_id, at);

CREATE VIEW contacts_v AS
  SELECT c.id, c.uid, c.name, c.email, c.phone, c.company, c.title, c.location, c.source,
         s.name AS stage, c.stage_since, c.birthday, c.referred_by, c.note,
         c.do_not_contact, c.created_at, c.updated_at, c.last_contact_at, c.first_contact_at,
         c.contact_count, c.next_follow_up,
         (SELECT group_concat(tag, ';') FROM contact_tags WHERE contact_id = c.id) AS tags,
         (SELECT coalesce(sum(delta), 0) FROM loyalty_points WHERE contact_id = c.id) AS points
  FROM contacts c JOIN stages s ON s.id = c.stage_id;
CREATE VIEW interactions_v AS
  SELECT i.id, i.uid, i.contact_id, c.name AS contact, i.kind, i.summary, i.channel, i.direction, i.at,
         i.amount_cents / 100.0 AS amount, i.rating, i.payment_due, i.paid_at, i.resolved_at, i.resolution,
         i.created_at, i.updated_at
  FROM interactions i JOIN contacts c ON c.id = i.contact_id;
CREATE VIEW stage_history_v AS
  SELECT h.id, h.contact_id, c.name AS contact, h.from_stage, h.to_stage, h.at, h.reason
  FROM stage_history h JOIN contacts c ON c.id = h.contact_id;
CREATE VIEW follow_ups_v AS
  SELECT f.id, f.contact_id, c.name AS contact, f.due_date, f.due_time, f.note, f.every, f.done_at, f.rule_id, f.created_at
  FROM follow_ups f JOIN contacts c ON c.id = f.contact_id;
CREATE VIEW tags_v AS SELECT contact_id, tag FROM contact_tags;
CREATE VIEW fields_v AS SELECT contact_id, key, value FROM contact_fields;
CREATE VIEW points_v AS
  SELECT p.id, p.contact_id, c.name AS contact, p.delta, p.reason, p.at
  FROM loyalty_points p JOIN contacts c ON c.id = p.contact_id;
CREATE VIEW stages_v AS SELECT name, position FROM stages;
"#;

/// The house and a `due` to trust. A rapport book says so in its header
/// (so another program's file is never taken for one). At risk is health
/// below the threshold: each paying contact keeps the days it will be at
/// risk given what is recorded (maintained with every write that changes
/// it), so `due` and `report at-risk` read one indexed list; the old
/// rhythm alarm and at-risk settings go. A contact's quiet spell may start
/// later than its creation (imports start quiet). Rules say whether they
/// fire on every entry and whether leaving cancels their follow-ups; a
/// follow-up says how it ended.
const V5: &str = r#"
PRAGMA application_id = 1918988400;
DELETE FROM settings WHERE key IN ('at-risk-factor', 'at-risk-quiet-days', 'at-risk-ticket-days');
DROP INDEX contacts_rhythm_alarm;
ALTER TABLE contacts DROP COLUMN rhythm_alarm;

-- Lost: out of the pipeline (stage_id keeps the stage they were lost
-- from; the history holds the move to "lost" and back), with why.
ALTER TABLE contacts ADD COLUMN lost_at TEXT;
ALTER TABLE contacts ADD COLUMN lost_reason TEXT;
CREATE INDEX contacts_lost ON contacts(lost_at) WHERE lost_at IS NOT NULL;

-- When the quiet spell of a contact with no interaction began: when they
-- were added, or when an import brought them (or the file's last contact).
ALTER TABLE contacts ADD COLUMN quiet_since TEXT;
UPDATE contacts SET quiet_since = created_at;
-- Covering what due asks of a quiet contact, so that counting them reads
-- only the index.
CREATE INDEX contacts_quiet ON contacts(coalesce(last_contact_at, quiet_since), stage_id, do_not_contact, last_contact_at)
  WHERE lost_at IS NULL;

-- The days a paying contact is at risk, as computed on risk_checked for
-- two years ahead: "FROM..UNTIL;FROM.." (UNTIL excluded, open at the end);
-- risk_from is the first FROM. NULL: not at risk in that time.
ALTER TABLE contacts ADD COLUMN risk TEXT;
ALTER TABLE contacts ADD COLUMN risk_from TEXT;
ALTER TABLE contacts ADD COLUMN risk_checked TEXT;
CREATE INDEX contacts_risk ON contacts(risk_from) WHERE risk_from IS NOT NULL;
CREATE INDEX contacts_risk_checked ON contacts(risk_checked);

-- Rules gain the kinds that answer events (a purchase, a rating, a
-- resolved ticket, a loss), which the first CHECK did not know: the table
-- is rebuilt, the follow-ups' links to their rules kept across it. On
-- enter: every entry or only the first, kept or cancelled on leaving. A
-- rating rule has its band; a purchase rule may answer the first only.
CREATE TEMP TABLE kept_rule_links AS SELECT id, rule_id FROM follow_ups WHERE rule_id IS NOT NULL;
CREATE TABLE rules_v5 (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('on-enter', 'dormant', 'cadence', 'birthday', 'anniversary', 'review',
                                              'after-purchase', 'on-rating', 'after-ticket-resolved', 'win-back')),
    stages      TEXT,
    tag         TEXT,
    after       TEXT,
    every       TEXT,
    max         TEXT,
    days_ahead  INTEGER,
    field       TEXT,
    note        TEXT,
    template    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    every_entry INTEGER NOT NULL DEFAULT 0,
    keep        INTEGER NOT NULL DEFAULT 0,
    band        TEXT CHECK (band IN ('detractor', 'passive', 'promoter')),
    first_only  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO rules_v5 (id, uid, kind, stages, tag, after, every, max, days_ahead, field, note, template, created_at, updated_at)
  SELECT id, uid, kind, stages, tag, after, every, max, days_ahead, field, note, template, created_at, updated_at FROM rules;
DROP TABLE rules;
ALTER TABLE rules_v5 RENAME TO rules;
UPDATE follow_ups SET rule_id = (SELECT k.rule_id FROM kept_rule_links k WHERE k.id = follow_ups.id)
  WHERE id IN (SELECT id FROM kept_rule_links);
DROP TABLE kept_rule_links;

-- Points a rule earned carry what earned them, and go with it (a purchase
-- an import undo removes takes its points along).
ALTER TABLE loyalty_points ADD COLUMN interaction_id INTEGER REFERENCES interactions(id) ON DELETE CASCADE;
CREATE INDEX loyalty_points_interaction ON loyalty_points(interaction_id) WHERE interaction_id IS NOT NULL;

-- Events that rules answer, by when they happened.
CREATE INDEX interactions_resolved ON interactions(resolved_at) WHERE kind = 'ticket' AND resolved_at IS NOT NULL;
CREATE INDEX interactions_rated ON interactions(at, rating) WHERE kind = 'feedback' AND rating IS NOT NULL;

-- done (the default for a closed follow-up) or cancelled (its contact left
-- the stage whose rule made it), and why.
ALTER TABLE follow_ups ADD COLUMN outcome TEXT CHECK (outcome IN ('done', 'cancelled'));
ALTER TABLE follow_ups ADD COLUMN outcome_note TEXT;
UPDATE follow_ups SET outcome = 'done' WHERE done_at IS NOT NULL;
CREATE INDEX follow_ups_rule_open ON follow_ups(contact_id, rule_id) WHERE rule_id IS NOT NULL AND done_at IS NULL;

-- Due follow-ups of one kind (the user's, or a rule's) read from the index.
DROP INDEX follow_ups_open;
CREATE INDEX follow_ups_open ON follow_ups(due_date, rule_id) WHERE done_at IS NULL;

-- What a due item shows of its contact, read from a small index rather
-- than the wide contact rows (a list of thousands of follow-ups).
CREATE INDEX contacts_due ON contacts(id, name, do_not_contact, last_contact_at);

-- Anniversaries by day of the year, without reading every move.
CREATE INDEX stage_history_day ON stage_history(to_stage, substr(at, 6, 5));

-- A contact's rhythm counts days with contact, not interactions: a call
-- and the sale logged after it are one contact.
UPDATE contacts SET contact_count =
  (SELECT count(DISTINCT day) FROM interactions WHERE contact_id = contacts.id AND kind <> 'note');

-- A forget whose bytes are not yet scrubbed from the file (a reader held
-- an old snapshot, or the process was killed): every open scrubs first.
CREATE TABLE pending_scrub (since TEXT NOT NULL);

-- Unpaid invoices by due date, for the payment reminders of due.
CREATE INDEX interactions_unpaid_due ON interactions(payment_due, contact_id) WHERE payment_due IS NOT NULL AND paid_at IS NULL;
"#;

/// Reports and `list --sort score` read narrow indexes instead of every
/// row: what each contact spent, the journey columns together, ratings by
/// contact, and a bound on each contact's score.
const V6: &str = r#"
-- What a contact has spent, kept with them like their last contact, so
-- that the funnel and sources read everyone from a narrow index instead of
-- the wide rows and every purchase.
ALTER TABLE contacts ADD COLUMN revenue_cents INTEGER NOT NULL DEFAULT 0;
UPDATE contacts SET revenue_cents =
  (SELECT CAST(total(amount_cents) AS INTEGER) FROM interactions WHERE contact_id = contacts.id AND kind = 'purchase');
CREATE INDEX contacts_journey ON contacts(id, created_at, stage_id, source, first_contact_at, revenue_cents, lost_at);

-- Recent ratings by contact, read from the index alone.
DROP INDEX interactions_rated;
CREATE INDEX interactions_rated ON interactions(at, contact_id, rating) WHERE kind = 'feedback' AND rating IS NOT NULL;

-- The highest a contact's score can be from risk_checked on (a lead's only
-- falls; a customer's health is computed ahead): list --sort score reads
-- the best bounds first and computes only until none can beat its list.
-- Everyone's days at risk are computed again on the next write, with their
-- bound; until then list computes their scores.
ALTER TABLE contacts ADD COLUMN score_bound REAL;
CREATE INDEX contacts_score_bound ON contacts(score_bound DESC) WHERE lost_at IS NULL;
UPDATE contacts SET risk_checked = NULL;

-- Stages are numbered from 1 in `sql` as `rapport stages` prints them.
DROP VIEW stages_v;
CREATE VIEW stages_v AS SELECT name, position + 1 AS position FROM stages;

-- Consent: what a contact agreed to, when and how, and when they took it
-- back; rules that send marketing can require it.
CREATE TABLE consents (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL,
    given_on     TEXT NOT NULL,
    how          TEXT,
    withdrawn_on TEXT,
    updated_at   TEXT NOT NULL
);
CREATE INDEX consents_contact ON consents(contact_id);
CREATE VIEW consents_v AS
  SELECT k.id, k.contact_id, c.name AS contact, k.purpose, k.given_on, k.how, k.withdrawn_on
  FROM consents k JOIN contacts c ON c.id = k.contact_id;
ALTER TABLE rules ADD COLUMN needs_consent INTEGER NOT NULL DEFAULT 0;
"#;

/// Merges that can be undone: the merged-away contact's rows and what the
/// merge changed, kept with the contact that remains (and erased with it).
const V7: &str = r#"
CREATE TABLE merges (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    at          TEXT NOT NULL,
    kept_id     INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    merged_id   INTEGER NOT NULL,
    merged_name TEXT NOT NULL,
    record      TEXT NOT NULL,
    undone_at   TEXT,
    updated_at  TEXT NOT NULL
);
CREATE INDEX merges_kept ON merges(kept_id);

-- Sync (issue "Sync"): this device's bookkeeping, never sent. What it
-- changed, by write (a session's changeset with its clock, and the file it
-- went out in); the clock of every synced column set since sync began; the
-- keys of rows deleted; the last file applied from each other device; the
-- conflicts resolved; contacts erased whose data files still carry.
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- Two devices may each add the same person offline: one email is unique
-- per write (add, edit and import check it), no longer by the index, so a
-- sync can apply both and name them for `merge` instead of failing.
DROP INDEX contacts_email;
CREATE INDEX contacts_email ON contacts(email COLLATE NOCASE) WHERE email IS NOT NULL;
CREATE TABLE sync_outbox (
    seq     INTEGER PRIMARY KEY,
    hlc     TEXT NOT NULL,
    changes TEXT NOT NULL,
    file    INTEGER
);
CREATE INDEX sync_outbox_unsent ON sync_outbox(seq) WHERE file IS NULL;
CREATE INDEX sync_outbox_file ON sync_outbox(file) WHERE file IS NOT NULL;
CREATE TABLE sync_clocks (
    tbl TEXT NOT NULL,
    pk  TEXT NOT NULL,
    col TEXT NOT NULL,
    hlc TEXT NOT NULL,
    PRIMARY KEY (tbl, pk, col)
) WITHOUT ROWID;
CREATE TABLE sync_dead (
    tbl TEXT NOT NULL,
    pk  TEXT NOT NULL,
    hlc TEXT NOT NULL,
    PRIMARY KEY (tbl, pk)
) WITHOUT ROWID;
CREATE TABLE sync_applied (device TEXT PRIMARY KEY, seq INTEGER NOT NULL, at TEXT) WITHOUT ROWID;
CREATE TABLE sync_conflicts (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    tbl       TEXT NOT NULL,
    pk        TEXT NOT NULL,
    contact_id INTEGER,
    record    TEXT NOT NULL,
    field     TEXT NOT NULL,
    kept      TEXT,
    set_aside TEXT,
    seen      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sync_erasures (contact_id INTEGER PRIMARY KEY, hlc TEXT NOT NULL);
"#;
