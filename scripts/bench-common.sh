#!/usr/bin/env bash
# Shared set-up for the bench scripts: a throwaway PostgreSQL, helpers. Sourced, not run.
BIN=${BIN:-.build/release/clickstream}
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
