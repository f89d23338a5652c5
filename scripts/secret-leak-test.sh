#!/usr/bin/env bash
# No password reaches a log line, a page or a JSON body: the real `clickstream migrate`, `etl` and `serve` run
# with a canary password in every malformed DATABASE_URL form we know (libpq's parse errors quote the bad part),
# in DW_PG_PASSWORD against a host that is not there, and as a wrong password against a real server (which
# then refuses it); stderr, stdout, the page, JSON and /metrics must not contain the canary or a half of it.
#   scripts/secret-leak-test.sh     BIN=path (default .build/debug/clickstream)
# PostgreSQL: CLICKSTREAM_TEST_DATABASE_URL (a unix-socket admin URL, as scripts/test-postgres.sh gives); the
# wrong-password case adds a scram-sha-256 line for one role to its pg_hba.conf for the run.
# Quiet: one line on success; what leaked, and where, on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
BIN=${BIN:-.build/debug/clickstream}
[ -x "$BIN" ] || { echo "secret-leak-test: no clickstream binary at $BIN (swift build first, or set BIN)" >&2; exit 1; }
admin=${CLICKSTREAM_TEST_DATABASE_URL:?set CLICKSTREAM_TEST_DATABASE_URL (scripts/test-postgres.sh start DIR)}
socket_dir=$(sed -n 's/.*[?&]host=\([^&]*\).*/\1/p' <<<"$admin")
hba=$socket_dir/data/pg_hba.conf

canary=Sup3rS3cretCanary
halves=(Sup3rS3 cretCanary)
work=$(mktemp -d /tmp/clickstream-leak.XXXXXX)
mkdir -p "$work/lake"
serve_pid=""
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  if [ -f "$work/pg_hba.conf" ]; then cp "$work/pg_hba.conf" "$hba"; psql -X -q "$admin" -c "SELECT pg_reload_conf()" >/dev/null 2>&1 || true; fi
  psql -X -q "$admin" -c "DROP ROLE IF EXISTS leak_test" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

malformed=(
  "postgresql://u:$canary%zz@/db"
  "postgresql://u:$canary%00@/db"
  "postgresql://u:$canary@[::1/db"
  "postgresql://u:$canary@[]/db"
  "postgresql://u:$canary@[::1]x/db"
  "postgresql://u:Sup3rS3@cretCanary@localhost/db"
  "postgres://u:Sup3rS3/cretCanary@localhost/db"
  "postgresql://u:$canary@localhost:5432x/db"
  "postgresql://u:$canary@localhost:99999999999/db"
  "postgresql://u:$canary@localhost/db?sslmode=a=b"
  "postgresql://u:$canary@localhost/db?$canary"
  "postgresql://u:x@localhost/db?$canary=1"
  "postgresql://u:$canary@/db?host=$work/nowhere&sslmode=$canary"
  "host=localhost password=Sup3rS3 cretCanary"
  "host=localhost password='$canary"
  "host=localhost $canary=1"
  "host=$work/nowhere port=$canary password=x"
)

# Runs the three commands with the environment given as NAME=VALUE arguments; output into $work/<case>.*
run_case() {
  local name=$1; shift
  env "$@" timeout 20 "$BIN" migrate >"$work/$name.migrate" 2>&1 || true
  env "$@" timeout 20 "$BIN" etl --lake-dir "$work/lake" >"$work/$name.etl" 2>&1 || true
  local port; port=$(free_port)
  env "$@" "$BIN" serve --no-etl --port "$port" --lake-dir "$work/lake" >"$work/$name.serve" 2>&1 &
  serve_pid=$!
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.1; done
  sleep 1  # a retry or two of the warehouse connection
  for path in /sbw_dashboard /sbw_dashboard/api/v1/summary /sbw_dashboard/api/v1/pipeline /readyz /metrics; do
    curl -s "http://127.0.0.1:$port$path" >>"$work/$name.http" || true
    echo >>"$work/$name.http"
  done
  kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null || true
  serve_pid=""
  grep -q "healthz\|sbw_dashboard\|warehouse" "$work/$name.serve" "$work/$name.http" \
    || { echo "secret-leak-test: $name: serve did not run (see below)" >&2; cat "$work/$name.serve" >&2; exit 1; }
}

cases=0
for index in "${!malformed[@]}"; do
  run_case "url-$index" DATABASE_URL="${malformed[$index]}"
  cases=$((cases + 1))
done
# The original system's variables: the password travels as its own keyword, never in a string.
run_case dw-password -u DATABASE_URL DW_PG_HOST="$work/nowhere" DW_PG_USER=u DW_PG_PASSWORD="$canary"
cases=$((cases + 1))

# A wrong password against a real server that asks for one.
cp "$hba" "$work/pg_hba.conf"
{ echo "local all leak_test scram-sha-256"; cat "$work/pg_hba.conf"; } >"$hba"
psql -X -q -v ON_ERROR_STOP=1 "$admin" -c "CREATE ROLE leak_test LOGIN PASSWORD 'right-password'" -c "SELECT pg_reload_conf()" >/dev/null
run_case wrong-password DATABASE_URL="postgresql://leak_test:$canary@/postgres?host=$socket_dir"
grep -q "password authentication failed" "$work/wrong-password.migrate" \
  || { echo "secret-leak-test: the server did not refuse the wrong password:" >&2; cat "$work/wrong-password.migrate" >&2; exit 1; }
run_case wrong-dw-password -u DATABASE_URL DW_PG_HOST="$socket_dir" DW_PG_USER=leak_test DW_PG_PASSWORD="$canary" DW_PG_DATABASE=postgres
cases=$((cases + 2))

leaks=$(grep -l -e "$canary" -e "${halves[0]}" -e "${halves[1]}" "$work"/*.migrate "$work"/*.etl "$work"/*.serve "$work"/*.http || true)
if [ -n "$leaks" ]; then
  for file in $leaks; do echo "--- $file" >&2; grep -n -e "$canary" -e "${halves[0]}" -e "${halves[1]}" "$file" | head -5 >&2; done
  echo "secret-leak-test: FAILED: the canary password reached the output above" >&2
  exit 1
fi
echo "secret-leak-test: $cases connection settings × migrate, etl, serve (stderr, page, JSON, /metrics): no password in any output"
