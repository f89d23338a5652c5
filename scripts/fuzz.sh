#!/usr/bin/env bash
# libFuzzer targets, each a folder under Fuzz/ with a main.swift that states its invariants:
#   http     the HTTP request parser (Fuzz/HTTPParser: whole and split input must agree)
#   loader   the loader's record path (Fuzz/LoaderRecords: bytes → framer → decoder → binary COPY row)
#
#   scripts/fuzz.sh [target] [seconds]   run for that long (default http, 30 s); one line of output when nothing
#                                        is found, exit status non-zero (and the crashing input's path) when something is
#   scripts/fuzz.sh [target] --merge     fold the inputs found so far, minimized, into the committed seed corpus
# CI (scripts/test.sh) runs `scripts/fuzz.sh http 20` and `scripts/fuzz.sh loader 20`. Longer runs:
# `scripts/fuzz.sh loader 600`, or several workers:
#   .build-fuzz/loader-records-fuzzer -jobs=4 -workers=2 -max_total_time=3600 Fuzz/LoaderRecords/found Fuzz/LoaderRecords/corpus
# Layout under each Fuzz/<Target>/: corpus/ seeds (committed), found/ what libFuzzer discovered (kept across
# runs so each run starts where the last stopped; not committed), crashes/ failing inputs (not committed).
# Replay one: `.build-fuzz/<target>-fuzzer Fuzz/<Target>/crashes/crash-…`; once fixed, copy it into corpus/
# as a regression seed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build-fuzz
target=http
if [[ "${1:-}" =~ ^(http|loader)$ ]]; then target=$1; shift; fi

# Each target compiles its own main.swift with the module sources it exercises into one module: the loader's
# sources import our other modules, so those `import` lines are dropped from copies under $out/<target>-src.
case "$target" in
  http)
    fuzz=Fuzz/HTTPParser; binary=$out/http-parser-fuzzer; max_len=4096; dict=(-dict="$fuzz/http.dict"); zlib=()
    sources=()
    for name in ChunkedBodyDecoder HTTPCharacters HTTPHeaders HTTPMethod HTTPParseError HTTPQuery HTTPRequestHead \
                HTTPRequestParser HTTPStatus HTTPVersion RequestTarget StringProtocol+HTTP; do
      sources+=("Sources/HTTP/$name.swift")
    done
    sources+=(Sources/PercentEncoding/PercentDecoding.swift)
    ;;
  loader)
    # When #16 moves the JSON parsers into the JSON module, list its files here instead of Pipeline's.
    fuzz=Fuzz/LoaderRecords; binary=$out/loader-records-fuzzer; max_len=65536; dict=()
    zlib=(-I Sources/CZlib -lz -I Sources/CMaxMindDB -lmaxminddb)
    sources=(Sources/Money/*.swift Sources/JSON/*.swift Sources/CivilCalendar/*.swift Sources/Gzip/*.swift
             Sources/PercentEncoding/*.swift Sources/GeoIP/*.swift Sources/Enrichment/*.swift
             Sources/Lake/RawStore.swift Sources/Lake/LakeUpload.swift Sources/Postgres/PostgresCopyWriter.swift Sources/Postgres/PostgresError.swift)
    for name in RecordFramer ObjectDecoder EventDecoder DecodedObject FieldReader FieldReader+Identity FieldKey JSONTape \
                JSONParser JSONValue JSONWriter MemberMask SBWDialect KinesisDialect CaseStudyDialect CanonicalEvent \
                EventTimestamp EventTimestamp+Parsing RejectReason UTF8Validator UUIDKey UUIDText UUIDv5 SchemaDrift \
                CanonicalEvent+Enrichment EnrichmentSettings FieldReader+ClientAddress; do
      sources+=("Sources/Pipeline/$name.swift")
    done
    ;;
esac
mkdir -p "$out" "$fuzz/found" "$fuzz/crashes"
files=("$fuzz"/*.swift "${sources[@]}")
if [ ! -x "$binary" ] || [ -n "$(find "${files[@]}" scripts/fuzz.sh -newer "$binary" 2>/dev/null)" ]; then
  src=$out/$target-src
  rm -rf "$src" && mkdir -p "$src"
  compiled=("$fuzz"/*.swift)
  for file in "${sources[@]}"; do
    copy=$src/$(basename "$(dirname "$file")")-$(basename "$file")
    sed -E '/^import (CivilCalendar|Crypto|Enrichment|GeoIP|Gzip|JSON|Lake|Money|PercentEncoding|Postgres)$/d' "$file" >"$copy"
    compiled+=("$copy")
  done
  # ld.gold warns about every ASan helper symbol; the log is shown only if the build fails.
  swiftc -swift-version 6 -parse-as-library -O -g -sanitize=fuzzer,address -module-name "${target^}Fuzz" \
    "${zlib[@]}" "${compiled[@]}" -o "$binary" >"$out/$target-build.log" 2>&1 || {
    grep -v "Cannot export local symbol" "$out/$target-build.log" >&2
    echo "fuzz: cannot build $binary" >&2
    exit 1
  }
fi

if [ "${1:-}" = "--merge" ]; then
  SWIFT_BACKTRACE=enable=no "$binary" -merge=1 -max_len=$max_len "$fuzz/corpus" "$fuzz/found" >"$out/$target-merge.log" 2>&1 || {
    tail -20 "$out/$target-merge.log" >&2; exit 1; }
  echo "fuzz: $(ls "$fuzz/corpus" | wc -l) seeds in $fuzz/corpus after merging $fuzz/found"
  exit 0
fi

seconds=${1:-30}
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [http|loader] [seconds] | [http|loader] --merge" >&2; exit 2; }
# New inputs go to the first folder (found/); the seeds are only read. Swift's own crash backtracer is off
# so libFuzzer's handler saves the input and exits at once.
log=$out/$target-fuzz.log
status=0
SWIFT_BACKTRACE=enable=no "$binary" -max_total_time="$seconds" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 \
  "${dict[@]}" -print_final_stats=1 -artifact_prefix="$fuzz/crashes/" \
  "$fuzz/found" "$fuzz/corpus" >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  grep -E "ERROR|SUMMARY|Fatal error|precondition|Test unit written|^MS:" "$log" | tail -15 >&2 || tail -40 "$log" >&2
  echo "fuzz: FAILED (libFuzzer exit $status); full log $log, input in $fuzz/crashes/" >&2
  exit "$status"
fi
stat() { sed -n "s/^stat::$1: *//p" "$log"; }
echo "fuzz: $target ${seconds}s, $(stat number_of_executed_units) inputs, $(stat new_units_added) new, $(ls "$fuzz/found" | wc -l) found + $(ls "$fuzz/corpus" | wc -l) seeds, no crash"
