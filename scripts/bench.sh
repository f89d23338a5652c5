#!/usr/bin/env bash
# Benchmarks, each reported as a ratio against a baseline measured in the same run:
#   1. ETL: a generated lake (one SBW event per file) → warehouse, against `psql \copy` of the same rows as CSV.
#   2. Dashboard: server time of /sbw_dashboard and each JSON metric for a 30-day window at 1M events.
# Sizes: BENCH_EVENTS (lake, default 100000), BENCH_ROWS (dashboard, default 1000000).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.build/release/clickstream
EVENTS=${BENCH_EVENTS:-100000}
ROWS=${BENCH_ROWS:-1000000}
PORT=${BENCH_PORT:-38380}
work=$(mktemp -d /tmp/clickstream-bench.XXXXXX)
chmod 755 "$work"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  scripts/test-postgres.sh stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

[ -x "$BIN" ] || swift build -c release
eval "$(scripts/test-postgres.sh start "$work/pg")"
admin=$CLICKSTREAM_TEST_DATABASE_URL
host="$work/pg"
psql_db() { psql -X -q -v ON_ERROR_STOP=1 "postgresql:///$1?host=$host&user=postgres" "${@:2}"; }
now() { date +%s.%N; }
rate() { python3 -c "import sys; n,t=float(sys.argv[1]),float(sys.argv[2]); print(f'{n/t:,.0f}')" "$@"; }

echo "== clickstream bench: $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), PostgreSQL $(psql -X -At "$admin" -c 'show server_version')"
echo
echo "-- 1. ETL: $EVENTS events, one JSON file each (the original layout), against psql \\copy of the same rows"
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

echo
echo "-- 2. Dashboard: 30-day window at $ROWS events (the loaded events, copied with new ids up to $ROWS)"
copies=$(( (ROWS + loaded - 1) / loaded - 1 ))
if [ "$copies" -gt 0 ]; then
  psql_db bench_etl -c "INSERT INTO clickstream_events (event_id, event_timestamp, event_name, user_id, user_login_state,
      identity_source, client_id, session_id, is_first_visit, context_product_id, context_product_name,
      context_product_category, context_product_brand, context_product_price, context_product_discount_price,
      context_product_url_path, page_url, referrer, properties)
    SELECT md5(e.event_id::text || c)::uuid, e.event_timestamp, e.event_name, e.user_id, e.user_login_state,
      e.identity_source, e.client_id || '-' || c, e.session_id || '-' || c, e.is_first_visit, e.context_product_id,
      e.context_product_name, e.context_product_category, e.context_product_brand, e.context_product_price,
      e.context_product_discount_price, e.context_product_url_path, e.page_url, e.referrer, e.properties
    FROM clickstream_events e CROSS JOIN generate_series(1, $copies) c" >/dev/null
  psql_db bench_etl -c "DELETE FROM clickstream_events WHERE event_id IN (SELECT event_id FROM clickstream_events ORDER BY event_id LIMIT greatest(0, (SELECT count(*) FROM clickstream_events) - $ROWS))" >/dev/null
  psql_db bench_etl -c "UPDATE warehouse_state SET data_version = data_version + 1; VACUUM ANALYZE clickstream_events" >/dev/null
fi
total=$(psql_db bench_etl -At -c "SELECT count(*) FROM clickstream_events")
range=$(psql_db bench_etl -At -c "SELECT to_char(max(event_timestamp) - interval '29 days', 'YYYY-MM-DD') || ' ' || to_char(max(event_timestamp), 'YYYY-MM-DD') FROM clickstream_events")
from=${range% *}; to=${range#* }
$BIN serve --no-etl --port "$PORT" --log-level warning >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/sbw_dashboard/api/v1/summary" && break; sleep 0.2; done
query="from=$from&to=$to"
echo "   $total events; window $from .. $to"
timeit() {  # url, repetitions → p50 and max in ms (first request after start counts: no warm cache assumed)
  python3 - "$1" "${2:-10}" <<'PY'
import sys, time, urllib.request
url, n = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(n):
    t = time.perf_counter()
    with urllib.request.urlopen(url) as r:
        r.read()
    times.append((time.perf_counter() - t) * 1000)
first = times[0]
times.sort()
print(f"first {first:8.1f} ms   p50 {times[len(times)//2]:8.1f} ms   max {times[-1]:8.1f} ms")
PY
}
printf '   %-28s %s\n' "/sbw_dashboard" "$(timeit "http://127.0.0.1:$PORT/sbw_dashboard?$query" 10)"
for metric in summary timeseries event-names login-states categories brands events; do
  printf '   %-28s %s\n' "api/v1/$metric" "$(timeit "http://127.0.0.1:$PORT/sbw_dashboard/api/v1/$metric?$query" 10)"
done
