#!/usr/bin/env bash
# End to end: events posted to `clickstream collect` (every body shape the tracker uses, plus refused ones) →
# `clickstream etl` → the dashboard's JSON API (`summary`, `event-names`) counts exactly the acknowledged events.
#   scripts/e2e-collector.sh     BIN=path (default .build/debug/clickstream, else the release build)
# PostgreSQL: CLICKSTREAM_TEST_DATABASE_URL or DATABASE_URL as an admin URL (default: the dev server in
# /tmp/cs-dev-pg); a fresh database is created for the run and dropped afterwards. The lake is a temp folder.
# Quiet: one line on success; the differences and logs on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
BIN=${BIN:-}
if [ -z "$BIN" ]; then
  for candidate in .build/debug/clickstream .build/release/clickstream; do
    [ -x "$candidate" ] && BIN=$candidate && break
  done
fi
[ -n "$BIN" ] && [ -x "$BIN" ] || { echo "e2e-collector: no clickstream binary (swift build first, or set BIN)" >&2; exit 1; }
admin=${CLICKSTREAM_TEST_DATABASE_URL:-${DATABASE_URL:-postgresql:///postgres?host=/tmp/cs-dev-pg&user=postgres}}

work=$(mktemp -d /tmp/clickstream-e2e.XXXXXX)
collector_pid=""; serve_pid=""; database="e2e_collector_$$"
cleanup() {
  [ -n "$collector_pid" ] && kill "$collector_pid" 2>/dev/null && wait "$collector_pid" 2>/dev/null || true
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "e2e-collector: $*" >&2; for log in "$work"/*.log; do echo "--- $log" >&2; tail -15 "$log" >&2; done; exit 1; }
wait_http() { # URL PID
  for _ in $(seq 300); do
    curl -fs -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

psql -X -q -v ON_ERROR_STOP=1 "$admin" -c "CREATE DATABASE $database" >/dev/null || fail "cannot create a database with $admin"
export DATABASE_URL
DATABASE_URL=$(python3 -c 'import re, sys; print(re.sub(r"^(postgres(?:ql)?://[^/?]*)(/[^?]*)?", lambda m: m.group(1) + "/" + sys.argv[2], sys.argv[1], count=1))' "$admin" "$database")
mkdir -p "$work/lake"

# 1. Collect.
port=$(free_port)
"$BIN" collect --bind 127.0.0.1 --port "$port" --lake-dir "$work/lake" >"$work/collect.log" 2>&1 &
collector_pid=$!
wait_http "http://127.0.0.1:$port/healthz" "$collector_pid" || fail "the collector did not start"
python3 - "http://127.0.0.1:$port/clickstream" "$work/expected.json" <<'PY' || fail "posting events failed"
import collections, http.client, json, random, sys, urllib.parse, uuid
url = urllib.parse.urlsplit(sys.argv[1])
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
rng = random.Random(7)
accepted = []

def event(name, **extra):
    body = {"eventName": name, "eventId": str(uuid.uuid4()), "clientId": f"c{rng.randrange(12)}",
            "sessionId": f"s{rng.randrange(20)}", "pageUrl": "https://shop.example.vn/"}
    if name == "checkout_complete":
        body["orderTotal"] = rng.randrange(1, 50) * 10000
    body.update(extra)
    return body

def post(events, body, content_type, expect):
    connection.request("POST", url.path, body.encode(), {"Content-Type": content_type, "Origin": "https://shop.example.vn"})
    response = connection.getresponse()
    answer = json.loads(response.read())
    if response.status != expect:
        sys.exit(f"expected {expect}, got {response.status} {answer} for {content_type} {body[:80]}")
    if expect == 200:
        accepted.extend(events)

names = ["page_view"] * 5 + ["product_view"] * 4 + ["add_to_cart_click"] * 2 + ["checkout_complete", "search"]
one = event("page_view")
post([one], json.dumps(one), "application/json", 200)                                         # fetch, one event
batch = [event(rng.choice(names)) for _ in range(25)]
post(batch, json.dumps(batch), "application/json", 200)                                       # a JSON array
lines = [event(rng.choice(names)) for _ in range(40)] + [event("checkout_complete"), event("add_to_cart_click"), event("search")]
post(lines, "\n".join(json.dumps(e) for e in lines) + "\n", "application/x-ndjson", 200)      # NDJSON
beacon = event("page_view", _ingest={"receivedAt": "2001-01-01T00:00:00Z", "sourceIp": "6.6.6.6"})
post([beacon], json.dumps(beacon), "text/plain;charset=UTF-8", 200)                          # sendBeacon, forged _ingest
post([], json.dumps([event("page_view"), {"clientId": "no-name"}]), "application/json", 400)  # refused whole
post([], "{not json", "application/json", 400)
post([], json.dumps(event("page_view")), "application/xml", 400)

json.dump({
    "events": len(accepted),
    "names": collections.Counter(e["eventName"] for e in accepted),
    "clients": len({e["clientId"] for e in accepted}),
    "sessions": len({e["sessionId"] for e in accepted}),
    "revenue": sum(e.get("orderTotal", 0) for e in accepted if e["eventName"] == "checkout_complete"),
}, open(sys.argv[2], "w"))
PY
kill -TERM "$collector_pid"; wait "$collector_pid" || fail "the collector did not exit 0 on SIGTERM"; collector_pid=""

# 2. ETL.
"$BIN" etl --lake-dir "$work/lake" >"$work/etl.out" 2>"$work/etl.log" || fail "clickstream etl failed"

# 3. The dashboard's JSON.
port=$(free_port)
"$BIN" serve --no-etl --port "$port" --lake-dir "$work/lake" >"$work/serve.log" 2>&1 &
serve_pid=$!
api="http://127.0.0.1:$port/sbw_dashboard/api/v1"
wait_http "$api/summary" "$serve_pid" || fail "the dashboard did not start"
range=$(python3 -c 'import datetime as d; t = d.datetime.now(d.timezone.utc).date(); print(f"from={t - d.timedelta(days=1)}&to={t}&tz=UTC")')
curl -fs "$api/summary?$range" >"$work/summary.json" || fail "GET summary failed"
curl -fs "$api/event-names?$range" >"$work/event-names.json" || fail "GET event-names failed"
python3 - "$work/expected.json" "$work/summary.json" "$work/event-names.json" <<'PY' || fail "the dashboard does not count what was acknowledged"
import json, sys
expected = json.load(open(sys.argv[1]))
summary = json.load(open(sys.argv[2]))["data"]
names = json.load(open(sys.argv[3]))["data"]
summary = summary.get("summary", summary)
items = names.get("items", names) if isinstance(names, dict) else names
got = {
    "events": summary["events"]["current"],
    "clients": summary["unique_clients"]["current"],
    "sessions": summary["sessions"]["current"],
    "revenue": float(summary["revenue"]["current"]),
    "names": {item["label"]: item["count"] for item in items},
}
want = dict(expected, revenue=float(expected["revenue"]))
problems = [f"{key}: dashboard {got[key]!r}, acknowledged {want[key]!r}" for key in want if got[key] != want[key]]
if problems:
    sys.exit("\n".join(problems))
print(f"e2e-collector: {want['events']} acknowledged events ({len(want['names'])} names, {want['clients']} clients,"
      f" {want['sessions']} sessions, revenue {want['revenue']:.0f}) → lake → clickstream etl → dashboard JSON: exact;"
      " refused requests stored nothing")
PY
