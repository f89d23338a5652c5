#!/usr/bin/env bash
# Durability of the collector's acknowledgements under SIGKILL: clients post events (unique eventIds) on
# keep-alive connections, the collector is killed with SIGKILL mid-load, restarted on the same lake, killed
# again, …; afterwards every event a client got 200 for must be in the lake (local folder, and S3 on moto when
# CLICKSTREAM_TEST_S3_ENDPOINT is set) and, when a PostgreSQL is at hand (CLICKSTREAM_TEST_DATABASE_URL or
# DATABASE_URL, an admin URL; a fresh database is created and dropped), loaded by `clickstream etl` exactly once.
# Events that were stored but never acknowledged (in flight at the kill) are allowed and counted.
#   scripts/collector-kill-test.sh        BIN=path (default .build/debug/clickstream, else the release build),
#                                         KILL_ROUNDS (default 3), KILL_THREADS (default 8)
# Quiet: one line per lake; exit 1 with the missing ids on any lost event.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
rounds=${KILL_ROUNDS:-3}
threads=${KILL_THREADS:-8}
BIN=${BIN:-}
if [ -z "$BIN" ]; then
  for candidate in .build/debug/clickstream .build/release/clickstream; do
    [ -x "$candidate" ] && BIN=$candidate && break
  done
fi
[ -n "$BIN" ] && [ -x "$BIN" ] || { echo "kill-test: no clickstream binary (swift build first, or set BIN)" >&2; exit 1; }
admin=${CLICKSTREAM_TEST_DATABASE_URL:-${DATABASE_URL:-}}

work=$(mktemp -d /tmp/clickstream-kill-test.XXXXXX)
collector_pid=""; database=""
cleanup() {
  [ -n "$collector_pid" ] && kill -9 "$collector_pid" 2>/dev/null && wait "$collector_pid" 2>/dev/null || true
  [ -n "$database" ] && psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/load.py" <<'PY'
#!/usr/bin/env python3
"""Load generator for the collector scripts: keep-alive POSTs of SBW-style events with unique eventIds.

Writes the eventId of every event the collector acknowledged (200) to ACKED, one per line, flushed as each
answer arrives, so what a client was told survives this process being stopped at any moment.

  collector-load.py URL ACKED --threads 8 --seconds 3 [--batch 1..20] [--stop-file PATH]

Stops after --seconds, or as soon as --stop-file exists. Connection errors (the collector being killed) are
expected: the thread reconnects and keeps going until told to stop.
"""
import argparse, http.client, json, os, random, sys, threading, time, urllib.parse, uuid

NAMES = ["page_view", "product_view", "add_to_cart_click", "checkout_complete", "search"]


def event(rng):
    name = rng.choice(NAMES)
    body = {"eventName": name, "eventId": str(uuid.uuid4()), "clientId": f"client-{rng.randrange(200)}",
            "sessionId": f"session-{rng.randrange(400)}", "pageUrl": "https://shop.example.vn/p/1",
            "userLoginState": rng.choice(["logged_in", "anonymous"])}
    if name == "checkout_complete":
        body["orderTotal"] = rng.randrange(100, 5000) * 1000
    return body


def worker(url, acked, lock, deadline, stop_file, low, high, counts, seed):
    rng = random.Random(seed)
    target = urllib.parse.urlsplit(url)
    connection = None
    while time.monotonic() < deadline and not (stop_file and os.path.exists(stop_file)):
        events = [event(rng) for _ in range(rng.randint(low, high))]
        body = json.dumps(events if len(events) > 1 else events[0]).encode()
        try:
            if connection is None:
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
            connection.request("POST", target.path or "/clickstream", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            counts["errors"] += 1
            if connection is not None:
                connection.close()
            connection = None
            time.sleep(0.05)
            continue
        if status == 200:
            with lock:
                acked.write("".join(e["eventId"] + "\n" for e in events))
                acked.flush()
                counts["acked"] += len(events)
                counts["requests"] += 1
        else:
            counts["refused"] += 1
    if connection is not None:
        connection.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("acked")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--batch", default="1..20", help="events per request, LOW..HIGH")
    parser.add_argument("--stop-file")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    low, high = (int(x) for x in args.batch.split(".."))
    counts = {"acked": 0, "requests": 0, "errors": 0, "refused": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds
    with open(args.acked, "a") as acked:
        threads = [threading.Thread(target=worker, args=(args.url, acked, lock, deadline, args.stop_file, low, high,
                                                         counts, args.seed * 1000 + i)) for i in range(args.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    print(json.dumps(counts))


if __name__ == "__main__":
    sys.exit(main())
PY

# database_url ADMIN_URL NAME: the same server, another database (postgresql://…/NAME?…).
database_url() {
  python3 -c 'import re, sys; print(re.sub(r"^(postgres(?:ql)?://[^/?]*)(/[^?]*)?", lambda m: m.group(1) + "/" + sys.argv[2], sys.argv[1], count=1))' "$1" "$2"
}

# start_collector LAKE_ARGS… → sets collector_pid and port; waits until it answers.
start_collector() {
  port=$(free_port)
  "$BIN" collect --bind 127.0.0.1 --port "$port" "$@" >>"$work/collector.log" 2>&1 &
  collector_pid=$!
  for _ in $(seq 200); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
    kill -0 "$collector_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "kill-test: the collector did not start" >&2; tail -20 "$work/collector.log" >&2; exit 1
}

# run_lake NAME RECONCILE_COMMAND LAKE_ARGS…: rounds of load + SIGKILL, a last graceful round, then reconcile.
run_lake() {
  local name=$1 reconcile=$2; shift 2
  local acked="$work/$name.acked" loads=""
  : >"$acked"
  for round in $(seq "$rounds"); do
    start_collector "$@"
    rm -f "$work/stop"
    python3 "$work/load.py" "http://127.0.0.1:$port/clickstream" "$acked" --threads "$threads" --seconds 30 \
      --stop-file "$work/stop" --seed "$round" >"$work/load.out" &
    local load_pid=$!
    # Kill somewhere in the middle of the load, at a different moment each round.
    sleep "$(python3 -c "import random; print(round(random.uniform(0.8, 2.0), 2))")"
    kill -9 "$collector_pid"; wait "$collector_pid" 2>/dev/null || true; collector_pid=""
    sleep 0.3; touch "$work/stop"; wait "$load_pid"
    loads="$loads $(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['acked'])" "$work/load.out")"
  done
  # After the kills, the collector still starts on the same lake and stops cleanly on SIGTERM.
  start_collector "$@"
  python3 "$work/load.py" "http://127.0.0.1:$port/clickstream" "$acked" --threads 2 --seconds 0.5 --seed 99 >/dev/null
  kill -TERM "$collector_pid"
  if ! wait "$collector_pid"; then echo "kill-test: collector did not exit 0 on SIGTERM" >&2; exit 1; fi
  collector_pid=""
  $reconcile "$name" "$acked" "$loads"
}

# The ids stored in the lake → $work/NAME.stored; then acknowledged ⊆ stored.
reconcile_ids() {
  local name=$1 acked=$2 stored=$3 loads=$4 verb=${5:-stored}
  python3 - "$name" "$acked" "$stored" "$rounds" "$loads" "$verb" <<'PY'
import sys
name, acked_path, stored_path, rounds, loads, verb = sys.argv[1:7]
acked = [line.strip() for line in open(acked_path) if line.strip()]
stored = [line.strip() for line in open(stored_path) if line.strip()]
missing = set(acked) - set(stored)
dupes = len(stored) - len(set(stored))
extra = len(set(stored) - set(acked))
print(f"kill-test ({name}): {rounds} SIGKILLs under load (acknowledged per round:{loads}), {len(set(acked))} events"
      f" acknowledged, {len(set(stored))} {verb} ({extra} {verb} but unacknowledged: in flight at a kill), {len(missing)} lost")
if missing or dupes:
    print(f"kill-test ({name}): LOST {len(missing)} acknowledged events, e.g. {sorted(missing)[:5]}; {dupes} duplicates",
          file=sys.stderr)
    sys.exit(1)
PY
}

local_ids() { # LAKE_DIR OUT
  python3 - "$1" >"$2" <<'PY'
import gzip, json, os, sys
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith(".")]
    for name in files:
        if name.startswith("."):
            continue   # a temporary file a killed write left behind; never renamed into place, never listed
        data = open(os.path.join(folder, name), "rb").read()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        for line in data.splitlines():
            if line.strip():
                print(json.loads(line)["eventId"])
PY
}

reconcile_local() {
  local name=$1 acked=$2 loads=$3
  local_ids "$work/lake" "$work/$name.stored"
  reconcile_ids "$name" "$acked" "$work/$name.stored" "$loads"
  leftovers=$(find "$work/lake" -name '.tmp-*' | wc -l)
  [ "$leftovers" = 0 ] || echo "kill-test (local): $leftovers temporary files left by killed writes (ignored by listings)"
  [ -z "$admin" ] && return 0
  # What the ETL loads from that lake: every stored event exactly once, so every acknowledged one.
  database="kill_test_$$"
  psql -X -q -v ON_ERROR_STOP=1 "$admin" -c "CREATE DATABASE $database" >/dev/null
  url=$(database_url "$admin" "$database")
  DATABASE_URL=$url "$BIN" etl --lake-dir "$work/lake" >"$work/etl.out" 2>"$work/etl.log" || {
    echo "kill-test: clickstream etl failed" >&2; tail -20 "$work/etl.log" >&2; exit 1; }
  psql -X -q -A -t -v ON_ERROR_STOP=1 "$url" -c "SELECT event_id FROM clickstream_events" >"$work/loaded"
  reconcile_ids "local lake → clickstream etl, no duplicates" "$acked" "$work/loaded" "$loads" "loaded"
  psql -X -q "$admin" -c "DROP DATABASE $database" >/dev/null; database=""
}

mkdir -p "$work/lake"
run_lake local reconcile_local --lake-dir "$work/lake"

if [ -n "${CLICKSTREAM_TEST_S3_ENDPOINT:-}" ]; then
  bucket="kill-test-$$-$RANDOM"
  use_test_s3 "$CLICKSTREAM_TEST_S3_ENDPOINT" "$bucket"
  reconcile_s3() {
    local name=$1 acked=$2 loads=$3
    python3 - "$AWS_ENDPOINT_URL" "$bucket" >"$work/$name.stored" <<'PY'
import gzip, json, sys, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1])
for page in s3.get_paginator("list_objects_v2").paginate(Bucket=sys.argv[2], Prefix="events/"):
    for item in page.get("Contents", []):
        data = s3.get_object(Bucket=sys.argv[2], Key=item["Key"])["Body"].read()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        for line in data.splitlines():
            if line.strip():
                print(json.loads(line)["eventId"])
PY
    reconcile_ids "$name" "$acked" "$work/$name.stored" "$loads"
  }
  run_lake s3 reconcile_s3 --raw-bucket "$bucket"
fi
