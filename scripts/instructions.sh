#!/usr/bin/env bash
# Instructions per decision of one BenchmarkEvaluate scenario, counted by
# callgrind inside (*Set).evaluate: the difference of a 6,000- and a
# 2,000-decision run, divided by 4,000.
#   go test -c -o new.test ./evaluator
#   scripts/instructions.sh ./new.test evaluator B-realistic-allow
# GODEBUG=cpu.rdtscp=off: valgrind does not know RDTSCP, which the runtime
# otherwise uses for its clock.
set -euo pipefail
bin=$(realpath "$1"); dir=$2; scen=$3
out=$(mktemp -d)
cd "$dir"
for n in 2000 6000; do
  GODEBUG=cpu.rdtscp=off,asyncpreemptoff=1 GOGC=off GOMAXPROCS=1 valgrind --tool=callgrind \
    --callgrind-out-file="$out/cg.$n" --toggle-collect='*evaluator.(*Set).evaluate' \
    "$bin" -test.run '^$' -test.bench "^BenchmarkEvaluate\$/^$scen\$" -test.benchtime "${n}x" >/dev/null 2>&1
done
total() { callgrind_annotate "$1" | awk '/PROGRAM TOTALS/{gsub(",","",$1); print $1}'; }
echo "$scen $(( ($(total "$out/cg.6000") - $(total "$out/cg.2000")) / 4000 ))"
rm -rf "$out"
