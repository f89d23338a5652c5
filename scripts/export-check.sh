#!/usr/bin/env bash
# The analytics lake end to end: a mixed lake (every dialect, NULLs, Vietnamese text, out-of-range decimals, events
# across zones and days) → `clickstream etl` → `clickstream export`, SIGKILLed at random points over several days,
# then one clean run; DuckDB (through the DDL `--ddl duckdb` prints) and pyarrow must read every column of every
# row as the warehouse holds it, each day folder one file whose manifest and export_days row match it; the star
# schema answers a query as clickstream_reader, which cannot read the tables.
#   scripts/export-check.sh      BIN=path (default .build/debug/clickstream, else the release build)
# PostgreSQL: CLICKSTREAM_TEST_DATABASE_URL or DATABASE_URL as an admin URL; a database is created and dropped.
# Quiet: one line on success.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-}
if [ -z "$BIN" ]; then
  for candidate in .build/debug/clickstream .build/release/clickstream; do [ -x "$candidate" ] && BIN=$candidate && break; done
fi
[ -n "$BIN" ] && [ -x "$BIN" ] || { echo "export-check: no clickstream binary (swift build first, or set BIN)" >&2; exit 1; }
admin=${CLICKSTREAM_TEST_DATABASE_URL:-${DATABASE_URL:-}}
[ -n "$admin" ] || { echo "export-check: set CLICKSTREAM_TEST_DATABASE_URL (scripts/test-postgres.sh start DIR)" >&2; exit 1; }
samples=${SAMPLES:-}
for candidate in ../shared/samples /work/shared/samples; do [ -z "$samples" ] && [ -d "$candidate" ] && samples=$candidate; done

work=$(mktemp -d /tmp/clickstream-export-check.XXXXXX)
database="export_check_$$"
cleanup() {
  psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "export-check: $*" >&2; for log in "$work"/*.log; do [ -f "$log" ] && { echo "--- $log" >&2; tail -15 "$log" >&2; }; done; exit 1; }

psql -X -q -v ON_ERROR_STOP=1 "$admin" -c "CREATE DATABASE $database" >/dev/null || fail "cannot create a database with $admin"
export DATABASE_URL
DATABASE_URL=$(python3 -c 'import re, sys; print(re.sub(r"^(postgres(?:ql)?://[^/?]*)(/[^?]*)?", lambda m: m.group(1) + "/" + sys.argv[2], sys.argv[1], count=1))' "$admin" "$database")
lake="$work/lake"; mkdir -p "$lake"
table="$lake/exports/clickstream_events"

python3 scripts/export_check.py make-lake "$lake" "$samples"
# Bulk days, so that kills land in the middle of an export.
"$BIN" generate --lake-dir "$lake" --days 4 --events 16000 --end 2025-12-09 --batch 4000 --seed 21 >"$work/generate.log" 2>&1 || fail "generate failed"
"$BIN" etl --lake-dir "$lake" >"$work/etl.log" 2>&1 || fail "etl failed"
# Legacy rows the amount rule would refuse today (the original ETL's or an older loader's): over 10^15 and a fifth
# decimal. The export writes them as NULL and counts them; verify --repair brings the rollups up to date.
psql -X -q -v ON_ERROR_STOP=1 "$DATABASE_URL" >/dev/null <<'SQL' || fail "cannot insert the legacy rows"
INSERT INTO clickstream_events (event_id, event_timestamp, event_name, context_product_price, order_total, properties)
VALUES ('00000000-0000-4000-8000-00000000aaa1', '2025-12-10 08:00:00+00', 'product_view', 1000000000000000, NULL, '{"legacy": true}'),
       ('00000000-0000-4000-8000-00000000aaa2', '2025-12-10 09:00:00+00', 'checkout_complete', 1.23456, 123456789012345678901234567890, '{}');
SQL
"$BIN" verify --repair >"$work/repair.log" 2>&1 || true
export_run() { "$BIN" export --lake-dir "$lake" --export-delay 0 --log-level warning "$@"; }

# Not yet closed: with the default delay, days just loaded wait.
export_run --export-delay 2h >"$work/delayed.log" 2>&1 || fail "export with the default delay failed"
grep -q "days exported:      0" "$work/delayed.log" || fail "days loaded just now were exported before EXPORT_DELAY"
export_run >"$work/first.log" 2>&1 || fail "the first export failed"
export_run >"$work/again.log" 2>&1 || fail "the second export failed"
grep -q "days exported:      0" "$work/again.log" || fail "an unchanged warehouse was exported again"

# A late load touches three exported days; exports killed at random moments, forced to rewrite every day.
python3 scripts/export_check.py late-load "$lake"
"$BIN" etl --lake-dir "$lake" >"$work/late-etl.log" 2>&1 || fail "the late etl failed"
landed=0
for attempt in 1 2 3 4 5 6; do
  "$BIN" export --lake-dir "$lake" --export-delay 0 --log-level warning --force --row-group-mb 1 >"$work/killed.log" 2>&1 &
  pid=$!  # the binary itself, so that SIGKILL reaches it
  sleep "$(python3 -c "import random; print(random.uniform(0.2, 0.6 + 0.5 * $attempt))")"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  grep -q "days exported" "$work/killed.log" || landed=$((landed + 1))
  # Whatever the moment: every day folder holds one whole, readable file (old or new) and no other Parquet file.
  python3 - "$table" <<'PY' || fail "after a SIGKILL a day folder is not whole"
import pathlib, sys, pyarrow.parquet as pq
for folder in pathlib.Path(sys.argv[1]).glob("year=*/month=*/day=*"):
    parts = sorted(p.name for p in folder.glob("*.parquet"))
    assert parts == ["part-00000.parquet"], (folder, parts)
    pq.ParquetFile(folder / "part-00000.parquet").metadata
PY
done
[ "$landed" -gt 0 ] || fail "no SIGKILL landed before an export finished: the kill test tested nothing"
finished=1
for _ in 1 2 3 4 5 6 7 8 9 10; do  # the server may not have ended a killed run's session (its lock) yet
  if export_run >"$work/clean.log" 2>&1; then finished=0; break; fi
  sleep 0.5
done
[ "$finished" = 0 ] || fail "the clean run after the kills failed"

"$BIN" export --lake-dir "$lake" --ddl duckdb >"$work/duckdb.sql" || fail "--ddl duckdb failed"
python3 scripts/export_check.py verify "$DATABASE_URL" "$table" "$work/duckdb.sql" >"$work/verify.out" || fail "the export does not match the warehouse"
for engine in athena spark; do
  "$BIN" export --lake-dir "$lake" --ddl "$engine" | grep -q "decimal(19,4)" || fail "--ddl $engine lacks the decimal columns"
done
"$BIN" export --lake-dir "$lake" --ddl glue | python3 -c 'import json, sys; assert json.load(sys.stdin)["TableInput"]["PartitionKeys"]' || fail "--ddl glue is not table JSON"

# The star schema, as a BI tool's role sees it.
star=$(psql -X -q -A -t -v ON_ERROR_STOP=1 "$DATABASE_URL" <<'SQL'
SET ROLE clickstream_reader;
SELECT count(*) = (SELECT count(*) FROM fact_events f JOIN dim_date d USING (date_key) LEFT JOIN dim_device v USING (device_key)
                   LEFT JOIN dim_geo g USING (geo_key) LEFT JOIN dim_source s USING (source_key) LEFT JOIN dim_page p USING (page_key))
FROM fact_events;
SQL
) || fail "the star schema does not answer as clickstream_reader"
[ "$star" = "t" ] || fail "fact_events rows do not each find one row in every dimension ($star)"
if psql -X -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -c "SET ROLE clickstream_reader; SELECT 1 FROM clickstream_events LIMIT 1" >/dev/null 2>&1; then
  fail "clickstream_reader can read clickstream_events"
fi
cat "$work/verify.out"
