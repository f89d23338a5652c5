#!/usr/bin/env bash
# Dashboard benchmark: server time of /sbw_dashboard and each JSON metric for a 30-day window.
# BENCH_EVENTS files are generated and loaded, then copied with new ids up to BENCH_ROWS (default 1000000).
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${BENCH_EVENTS:-100000}
ROWS=${BENCH_ROWS:-1000000}
PORT=${BENCH_PORT:-38380}
. scripts/bench-common.sh

$BIN generate --lake-dir "$work/lake" --events "$EVENTS" --days 30 --seed 7 --log-level warning >/dev/null
psql -X -q "$admin" -c "CREATE DATABASE bench_etl"
export DATABASE_URL="postgresql:///bench_etl?host=$host&user=postgres"
$BIN etl --lake-dir "$work/lake" --log-level warning >/dev/null
loaded=$(psql_db bench_etl -At -c "SELECT count(*) FROM clickstream_events")
echo "-- Dashboard: 30-day window at $ROWS events (the loaded events, copied with new ids up to $ROWS)"
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
