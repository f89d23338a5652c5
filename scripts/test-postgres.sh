#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the test suite: `eval "$(scripts/test-postgres.sh start DIR)"`
# prints the export of CLICKSTREAM_TEST_DATABASE_URL; `scripts/test-postgres.sh stop DIR` stops it.
# Unix socket only, fsync off (test data is disposable), run as `postgres` when we are root.
set -euo pipefail

action=${1:?usage: test-postgres.sh start|stop DIR}
dir=${2:?usage: test-postgres.sh start|stop DIR}

bindir=${PG_BIN:-}
if [ -z "$bindir" ]; then
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -Vr) "$(dirname "$(command -v initdb 2>/dev/null || echo /usr/bin/initdb)")"; do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir=$candidate; break; fi
  done
fi
[ -n "$bindir" ] || { echo "test-postgres: initdb/pg_ctl not found (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
      cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
    fi
    (cd / && as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >/dev/null) \
      || { cat "$dir/postgres.log" >&2; exit 1; }
    echo "export CLICKSTREAM_TEST_DATABASE_URL='postgresql:///postgres?host=$dir&user=postgres'"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] && (cd / && as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null) || true
    ;;
  *) echo "usage: test-postgres.sh start|stop DIR" >&2; exit 2 ;;
esac
