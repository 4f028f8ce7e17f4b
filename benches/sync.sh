#!/usr/bin/env bash
# Sync timings: the first sync of a large book (the device that has it
# publishes it whole, an empty device receives it), then 1,000 edits made
# one command at a time on one device, sent by one `sync` and applied by
# one `sync` on the other. Prints milliseconds and the folder's bytes.
#
#   benches/sync.sh [CONTACTS]          (default 100000)
#
# Needs python3. Builds with --release.
set -euo pipefail
cd "$(dirname "$0")/.."
contacts=${1:-100000}
cargo build --release --quiet --bin rapport
bin=$PWD/target/release/rapport
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export RAPPORT_NOW=2026-11-23T09:00:00Z NO_COLOR=1
ms() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.0f", (e - s) / 1000000 }'; }
bytes() { du -sb "$1" | cut -f1; }

python3 - "$contacts" "$work/people.csv" <<'PY'
import sys
rows, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write("name,email,phone,company,source,stage,tags\n")
    for i in range(1, rows + 1):
        f.write(f"Person {i},person{i}@example{i % 97}.com,+1 555 {i:07d},Company {i % 5000},"
                f"{['linkedin', 'referral', 'website'][i % 3]},{['reach', 'acquisition', 'conversion'][i % 3]},t{i % 10}\n")
PY
"$bin" --db "$work/a.db" import contacts "$work/people.csv" >/dev/null 2>&1
echo "a book of $contacts contacts (imported)"

s=$(date +%s%N)
"$bin" --db "$work/a.db" sync init "$work/folder" --device laptop >/dev/null
e=$(date +%s%N)
echo "first sync, publishing the whole book: $(ms "$s" "$e") ms, $(bytes "$work/folder") bytes in the folder"

s=$(date +%s%N)
"$bin" --db "$work/b.db" sync init "$work/folder" --device desk >/dev/null
e=$(date +%s%N)
echo "first sync of an empty device, receiving it: $(ms "$s" "$e") ms"

before=$(bytes "$work/folder")
for i in $(seq 1 1000); do
  "$bin" --db "$work/a.db" edit "$((i * 37 % contacts + 1))" --title "Title $i" >/dev/null
done
s=$(date +%s%N)
out=$("$bin" --db "$work/a.db" sync)
e=$(date +%s%N)
echo "sync of 1,000 edits, sending: $(ms "$s" "$e") ms, $(( $(bytes "$work/folder") - before )) bytes ($out)"
s=$(date +%s%N)
out=$("$bin" --db "$work/b.db" sync)
e=$(date +%s%N)
echo "sync of 1,000 edits, applying: $(ms "$s" "$e") ms ($out)"
s=$(date +%s%N)
out=$("$bin" --db "$work/b.db" sync)
e=$(date +%s%N)
echo "sync with nothing to do: $(ms "$s" "$e") ms (printed: '${out}')"
norm() { "$bin" --db "$1" export all | python3 -c "import json,sys; d=json.load(sys.stdin); [c.pop('revision', None) for c in d['contacts']]; print(json.dumps(d, sort_keys=True))"; }
if [ "$(norm "$work/a.db")" = "$(norm "$work/b.db")" ]; then echo "export all identical on both devices (revision counters aside)"; else echo "export all DIFFERS"; fi
