#!/usr/bin/env bash
# Export rate and size: `clickstream export` of BENCH_EXPORT_EVENTS generated events (default 200,000 over 7 days)
# as Parquet, Snappy and ZSTD, against the same rows as gzipped NDJSON (row_to_json through psql, gzip -6) made
# in the same run. Prints rows/s, MB/s of Parquet written, and each format's size.
#   scripts/bench-export.sh      BIN=path (default the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-common.sh
events=${BENCH_EXPORT_EVENTS:-200000}
database=bench_export
psql -X -q "$admin" -c "CREATE DATABASE $database" >/dev/null
export DATABASE_URL="postgresql:///$database?host=$host&user=postgres"
lake="$work/lake"; mkdir -p "$lake"
"$BIN" generate --lake-dir "$lake" --days 7 --events "$events" --end 2025-12-07 --batch 10000 --seed 7 >/dev/null 2>&1
"$BIN" etl --lake-dir "$lake" --log-level warning >/dev/null
rows=$(psql_db "$database" -A -t -c "SELECT count(*) FROM clickstream_events")

export_once() { # CODEC → seconds, bytes
  local started ended
  started=$(now)
  "$BIN" export --lake-dir "$lake" --export-delay 0 --force --compression "$1" --log-level warning >"$work/export-$1.out"
  ended=$(now)
  echo "$(python3 -c "print($ended - $started)") $(find "$lake/exports" -name '*.parquet' -printf '%s\n' | awk '{s+=$1} END {print s}')"
}
read -r snappy_seconds snappy_bytes < <(export_once snappy)
read -r zstd_seconds zstd_bytes < <(export_once zstd)

# Baseline: the same rows as NDJSON, gzip -6, through psql (the server's JSON, one process gzipping).
started=$(now)
psql_db "$database" -A -t -c "COPY (SELECT row_to_json(e) FROM (SELECT * FROM clickstream_events ORDER BY event_timestamp, event_id) e) TO STDOUT" \
  | gzip -6 >"$work/rows.ndjson.gz"
ended=$(now)
ndjson_seconds=$(python3 -c "print($ended - $started)")
ndjson_bytes=$(stat -c %s "$work/rows.ndjson.gz")

python3 - "$rows" "$snappy_seconds" "$snappy_bytes" "$zstd_seconds" "$zstd_bytes" "$ndjson_seconds" "$ndjson_bytes" <<'PY'
import sys
rows = int(sys.argv[1]); s_t, s_b, z_t, z_b, n_t, n_b = map(float, sys.argv[2:])
print(f"export bench: {rows:,} rows over 7 days (one file per day)")
print(f"| what | time | rows/s | MB/s written | size | size vs NDJSON.gz |")
print(f"|---|---|---|---|---|---|")
print(f"| Parquet, Snappy | {s_t:.2f} s | {rows/s_t:,.0f} | {s_b/s_t/1e6:.1f} | {s_b/1e6:.2f} MB | {s_b/n_b:.0%} |")
print(f"| Parquet, ZSTD (level 3) | {z_t:.2f} s | {rows/z_t:,.0f} | {z_b/z_t/1e6:.1f} | {z_b/1e6:.2f} MB | {z_b/n_b:.0%} |")
print(f"| baseline: psql row_to_json NDJSON, gzip -6 | {n_t:.2f} s | {rows/n_t:,.0f} | {n_b/n_t/1e6:.1f} | {n_b/1e6:.2f} MB | 100% |")
PY
