#!/usr/bin/env bash
# Whole-process timings of rapport on a large book, beside the sqlite3 CLI
# doing the same query on the same file (the floor: process start + SQLite).
#
#   benches/bench.sh [CONTACTS] [INTERACTIONS] [RUNS]     (default 100000 1000000 20)
#
# Needs sqlite3 and awk. Builds with --release. Prints median and max milliseconds.
set -euo pipefail
cd "$(dirname "$0")/.."
contacts=${1:-100000}
interactions=${2:-1000000}
runs=${3:-20}
cargo build --release --quiet --bin rapport
bin=$PWD/target/release/rapport
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# BENCH_DB=path keeps the database there (and reuses it when it exists).
export RAPPORT_DB=${BENCH_DB:-$work/bench.db} RAPPORT_NOW=2026-11-23T09:00:00Z NO_COLOR=1
if [ -e "$RAPPORT_DB" ]; then
  echo "reusing $RAPPORT_DB"
else
echo "building a book of $contacts contacts and $interactions interactions…"
t0=$(date +%s%N)
"$bin" init >/dev/null
sqlite3 "$RAPPORT_DB" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $contacts)
INSERT INTO contacts (id, uid, name, email, phone, phone_key, company, source, stage_id, stage_since, created_at, updated_at)
SELECT i, printf('01BENCH%019d', i),
       printf('%s %s %d', (CASE i % 5 WHEN 0 THEN 'Ada' WHEN 1 THEN 'Grace' WHEN 2 THEN 'Alan' WHEN 3 THEN 'Kay' ELSE 'Edsger' END),
              (CASE i % 7 WHEN 0 THEN 'Lovelace' WHEN 1 THEN 'Hopper' WHEN 2 THEN 'Turing' WHEN 3 THEN 'Knuth' WHEN 4 THEN 'Liskov' WHEN 5 THEN 'Hamilton' ELSE 'Dijkstra' END), i),
       printf('person%d@example%d.com', i, i % 97), printf('+1 555 %07d', i), printf('+1555%07d', i),
       printf('Company %d', i % 5000), (CASE i % 4 WHEN 0 THEN 'linkedin' WHEN 1 THEN 'referral' WHEN 2 THEN 'website' ELSE 'event' END),
       (SELECT id FROM stages WHERE position = i % 4), '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
FROM n;
INSERT INTO stage_history (uid, contact_id, from_stage, to_stage, at, reason, updated_at)
SELECT printf('01BENCHSH%017d', c.id), c.id, NULL, s.name, c.created_at, 'added', c.created_at FROM contacts c JOIN stages s ON s.id = c.stage_id;
INSERT INTO contact_tags (contact_id, tag) SELECT id, CASE id % 3 WHEN 0 THEN 'vip' WHEN 1 THEN 'newsletter' ELSE 'partner' END FROM contacts;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $interactions)
INSERT INTO interactions (id, uid, contact_id, kind, summary, channel, at, amount_cents, rating, created_at, updated_at)
SELECT i, printf('01BENCHI%018d', i), 1 + (i * 7919) % $contacts,
       (CASE i % 6 WHEN 0 THEN 'call' WHEN 1 THEN 'email' WHEN 2 THEN 'meeting' WHEN 3 THEN 'purchase' WHEN 4 THEN 'feedback' ELSE 'message' END),
       printf('%s about topic%d and plan%d', (CASE i % 4 WHEN 0 THEN 'Talked' WHEN 1 THEN 'Wrote' WHEN 2 THEN 'Met' ELSE 'Followed up' END), i % 10007, i % 211),
       'phone', strftime('%Y-%m-%dT%H:%M:%SZ', '2026-11-23', printf('-%d minutes', (i * 37) % 1000000)),
       CASE WHEN i % 6 = 3 THEN 1000 + i % 9000 END, CASE WHEN i % 6 = 4 THEN i % 11 END,
       '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
FROM n;
-- Every 50th contact has a birthday; every 200th purchase is an invoice,
-- a tenth of them unpaid; every 500th call is an open ticket.
UPDATE contacts SET birthday = printf('19%02d-%02d-%02d', 50 + id % 50, 1 + id % 12, 1 + id % 28) WHERE id % 50 = 0;
UPDATE interactions SET payment_due = date(at, '+30 days'), paid_at = CASE WHEN id % 2000 = 3 THEN NULL ELSE date(at, '+20 days') END WHERE kind = 'purchase' AND id % 200 = 3;
UPDATE interactions SET kind = 'ticket' WHERE kind = 'call' AND id % 500 = 0;
UPDATE interactions SET day = substr(at, 1, 10), direction = CASE WHEN kind IN ('ticket', 'feedback', 'purchase') THEN 'in' WHEN id % 3 = 0 THEN 'out' END;
UPDATE contacts SET
  last_contact_at = (SELECT max(at) FROM interactions WHERE contact_id = contacts.id AND kind <> 'note'),
  first_contact_at = (SELECT min(at) FROM interactions WHERE contact_id = contacts.id AND kind <> 'note'),
  contact_count = (SELECT count(DISTINCT day) FROM interactions WHERE contact_id = contacts.id AND kind <> 'note'),
  revenue_cents = (SELECT CAST(total(amount_cents) AS INTEGER) FROM interactions WHERE contact_id = contacts.id AND kind = 'purchase');
UPDATE contacts SET quiet_since = created_at;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $contacts / 10)
INSERT INTO follow_ups (uid, contact_id, due_date, note, anchor_date, created_at, updated_at)
SELECT printf('01BENCHF%018d', i), i * 10, date('2026-11-23', printf('%+d days', (i % 120) - 60)), 'Check in', date('2026-11-23'), '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' FROM n;
UPDATE contacts SET next_follow_up = (SELECT min(due_date) FROM follow_ups WHERE contact_id = contacts.id AND done_at IS NULL) WHERE id % 10 = 0;
INSERT INTO contacts_fts (rowid, name, email, company, note, fields)
SELECT c.id, c.name, c.email, c.company || ' ' || c.source, c.note,
       (SELECT group_concat(tag, ' ') FROM contact_tags WHERE contact_id = c.id) FROM contacts c;
INSERT INTO interactions_fts(interactions_fts) VALUES ('rebuild');
COMMIT;
ANALYZE;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
# The first write computes everyone's days at risk (a bulk refresh).
t2=$(date +%s%N)
"$bin" config set quiet-days 0 >/dev/null
echo "days at risk of $contacts contacts computed in $(( ($(date +%s%N) - t2) / 1000000 )) ms (by the first write)"
t1=$(date +%s%N)
echo "built in $(( (t1 - t0) / 1000000 )) ms; $(du -h "$RAPPORT_DB" | cut -f1) on disk"
fi
"$bin" check | tail -1

# time LABEL CMD...: median and max wall-clock ms over $runs runs
time_it() {
  local label=$1; shift
  local samples=()
  "$@" >/dev/null 2>&1 || { echo "FAILED: $*"; "$@"; exit 1; }
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    samples+=($(( (e - s) / 1000 )))
  done
  sorted=$(printf '%s\n' "${samples[@]}" | sort -n)
  median=$(sed -n "$(( (runs + 1) / 2 ))p" <<<"$sorted")
  max=$(tail -1 <<<"$sorted")
  awk -v l="$label" -v m="$median" -v x="$max" 'BEGIN { printf "%-44s median %6.1f ms   max %6.1f ms\n", l, m / 1000, x / 1000 }'
  echo "$median" >"$work/last"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%-44s %.1fx the sqlite3 CLI\n", "", a / b }'; }

echo
echo "whole-process timings, $runs runs each:"
time_it "sqlite3: SELECT 1 (process floor)" sqlite3 "$RAPPORT_DB" "SELECT 1"
time_it "sqlite3: 50 contacts by name" sqlite3 "$RAPPORT_DB" "SELECT id, name, email FROM contacts ORDER BY name COLLATE NOCASE LIMIT 50"; base=$(cat "$work/last")
time_it "rapport list --limit 50" "$bin" list --limit 50; ratio "$(cat "$work/last")" "$base"
time_it "rapport list --limit 50 --json" "$bin" list --limit 50 --json
time_it "rapport list --dormant 21d --limit 50" "$bin" list --dormant 21d --limit 50
time_it "sqlite3: one contact and its interactions" sqlite3 "$RAPPORT_DB" "SELECT * FROM contacts WHERE id = 4242; SELECT * FROM interactions WHERE contact_id = 4242 ORDER BY at DESC LIMIT 10"; base=$(cat "$work/last")
time_it "rapport show 4242" "$bin" show 4242; ratio "$(cat "$work/last")" "$base"
time_it "rapport show person4242@example71.com" "$bin" show person4242@example71.com
time_it "sqlite3: FTS match" sqlite3 "$RAPPORT_DB" "SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH 'topic4242' LIMIT 20"; base=$(cat "$work/last")
time_it "rapport search topic4242" "$bin" search topic4242; ratio "$(cat "$work/last")" "$base"
time_it "rapport search lovelace" "$bin" search lovelace
time_it "sqlite3: open follow-ups due by today" sqlite3 "$RAPPORT_DB" "SELECT * FROM follow_ups WHERE done_at IS NULL AND due_date <= '2026-11-23'"; base=$(cat "$work/last")
time_it "rapport due" "$bin" due; ratio "$(cat "$work/last")" "$base"
time_it "rapport due --json" "$bin" due --json
echo "  ($("$bin" due --json | grep -c '"kind"') items due with the default rules: $("$bin" rules --json | grep -c '"kind"') rules)"
echo "due, whatever the number of items (issue 12: under 20 ms, the dashboard under 30 ms):"
time_it "rapport due --limit 50" "$bin" due --limit 50
time_it "rapport due --kind follow-up" "$bin" due --kind follow-up
time_it "rapport due --kind at-risk --limit 50" "$bin" due --kind at-risk --limit 50
time_it "rapport due --contact 4242" "$bin" due --contact 4242
time_it "rapport (dashboard)" "$bin"
time_it "rapport log (one write transaction)" "$bin" log 4242 "bench call" --kind call
echo
echo "reports (issue: each well under 300 ms):"
time_it "sqlite3: revenue per month" sqlite3 "$RAPPORT_DB" "SELECT substr(at, 1, 7), sum(amount_cents) FROM interactions WHERE kind = 'purchase' GROUP BY 1"
for report in funnel sources activity revenue at-risk feedback advocates lost points; do
  time_it "rapport report $report --json" "$bin" report "$report" --json
done
time_it "rapport score 4242 --explain" "$bin" score 4242 --explain
echo "the best scores (issue 13: under 50 ms, read by kept bound after a write):"
time_it "rapport list --sort score --limit 50" "$bin" list --sort score --limit 50
time_it "rapport sql (count per source)" "$bin" sql "SELECT source, count(*) FROM contacts_v GROUP BY 1"
