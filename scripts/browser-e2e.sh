#!/usr/bin/env bash
# The page as a browser sees it: a demo lake → `clickstream etl` → `clickstream serve` → headless Chromium
# (scripts/browser-check.sh: no console errors, every chart drawn). Screenshot to SCREENSHOT (default: a temp file;
# `SCREENSHOT=docs/dashboard.png` refreshes the README's picture).
# PostgreSQL: CLICKSTREAM_TEST_DATABASE_URL (admin URL); a fresh database is created and dropped.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
BIN=${BIN:-.build/debug/clickstream}
EVENTS=${BROWSER_EVENTS:-20000}
admin=${CLICKSTREAM_TEST_DATABASE_URL:?set CLICKSTREAM_TEST_DATABASE_URL to an admin URL}
work=$(mktemp -d /tmp/clickstream-browser.XXXXXX)
database="browser_e2e_$$"
serve_pid=""
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -X -q "$admin" -c "CREATE DATABASE $database" >/dev/null
export DATABASE_URL=$(python3 -c 'import re,sys; print(re.sub(r"^(postgres(?:ql)?://[^/?]*)(/[^?]*)?", lambda m: m.group(1) + "/" + sys.argv[2], sys.argv[1], count=1))' "$admin" "$database")
port=$(free_port)
"$BIN" generate --lake-dir "$work/lake" --events "$EVENTS" --days 30 --seed 5 --log-level warning >/dev/null
"$BIN" etl --lake-dir "$work/lake" --log-level warning >/dev/null
"$BIN" serve --no-etl --lake-dir "$work/lake" --port "$port" --timezone Asia/Ho_Chi_Minh --log-level warning >"$work/serve.log" 2>&1 &
serve_pid=$!
# Ready when the index is built.
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/metrics" 2>/dev/null | grep -q '^clickstream_metrics_index_ready 1' && break
  sleep 0.5
done
scripts/browser-check.sh "http://127.0.0.1:$port/sbw_dashboard" "${SCREENSHOT:-$work/dashboard.png}" \
  || { echo "--- serve log" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
