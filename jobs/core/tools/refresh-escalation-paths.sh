#!/usr/bin/env bash
# Regenerates src/main/resources/findings/escalation/pathfinding-paths.{json,properties} from DataDog/pathfinding.cloud
# (Apache-2.0, with NOTICE) at a pinned commit. Run by hand when refreshing the escalation data; never at build time.
# usage: jobs/core/tools/refresh-escalation-paths.sh [GIT_DIR_OR_URL] [COMMIT]
#   GIT_DIR_OR_URL  a clone (or bare mirror) of the repository; default: clone it from GitHub
#   COMMIT          default: the pinned commit below
set -euo pipefail

PINNED_COMMIT=84dd65c97fc21dee54f4587be6dfd5b7b5fe320c
SOURCE=${1:-https://github.com/DataDog/pathfinding.cloud.git}
COMMIT=${2:-$PINNED_COMMIT}

CORE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$CORE_DIR/../.." && pwd)
OUT_DIR="$CORE_DIR/src/main/resources/findings/escalation"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [ -d "$SOURCE" ]; then GIT_DIR="$SOURCE"; else git clone --quiet --bare "$SOURCE" "$TMP/src.git"; GIT_DIR="$TMP/src.git"; fi
mkdir "$TMP/checkout"
git --git-dir="$GIT_DIR" archive "$COMMIT" data/paths LICENSE NOTICE | tar -x -C "$TMP/checkout"
DATE=$(git --git-dir="$GIT_DIR" show -s --format=%cI "$COMMIT")
FULL=$(git --git-dir="$GIT_DIR" rev-parse "$COMMIT")

(cd "$REPO_DIR" && mvn -B -q ${MVN_OFFLINE--o} -pl jobs/core compile)
(cd "$REPO_DIR" && mvn -B -q ${MVN_OFFLINE--o} -pl jobs/core dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$TMP/classpath.txt")
CP="$CORE_DIR/target/classes:$(cat "$TMP/classpath.txt")"
java -cp "$CP" io.trailtailor.findings.escalation.refresh.EscalationPathsRefresh "$TMP/checkout" "$FULL" "$DATE" "$OUT_DIR"
echo "Wrote $OUT_DIR/pathfinding-paths.json; commit it together with pathfinding-paths.properties."
