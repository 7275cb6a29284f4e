#!/usr/bin/env bash
# Runs the benchmarks of the hot paths five times and summarises them with
# benchstat (fetched from the Go module proxy at a pinned version).
#   scripts/bench.sh                 # writes bench-new.txt and prints the summary
#   scripts/bench.sh old.txt         # compares against an earlier run
set -euo pipefail
cd "$(dirname "$0")/.."
BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
out=bench-new.txt
go test -run '^$' -bench . -benchmem -count "${COUNT:-5}" \
  ./evaluator ./policy ./conditions ./arn ./internal/wildcard | tee "$out"
if [ $# -gt 0 ]; then
  go run "$BENCHSTAT" "$1" "$out"
else
  go run "$BENCHSTAT" "$out"
fi
