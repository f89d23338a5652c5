#!/usr/bin/env bash
# Builds the libFuzzer target for the HTTP request parser and runs it.
#   scripts/fuzz.sh [seconds]      default 30; exits non-zero if libFuzzer finds a crash, leak or timeout
# Longer runs: `scripts/fuzz.sh 3600`, or run the binary yourself with more workers, e.g.
#   .build-fuzz/http-parser-fuzzer -jobs=4 -workers=2 -max_total_time=3600 .build-fuzz/corpus Fuzz/HTTPParser/corpus
# New inputs go to .build-fuzz/corpus (not committed); a crash is written to .build-fuzz/crash-*,
# and `.build-fuzz/http-parser-fuzzer .build-fuzz/crash-…` replays it. Copy interesting inputs into corpus/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
out=.build-fuzz
mkdir -p "$out/corpus"
# The parser and the value types it builds; none of them imports anything, so they compile on their own.
sources=(
  ChunkedBodyDecoder HTTPCharacters HTTPHeaders HTTPMethod HTTPParseError HTTPQuery HTTPRequestHead
  HTTPRequestParser HTTPStatus HTTPVersion PercentDecoding RequestTarget StringProtocol+HTTP
)
files=(Fuzz/HTTPParser/main.swift)
for name in "${sources[@]}"; do files+=("Sources/HTTP/$name.swift"); done
binary=$out/http-parser-fuzzer
if [ ! -x "$binary" ] || [ -n "$(find "${files[@]}" scripts/fuzz.sh -newer "$binary" 2>/dev/null)" ]; then
  echo "fuzz: building $binary"
  # ld.gold warns about every ASan helper symbol; the log is shown only if the build fails.
  swiftc -swift-version 6 -parse-as-library -O -g -sanitize=fuzzer,address -module-name HTTPParserFuzz \
    "${files[@]}" -o "$binary" >"$out/build.log" 2>&1 || { grep -v "Cannot export local symbol" "$out/build.log" >&2; exit 1; }
fi
echo "fuzz: running for ${seconds}s"
# Swift's own crash backtracer is turned off so libFuzzer's handler saves the input and exits at once.
SWIFT_BACKTRACE=enable=no "$binary" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$out/" "$out/corpus" Fuzz/HTTPParser/corpus >"$out/fuzz.log" 2>&1 || {
  status=$?
  tail -40 "$out/fuzz.log" >&2
  echo "fuzz: FAILED (libFuzzer exit $status); artifacts in $out/" >&2
  exit "$status"
}
grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$out/fuzz.log" | sed 's/^/fuzz: /'
echo "fuzz: no crash in ${seconds}s"
