#!/usr/bin/env bash
# Installs what clickstream needs to build, test and run, when it is missing (Debian/Ubuntu).
# Idempotent: a second run installs nothing.
set -euo pipefail

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
# libmaxminddb-dev: the geography lookups; tor-geoipdb + libmaxmind-db-writer-perl: the country database built below.
# libsnappy-dev, libzstd-dev: the Parquet export's codecs.
for pkg in libpq-dev zlib1g-dev libsnappy-dev libzstd-dev postgresql pkg-config curl libmaxminddb-dev tor-geoipdb \
    libmaxmind-db-writer-perl ${EXTRA_PACKAGES:-}; do
  have_pkg "$pkg" || need+=("$pkg")
done

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # Debian's postgresql package starts a cluster of its own; ours are private, so leave it stopped.
  if printf '%s\n' "${need[@]}" | grep -qx postgresql; then
    $SUDO service postgresql stop >/dev/null 2>&1 || true
  fi
fi

# moto_server: the S3-compatible server the tests run against.
if ! command -v moto_server >/dev/null 2>&1; then
  echo "setup: installing moto[server] from PyPI" >&2
  python3 -m pip install -q "moto[server]" >/dev/null
fi

# Real Parquet readers for the export check (scripts/export-check.sh) and psycopg2 for its warehouse side.
if ! python3 -c 'import duckdb, pyarrow, psycopg2' >/dev/null 2>&1; then
  echo "setup: installing duckdb, pyarrow and psycopg2-binary from PyPI" >&2
  python3 -m pip install -q duckdb pyarrow psycopg2-binary >/dev/null
fi

# ua-parser-builtins: uap-core's user-agent rules, which scripts/data-files.sh turns into Data/uap-core-regexes.json.
if ! python3 -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("ua_parser_builtins") is None)' 2>/dev/null; then
  echo "setup: installing ua-parser-builtins from PyPI" >&2
  python3 -m pip install -q ua-parser-builtins >/dev/null
fi

# The data files the binary loads (fast when they are current).
"$(dirname "$0")/data-files.sh"

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: the Swift toolchain (6.0 or later) is not on PATH; install it from swift.org and retry" >&2
  exit 1
fi
