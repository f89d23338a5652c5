#!/usr/bin/env bash
# Dashboard benchmark: server time of /sbw_dashboard and of each JSON metric for a 30-day window,
# from the rollups + in-memory index, next to the same metric computed on the raw table (the SQL path,
# `serve --no-index --no-response-cache`) in the same run.
# Sizes: BENCH_DASHBOARD_SIZES (default "1000000 10000000"); lakes are written by `clickstream generate --batch`
# and loaded by `clickstream etl`, so the rollups are the loader's own.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${BENCH_DASHBOARD_SIZES:-"1000000 10000000"}
REPS=${BENCH_DASHBOARD_REPS:-30}
RAW_REPS=${BENCH_DASHBOARD_RAW_REPS:-3}
# The whole page from the raw table runs the KPI summary once per sparkline point too (14): minutes at 10M, so once.
RAW_PAGE_REPS=${BENCH_DASHBOARD_RAW_PAGE_REPS:-1}
PORT=${BENCH_PORT:-38380}
RAW_PORT=$((PORT + 1))
. scripts/bench-common.sh
raw_pid=""
stop_servers() {
  for pid in $server_pid $raw_pid; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  server_pid=""; raw_pid=""
}
trap 'stop_servers; cleanup' EXIT

# url reps [etag-busting: "fresh" adds a unique query item so neither ETag nor response cache answers]
timeit() {
  python3 - "$@" <<'PY'
import sys, time, urllib.request
url, n = sys.argv[1], int(sys.argv[2])
times = []
for i in range(n):
    t = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})) as r:
        r.read()
    times.append((time.perf_counter() - t) * 1000)
times.sort()
p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
print(f"{p(0.5):.1f} {p(0.99):.1f}")
PY
}
wait_ready() {  # port: until the metrics index reports ready (or the SQL-only server answers)
  for _ in $(seq 1 1800); do
    if curl -fs "http://127.0.0.1:$1/metrics" 2>/dev/null | grep -q '^clickstream_metrics_index_ready 1'; then return 0; fi
    sleep 0.5
  done
  echo "server on $1 never became ready" >&2; return 1
}
wait_up() {
  for _ in $(seq 1 600); do curl -fs -o /dev/null "http://127.0.0.1:$1/healthz" && return 0; sleep 0.2; done
  return 1
}
metrics="summary timeseries event-names login-states categories brands products funnel heatmap events"

for size in $SIZES; do
  db="bench_dash_$size"
  lake="$work/lake-$size"
  psql -X -q "$admin" -c "CREATE DATABASE $db"
  export DATABASE_URL="postgresql:///$db?host=$host&user=postgres"
  t0=$(now)
  $BIN generate --lake-dir "$lake" --events "$size" --days 30 --seed 11 --batch 20000 --end 2025-12-31 --log-level warning >/dev/null
  t1=$(now)
  $BIN etl --lake-dir "$lake" --log-level warning >/dev/null
  t2=$(now)
  psql_db "$db" -c "VACUUM ANALYZE" >/dev/null
  rollup_rows=$(psql_db "$db" -At -c "SELECT count(*) FROM rollup_events_15m")
  echo "-- Dashboard at $size events: generated in $(python3 -c "print(f'{$t1-$t0:.0f}')") s, loaded in $(python3 -c "print(f'{$t2-$t1:.0f}')") s; $rollup_rows rollup rows"
  query="from=2025-12-02&to=2025-12-31&tz=Asia/Ho_Chi_Minh"

  t3=$(now)
  # No response cache: every request below computes its metrics (the cache would make repeats trivially fast).
  $BIN serve --no-etl --no-response-cache --port "$PORT" --log-level warning >"$work/serve-$size.log" 2>&1 &
  server_pid=$!
  wait_ready "$PORT"
  t4=$(now)
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
  echo "   index built in $(python3 -c "print(f'{$t4-$t3:.1f}')") s; server RSS $((rss / 1024)) MB"

  # The first request after a load. Hourly: 2,000 events of one of the window's last hours land (what an
  # hourly ETL brings), the ETL commits, the page is asked for at once. Late: 2,000 events spread over a whole
  # earlier day land, touching ~80 buckets; the index merges the new rows into each.
  # Moves a generated lake's objects into the bench lake under names of their own (the generator numbers
  # its objects, so they would overwrite loaded ones): "TAG-name", TAG "late" unless given as the fourth
  # argument; with a third argument, every event is retimed into that UTC hour (YYYY-MM-DDTHH).
  land() {
    python3 - "$@" <<'PY'
import gzip, json, os, sys
source, lake = sys.argv[1], sys.argv[2]
hour = sys.argv[3] if len(sys.argv) > 3 else None
tag = sys.argv[4] if len(sys.argv) > 4 else "late"
for folder, _, names in os.walk(source):
    for name in names:
        path = os.path.join(folder, name)
        target = os.path.join(lake, os.path.relpath(folder, source), tag + "-" + name)
        if hour:
            lines = gzip.open(path).read().splitlines()
            events = [json.loads(line) for line in lines]
            for i, event in enumerate(events):
                stamp = "%s:%02d:%02d.%03dZ" % (hour, i * 60 // len(events), i % 60, i % 1000)
                event["eventTimestamp"] = stamp
                if isinstance(event.get("_ingest"), dict): event["_ingest"]["receivedAt"] = stamp
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with gzip.open(target, "wb") as out: out.write(b"".join(json.dumps(e).encode() + b"\n" for e in events))
            os.remove(path)
        else:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.rename(path, target)
PY
  }
  # Five hourly loads in a row (the window's last local hours): the first after the server started pays
  # for cold caches on both sides once, so the median and the worst are reported.
  hourly_times=""
  for hour in 12 13 14 15 16; do
    rm -rf "$work/late-$size"
    $BIN generate --lake-dir "$work/late-$size" --events 2000 --days 1 --seed "9$hour" --batch 2000 --end 2025-12-31 --log-level warning >/dev/null
    land "$work/late-$size" "$lake" "2025-12-31T$hour" "h$hour"
    $BIN etl --lake-dir "$lake" --log-level warning >/dev/null
    hourly_times="$hourly_times $(timeit "http://127.0.0.1:$PORT/sbw_dashboard?$query" 1 | cut -d' ' -f1)"
  done
  first_hourly=$(python3 -c "import sys, statistics; t = [float(x) for x in sys.argv[1:]]; print(f'{statistics.median(t):.1f} (max {max(t):.1f})')" $hourly_times)
  rm -rf "$work/late-$size"
  $BIN generate --lake-dir "$work/late-$size" --events 2000 --days 1 --seed 99 --batch 2000 --end 2025-12-30 --log-level warning >/dev/null
  land "$work/late-$size" "$lake"
  $BIN etl --lake-dir "$lake" --log-level warning >/dev/null
  first=$(timeit "http://127.0.0.1:$PORT/sbw_dashboard?$query" 1 | cut -d' ' -f1)

  $BIN serve --no-etl --no-index --no-response-cache --query-deadline 30m --port "$RAW_PORT" --log-level warning >"$work/raw-$size.log" 2>&1 &
  raw_pid=$!
  wait_up "$RAW_PORT"

  printf '   %-22s %12s %12s   %14s %14s   %s\n' "30-day window, ms" "index p50" "index p99" "raw-table p50" "raw-table p99" "raw/index"
  printf '   %-22s %12s\n' "page, 1st after hourly" "$first_hourly"
  printf '   %-22s %12s\n' "page, 1st after late" "$first"
  for target in page $metrics; do
    if [ "$target" = page ]; then path="sbw_dashboard"; else path="sbw_dashboard/api/v1/$target"; fi
    read -r p50 p99 <<<"$(timeit "http://127.0.0.1:$PORT/$path?$query" "$REPS")"
    reps=$RAW_REPS; [ "$target" = page ] && reps=$RAW_PAGE_REPS
    read -r r50 r99 <<<"$(timeit "http://127.0.0.1:$RAW_PORT/$path?$query" "$reps")"
    ratio=$(python3 -c "print(f'{$r50/max($p50,0.01):,.0f}x')")
    printf '   %-22s %12s %12s   %14s %14s   %s\n' "$target" "$p50" "$p99" "$r50" "$r99" "$ratio"
  done
  stop_servers
  psql -X -q "$admin" -c "DROP DATABASE $db" >/dev/null
  rm -rf "$lake" "$work/late-$size"
done
