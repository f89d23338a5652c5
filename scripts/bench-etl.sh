#!/usr/bin/env bash
# ETL benchmark: a generated lake (one SBW event per file, the original layout) → warehouse,
# against `psql \copy` of the same rows as CSV into the same table. BENCH_EVENTS (default 100000).
# Leaves the loaded database in $BENCH_KEEP_DB_DIR when set (the dashboard bench reuses it).
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${BENCH_EVENTS:-100000}
. scripts/bench-common.sh

echo "-- ETL: $EVENTS events, one JSON file each (the original layout), against psql \\copy of the same rows"
$BIN generate --lake-dir "$work/lake" --events "$EVENTS" --days 30 --seed 7 --log-level warning >/dev/null
for db in bench_etl bench_copy; do psql -X -q "$admin" -c "CREATE DATABASE $db"; done
export DATABASE_URL="postgresql:///bench_etl?host=$host&user=postgres"
$BIN migrate --log-level warning >/dev/null
t0=$(now)
/usr/bin/time -f "%M" -o "$work/etl.rss" $BIN etl --lake-dir "$work/lake" --log-level warning >"$work/etl.out"
t1=$(now)
etl_s=$(python3 -c "print($t1-$t0)")
loaded=$(psql_db bench_etl -At -c "SELECT count(*) FROM clickstream_events")
psql_db bench_etl -c "\\copy (SELECT * FROM clickstream_events) TO '$work/events.csv' CSV"
DATABASE_URL="postgresql:///bench_copy?host=$host&user=postgres" $BIN migrate --log-level warning >/dev/null
t0=$(now)
psql_db bench_copy -c "\\copy clickstream_events FROM '$work/events.csv' CSV"
t1=$(now)
copy_s=$(python3 -c "print($t1-$t0)")
etl_rate=$(rate "$loaded" "$etl_s"); copy_rate=$(rate "$loaded" "$copy_s")
printf '   clickstream etl : %10s events in %6.2f s = %9s events/s (peak RSS %s MB)\n' "$loaded" "$etl_s" "$etl_rate" "$(( $(cat "$work/etl.rss") / 1024 ))"
printf '   psql \\copy CSV  : %10s rows   in %6.2f s = %9s rows/s\n' "$loaded" "$copy_s" "$copy_rate"
python3 -c "print(f'   ratio            : ETL at {($copy_s)/($etl_s)*100:.0f}% of \\\\copy (includes reading and parsing {int($loaded):,} files)')"
sed 's/^/   | /' "$work/etl.out"

