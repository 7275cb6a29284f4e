#!/usr/bin/env bash
# Runs every fuzz target of the module for the given time each (default 5s).
#   scripts/fuzz.sh 10m            # every target, ten minutes each
#   scripts/fuzz.sh 30s ./policy   # the targets of one package
# New crashers are written by `go test` under the package's testdata/fuzz/
# and then run as regression tests by a plain `go test`.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-5s}
shift || true
pkgs=("$@")
if [ ${#pkgs[@]} -eq 0 ]; then
  mapfile -t pkgs < <(go list ./...)
fi
status=0
for pkg in "${pkgs[@]}"; do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u || true)
  for t in $targets; do
    echo "fuzz: $pkg $t for $fuzztime"
    if ! go test "$pkg" -run '^$' -fuzz "^${t}\$" -fuzztime "$fuzztime"; then
      status=1
    fi
  done
done
exit $status
