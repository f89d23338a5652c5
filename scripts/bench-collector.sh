#!/usr/bin/env bash
# Collector benchmark: events/s accepted with durable acknowledgement (a 200 only after the fsync or the S3 PUT
# of the object holding the event), wrk POSTing SBW tracker payloads (a Lua script), single events and 50-event
# batches, on keep-alive connections. Same run, same lake: our default NDJSON.gz batching against the original
# design's cost, one object per event (`--per-event-objects`, what the Lambda wrote).
# Local lake always; S3 on moto as well (CLICKSTREAM_TEST_S3_ENDPOINT, or a moto_server this script starts),
# shorter, since moto answers only about a hundred requests a second.
#   scripts/bench-collector.sh    BIN=path (default .build/release/clickstream), BENCH_COLLECTOR_SECONDS (10),
#                                 BENCH_COLLECTOR_CONNECTIONS (1024), BENCH_COLLECTOR_S3_SECONDS (5; 0 skips S3)
# A closed loop: each connection waits for its acknowledgement, so batched throughput is about
# connections × events per request / (batch delay 200 ms + the flush) until the CPU is the limit; real traffic
# is many browsers each sending now and then, so the connection count stands for concurrent senders.
# Each run writes under a prefix of its own; "objects" and "events/object" are counted from the lake afterwards
# (events stored, acknowledged or still in flight when wrk stopped).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
seconds=${BENCH_COLLECTOR_SECONDS:-10}
s3_seconds=${BENCH_COLLECTOR_S3_SECONDS:-5}
connections=${BENCH_COLLECTOR_CONNECTIONS:-1024}
threads=${BENCH_COLLECTOR_THREADS:-2}
BIN=${BIN:-.build/release/clickstream}
[ -x "$BIN" ] || swift build -c release --product clickstream
if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "bench-collector: wrk is needed (run as root to install it)" >&2; exit 1; }
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi

work=$(mktemp -d /tmp/clickstream-bench-collector.XXXXXX)
collector_pid=""; moto_pid=""
cleanup() {
  [ -n "$collector_pid" ] && kill "$collector_pid" 2>/dev/null && wait "$collector_pid" 2>/dev/null || true
  [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null && wait "$moto_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Bodies: one tracker event (about 600 bytes, like the SBW frontend's) and a JSON array of 50.
python3 - "$work" <<'PY'
import json, sys, uuid
def event(i):
    return {"eventName": ["page_view", "product_view", "add_to_cart_click"][i % 3], "eventId": str(uuid.uuid4()),
            "eventTimestamp": "2025-12-06T05:14:09.512Z", "clientId": "5f0c6a8e-3c1d-4f7e-9a51-0d1f2b3c4d5e",
            "sessionId": "b7e2c1d0-8a9f-4e3d-b2c1-a0f9e8d7c6b5", "userId": None, "userLoginState": "anonymous",
            "identitySource": "cookie", "isFirstVisit": False, "deviceType": "mobile",
            "pageUrl": "https://shop.example.vn/dien-thoai/iphone-15-pro-max-256gb?utm_source=facebook",
            "referrer": "https://www.facebook.com/",
            "product": {"id": "SP-100234", "name": "iPhone 15 Pro Max 256GB", "category": "Điện thoại",
                        "brand": "Apple", "price": 29990000, "discountPrice": 27490000,
                        "urlPath": "/dien-thoai/iphone-15-pro-max-256gb"},
            "element": {"tag": "button", "id": "btn-add-to-cart", "text": "Thêm vào giỏ"}}
open(sys.argv[1] + "/single.json", "w").write(json.dumps(event(0), ensure_ascii=False))
open(sys.argv[1] + "/batch.json", "w").write(json.dumps([event(i) for i in range(50)], ensure_ascii=False))
PY
cat >"$work/post.lua" <<'LUA'
-- POST the body in BODY_FILE to every request (keep-alive); wrk counts non-2xx answers.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["User-Agent"] = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) bench"
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.body = file:read("*a")
file:close()
LUA

# start_collector MODE_FLAG… LAKE_ARGS…: starts it on a free port and waits until it answers.
start_collector() {
  port=$(free_port)
  # Every wrk connection comes from 127.0.0.1: lift the per-address cap (256) to the connection count.
  "$BIN" collect --bind 127.0.0.1 --port "$port" --log-level warning --max-connections-per-address "$connections" "$@" \
    >"$work/collector.log" 2>&1 &
  collector_pid=$!
  for _ in $(seq 200); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
    sleep 0.05
  done
  echo "bench-collector: the collector did not start" >&2; tail -20 "$work/collector.log" >&2; exit 1
}
stop_collector() { kill -TERM "$collector_pid"; wait "$collector_pid" || true; collector_pid=""; }

# run LABEL MODE PAYLOAD EVENTS_PER_REQUEST DURATION COUNT_COMMAND LAKE_ARGS…: one wrk run against a fresh
# collector writing under a prefix of its own; COUNT_COMMAND PREFIX prints "objects events" stored there.
run_number=0
run() {
  local label=$1 mode=$2 payload=$3 per=$4 duration=$5 count=$6; shift 6
  run_number=$((run_number + 1))
  local prefix="run$run_number/" flags=()
  [ "$mode" = per-event ] && flags=(--per-event-objects)
  start_collector "${flags[@]}" --raw-prefix "$prefix" "$@"
  BODY_FILE="$work/$payload.json" wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 30s --latency \
    -s "$work/post.lua" "http://127.0.0.1:$port/clickstream" >"$work/wrk.out"
  stop_collector
  python3 - "$label" "$mode" "$per" "$($count "$prefix")" "$work/wrk.out" >>"$work/results" <<'PY'
import re, sys
label, mode, per, stored, path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
objects, events = (int(x) for x in stored.split())
text = open(path).read()
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
total = int(re.search(r"(\d+) requests in", text).group(1))
took = re.search(r"requests in ([\d.]+)(ms|s|m)", text)
took = float(took.group(1)) * {"ms": 0.001, "s": 1.0, "m": 60.0}[took.group(2)]
bad = int((re.search(r"Non-2xx or 3xx responses: (\d+)", text) or [0, 0])[1])
ok = total - bad
lat = dict((p, ms(v, u)) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M))
notes = []
if bad: notes.append(f"{bad} refused")
if "Socket errors" in text: notes.append("socket errors/timeouts")
if ok == 0: notes.append(f"none acknowledged within {took:.0f}s")
print("\t".join(map(str, [label, mode, per, ok / took, ok * per / took, lat.get("50", 0) if ok else 0,
                          lat.get("99", 0) if ok else 0, objects, events / objects if objects else 0, ", ".join(notes)])))
PY
}

report() {
  python3 - "$work/results" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
print(f"{'lake':<8}{'mode':<22}{'payload':<11}{'req/s':>8}{'events/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'objects':>9}{'events/object':>15}")
rates = {}
for label, mode, per, rps, eps, p50, p99, objects, per_object, notes in rows:
    name = "NDJSON.gz batches" if mode == "batched" else "one object per event"
    payload = "1 event" if per == "1" else f"{per} events"
    rates[(label, mode, per)] = float(eps)
    print(f"{label:<8}{name:<22}{payload:<11}{float(rps):>8,.0f}{float(eps):>10,.0f}{float(p50):>9.0f}{float(p99):>9.0f}"
          f"{int(objects):>9,}{float(per_object):>15,.1f}" + (f"  ({notes})" if notes else ""))
for label in dict.fromkeys(r[0] for r in rows):
    parts = []
    for per in dict.fromkeys(r[2] for r in rows if r[0] == label):
        batched, single = rates.get((label, "batched", per)), rates.get((label, "per-event", per))
        what = "1 event" if per == "1" else per + " events"
        if batched and single:
            parts.append(f"{what} per request {batched / single:.1f}x")
        elif batched:
            parts.append(f"{what} per request: one object per event acknowledged nothing")
    print(f"{label:<8}batching vs one object per event, acknowledged events/s: " + "; ".join(parts))
PY
}

# Objects and events under a prefix of the local lake.
local_count() {
  python3 - "$work/lake/$1" <<'PY'
import gzip, os, sys
objects = events = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.startswith("."):
            continue
        data = open(os.path.join(folder, name), "rb").read()
        objects += 1
        events += (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).count(b"\n") + (0 if name.endswith(".gz") else 1)
print(objects, events)
PY
}
mkdir -p "$work/lake"
echo "== collector: durable acknowledgements, wrk -t$threads -c$connections, keep-alive; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$work/results"
for payload in single batch; do
  per=1; [ "$payload" = batch ] && per=50
  for mode in batched per-event; do
    run local "$mode" "$payload" "$per" "$seconds" local_count --lake-dir "$work/lake"
  done
done

if [ "$s3_seconds" != 0 ]; then
  endpoint=${CLICKSTREAM_TEST_S3_ENDPOINT:-}
  if [ -z "$endpoint" ] && command -v moto_server >/dev/null; then
    moto_port=$(free_port)
    moto_server -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 &
    moto_pid=$!
    endpoint="http://127.0.0.1:$moto_port"
    for _ in $(seq 50); do curl -fs -o /dev/null "$endpoint/" && break; sleep 0.2; done
  fi
  if [ -n "$endpoint" ]; then
    bucket="bench-collector-$$"
    use_test_s3 "$endpoint" "$bucket"
    s3_count() {
      python3 - "$endpoint" "$bucket" "$1" <<'PY'
import gzip, sys, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1])
objects = events = 0
for page in s3.get_paginator("list_objects_v2").paginate(Bucket=sys.argv[2], Prefix=sys.argv[3]):
    for item in page.get("Contents", []):
        data = s3.get_object(Bucket=sys.argv[2], Key=item["Key"])["Body"].read()
        objects += 1
        events += gzip.decompress(data).count(b"\n") if data[:2] == b"\x1f\x8b" else 1
print(objects, events)
PY
    }
    for payload in single batch; do
      per=1; [ "$payload" = batch ] && per=50
      for mode in batched per-event; do
        run "s3/moto" "$mode" "$payload" "$per" "$s3_seconds" s3_count --raw-bucket "$bucket"
      done
    done
  fi
fi
report
