#!/usr/bin/env bash
# libFuzzer over the HTTP request parser (Fuzz/HTTPParser/main.swift: whole and split input must agree).
#   scripts/fuzz.sh [seconds]   run for that long (default 30); one line of output when nothing is found,
#                               exit status non-zero (and the crashing input's path) when something is
#   scripts/fuzz.sh --merge     fold the inputs found so far, minimized, into the committed seed corpus
# CI (scripts/test.sh) runs `scripts/fuzz.sh 20`. Longer runs: `scripts/fuzz.sh 3600`, or several workers:
#   .build-fuzz/http-parser-fuzzer -jobs=4 -workers=2 -max_total_time=3600 -dict=Fuzz/HTTPParser/http.dict \
#     Fuzz/HTTPParser/found Fuzz/HTTPParser/corpus
# Layout under Fuzz/HTTPParser/: corpus/ seeds (committed), found/ what libFuzzer discovered (kept across
# runs so each run starts where the last stopped; not committed), crashes/ failing inputs (not committed).
# Replay one: `.build-fuzz/http-parser-fuzzer Fuzz/HTTPParser/crashes/crash-…`; once fixed, copy it into
# corpus/ as a regression seed.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz=Fuzz/HTTPParser
out=.build-fuzz
binary=$out/http-parser-fuzzer
mkdir -p "$out" "$fuzz/found" "$fuzz/crashes"

# The parser and the value types it builds; none of them imports anything, so they compile on their own.
sources=(
  ChunkedBodyDecoder HTTPCharacters HTTPHeaders HTTPMethod HTTPParseError HTTPQuery HTTPRequestHead
  HTTPRequestParser HTTPStatus HTTPVersion PercentDecoding RequestTarget StringProtocol+HTTP
)
files=("$fuzz/main.swift")
for name in "${sources[@]}"; do files+=("Sources/HTTP/$name.swift"); done
if [ ! -x "$binary" ] || [ -n "$(find "${files[@]}" scripts/fuzz.sh -newer "$binary" 2>/dev/null)" ]; then
  # ld.gold warns about every ASan helper symbol; the log is shown only if the build fails.
  swiftc -swift-version 6 -parse-as-library -O -g -sanitize=fuzzer,address -module-name HTTPParserFuzz \
    "${files[@]}" -o "$binary" >"$out/build.log" 2>&1 || {
    grep -v "Cannot export local symbol" "$out/build.log" >&2
    echo "fuzz: cannot build $binary" >&2
    exit 1
  }
fi

if [ "${1:-}" = "--merge" ]; then
  SWIFT_BACKTRACE=enable=no "$binary" -merge=1 -max_len=4096 "$fuzz/corpus" "$fuzz/found" >"$out/merge.log" 2>&1 || {
    tail -20 "$out/merge.log" >&2; exit 1; }
  echo "fuzz: $(ls "$fuzz/corpus" | wc -l) seeds in $fuzz/corpus after merging $fuzz/found"
  exit 0
fi

seconds=${1:-30}
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [seconds] | --merge" >&2; exit 2; }
# New inputs go to the first folder (found/); the seeds are only read. Swift's own crash backtracer is off
# so libFuzzer's handler saves the input and exits at once.
status=0
SWIFT_BACKTRACE=enable=no "$binary" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -dict="$fuzz/http.dict" -print_final_stats=1 -artifact_prefix="$fuzz/crashes/" \
  "$fuzz/found" "$fuzz/corpus" >"$out/fuzz.log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  grep -E "ERROR|SUMMARY|Fatal error|precondition|Test unit written|^MS:" "$out/fuzz.log" | tail -15 >&2 || tail -40 "$out/fuzz.log" >&2
  echo "fuzz: FAILED (libFuzzer exit $status); full log $out/fuzz.log, input in $fuzz/crashes/" >&2
  exit "$status"
fi
stat() { sed -n "s/^stat::$1: *//p" "$out/fuzz.log"; }
echo "fuzz: HTTP parser ${seconds}s, $(stat number_of_executed_units) inputs, $(stat new_units_added) new, $(ls "$fuzz/found" | wc -l) found + $(ls "$fuzz/corpus" | wc -l) seeds, no crash"
