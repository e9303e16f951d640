#!/usr/bin/env bash
# Runs the benchmark sets behind docs/benchmarks.md and writes JMH's JSON and text output to
# benchmarks/results/. Build the jar first:
#   mvn -B -ntp -pl benchmarks -am package -DskipTests
# Pass set names (verification-avgt, verification-thrpt-1, verification-thrpt-2,
# parsing-breakdown, idempotency-1, idempotency-2, inmemory-idempotency-1) to run only those
# sets. inmemory-idempotency-1 is not in the default list: idempotency-1 covers the same benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/results
# Shared JMH settings of every recorded set: 1 fork, 4 warm-up and 6 measured iterations of 2 s.
SETTINGS=(-f 1 -wi 4 -w 2s -i 6 -r 2s)

run() {
  local name=$1
  shift
  echo "== $name: java -jar $JAR $* ${SETTINGS[*]}"
  java -jar "$JAR" "$@" "${SETTINGS[@]}" -rf json -rff "$OUT/$name.json" | tee "$OUT/$name.txt"
}

mkdir -p "$OUT"
sets=("${@:-verification-avgt verification-thrpt-1 verification-thrpt-2 parsing-breakdown idempotency-1 idempotency-2}")
for set in ${sets[*]}; do
  case "$set" in
    verification-avgt) run "$set" VerificationBenchmark -bm avgt -tu us -t 1 -prof gc ;;
    verification-thrpt-1) run "$set" VerificationBenchmark -bm thrpt -tu ms -t 1 ;;
    verification-thrpt-2) run "$set" VerificationBenchmark -bm thrpt -tu ms -t 2 ;;
    parsing-breakdown) run "$set" ParsingBreakdownBenchmark -bm avgt -tu us -t 1 -prof gc ;;
    idempotency-1) run "$set" 'IdempotencyBenchmark' -bm avgt -tu us -t 1 -prof gc ;;
    idempotency-2) run "$set" 'IdempotencyBenchmark' -bm thrpt -tu ms -t 2 ;;
    inmemory-idempotency-1) run "$set" InMemoryIdempotencyBenchmark -bm avgt -tu us -t 1 -prof gc ;;
    *) echo "Unknown set '$set'; expected one of: verification-avgt verification-thrpt-1 verification-thrpt-2 parsing-breakdown idempotency-1 idempotency-2 inmemory-idempotency-1" >&2; exit 2 ;;
  esac
done
