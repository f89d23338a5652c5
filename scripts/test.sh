#!/usr/bin/env bash
# The whole suite against a real PostgreSQL that this script starts and stops itself.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

pgdir=$(mktemp -d /tmp/clickstream-test-pg.XXXXXX)
moto_pid=""
cleanup() {
  [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null || true
  scripts/test-postgres.sh stop "$pgdir"
  rm -rf "$pgdir"
}
trap cleanup EXIT
eval "$(scripts/test-postgres.sh start "$pgdir")"

# A real S3-compatible server on loopback for the S3 lake tests.
moto_port=$(free_port)
moto_server -H 127.0.0.1 -p "$moto_port" >"$pgdir/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$moto_port/" && break; sleep 0.2; done
export CLICKSTREAM_TEST_S3_ENDPOINT="http://127.0.0.1:$moto_port"

swift build --build-tests "$@"
# Serial: the socket tests measure timeouts, which parallel tests on 2 cores would starve.
swift test --skip-build --no-parallel "$@"

# Whole-program checks with the built binary, each quiet on success.
export BIN="$(swift build --show-bin-path "$@")/clickstream"
scripts/e2e-collector.sh          # collector → lake → etl → dashboard JSON counts the acknowledged events
scripts/collector-kill-test.sh    # SIGKILLed collector: every acknowledged event is in the lake and loads once
scripts/secret-leak-test.sh       # a canary password in malformed DATABASE_URLs never reaches logs, pages or JSON
scripts/browser-e2e.sh            # headless Chromium: the page draws every chart, no console errors
scripts/fuzz.sh http 20           # libFuzzer over the HTTP request parser
scripts/fuzz.sh loader 20         # libFuzzer over the loader's record path: bytes → framer → decoder → COPY row
