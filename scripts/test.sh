#!/usr/bin/env bash
# The whole suite against a real PostgreSQL that this script starts and stops itself.
set -euo pipefail
cd "$(dirname "$0")/.."

pgdir=$(mktemp -d /tmp/clickstream-test-pg.XXXXXX)
cleanup() { scripts/test-postgres.sh stop "$pgdir"; rm -rf "$pgdir"; }
trap cleanup EXIT
eval "$(scripts/test-postgres.sh start "$pgdir")"

swift build --build-tests "$@"
swift test --skip-build "$@"
