#!/usr/bin/env bash
# Generates the data files clickstream loads from Data/ (see Data/README.md), when missing or older than
# their sources: a second run does nothing and takes well under a second.
#   Data/uap-core-regexes.json  uap-core's user-agent rules, from the PyPI package ua-parser-builtins
#   Data/geoip-country.mmdb     a country database from Debian's tor-geoipdb ranges (MaxMind DB format)
set -euo pipefail
cd "$(dirname "$0")/.."
data=Data

# A file is current when it exists and is newer than every source named after it.
current() {
  local target=$1; shift
  [ -s "$target" ] || return 1
  for source in "$@"; do [ "$source" -nt "$target" ] && return 1; done
  return 0
}

rules_source=$(python3 -c 'import importlib.util, pathlib; spec = importlib.util.find_spec("ua_parser_builtins"); print(pathlib.Path(list(spec.submodule_search_locations)[0]) / "matchers.py")' 2>/dev/null || true)
if [ -z "$rules_source" ] || [ ! -f "$rules_source" ]; then
  echo "data-files: ua-parser-builtins is not installed (python3 -m pip install ua-parser-builtins)" >&2
  exit 1
fi
if ! current "$data/uap-core-regexes.json" "$rules_source" scripts/uap-rules.py; then
  revision=$(python3 scripts/uap-rules.py "$data/uap-core-regexes.json")
  touch "$data/uap-core-regexes.json"
  echo "data-files: wrote $data/uap-core-regexes.json (uap-core $revision)" >&2
fi

geoip4=/usr/share/tor/geoip geoip6=/usr/share/tor/geoip6
if [ -f "$geoip4" ] && [ -f "$geoip6" ]; then
  if ! current "$data/geoip-country.mmdb" "$geoip4" "$geoip6" scripts/geoip-country.pl; then
    perl scripts/geoip-country.pl "$geoip4" "$geoip6" "$data/geoip-country.mmdb"
    echo "data-files: wrote $data/geoip-country.mmdb (from tor-geoipdb)" >&2
  fi
else
  echo "data-files: tor-geoipdb is not installed; no country database (geography stays off unless GEOIP_DB names one)" >&2
fi
