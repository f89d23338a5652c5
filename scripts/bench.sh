#!/usr/bin/env bash
# All benchmarks, each figure printed next to its baseline from the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .build/release/clickstream ] || swift build -c release
echo "== clickstream bench: $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
for part in etl dashboard http collector export; do
  [ -x "scripts/bench-$part.sh" ] || continue
  echo
  "scripts/bench-$part.sh"
done
