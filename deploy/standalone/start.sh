#!/usr/bin/env bash
# Starts a Flink 1.20 session cluster on this host: one JobManager and $TASKMANAGERS TaskManagers, each its own JVM,
# from the Flink jars Maven resolves for ../pom.xml (no Flink distribution is downloaded). Prints the REST address
# once every TaskManager has registered. stop.sh stops exactly the processes this script started (pid files).
#
# Environment (all optional):
#   TASKMANAGERS               number of TaskManagers (default 2)
#   RUN_DIR                    pid files, logs, classpath, plugins (default: run/ beside this script)
#   FLINK_CONF_DIR             directory with config.yaml and log4j.properties (default: this script's directory)
#   FLINK_DYNAMIC_PROPERTIES   "-Dkey=value ..." applied on top of config.yaml, e.g. "-Drest.port=18081"
#   S3_PLUGIN                  true (default) puts flink-s3-fs-hadoop into plugins/ for s3:// checkpoints
#   MVN_ARGS                   extra Maven arguments, e.g. "-o" to stay offline
#   JAVA_HOME                  the Java 17 to run (default: java on the PATH)
#   START_TIMEOUT              seconds to wait for the TaskManagers (default 120)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEPLOY="$(dirname "$HERE")"
TASKMANAGERS="${TASKMANAGERS:-2}"
RUN_DIR="${RUN_DIR:-$HERE/run}"
CONF_DIR="${FLINK_CONF_DIR:-$HERE}"
S3_PLUGIN="${S3_PLUGIN:-true}"
START_TIMEOUT="${START_TIMEOUT:-120}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# two glibc malloc arenas, not one per allocating thread: the resident size stays near heap + managed memory
# (Flink's own image uses jemalloc for the same reason)
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
read -r -a DYNAMIC <<< "${FLINK_DYNAMIC_PROPERTIES:-}"
read -r -a MVN_EXTRA <<< "${MVN_ARGS:-}"

die() { echo "start.sh: $*" >&2; exit 1; }

[[ "$TASKMANAGERS" =~ ^[1-9][0-9]*$ ]] || die "TASKMANAGERS must be a positive number, not '$TASKMANAGERS'"
[[ -f "$CONF_DIR/config.yaml" ]] || die "no config.yaml in $CONF_DIR"
mkdir -p "$RUN_DIR/logs" "$RUN_DIR/plugins"
RUN_DIR="$(cd "$RUN_DIR" && pwd)"
# Every process carries this marker, so stop.sh never signals a process it did not start (pids get reused).
MARKER="-Dtrailtailor.standalone=$RUN_DIR"

shopt -s nullglob
for f in "$RUN_DIR"/*.pid; do
  if kill -0 "$(cat "$f")" 2>/dev/null; then
    die "a cluster from $RUN_DIR is still running ($(basename "$f")); run stop.sh first"
  fi
  rm -f "$f"
done

# The cluster's classpath (flink-runtime, flink-clients, Hadoop, log4j) from Maven, cached until the pom changes.
goals=()
if [[ ! -s "$RUN_DIR/classpath.txt" || "$DEPLOY/pom.xml" -nt "$RUN_DIR/classpath.txt" ]]; then
  goals+=(dependency:build-classpath@cluster-classpath)
fi
if [[ "$S3_PLUGIN" == true && -z "$(echo "$RUN_DIR"/plugins/s3-fs-hadoop/*.jar)" ]]; then
  goals+=(dependency:copy@s3-plugin)
fi
if (( ${#goals[@]} )); then
  echo "Resolving the Flink jars with Maven (${goals[*]})"
  mvn -B -q "${MVN_EXTRA[@]}" -f "$DEPLOY/pom.xml" "${goals[@]}" -Ddeploy.out="$RUN_DIR" \
    || die "Maven could not resolve the cluster's jars"
fi
CP="$(cat "$RUN_DIR/classpath.txt")"
export FLINK_PLUGINS_DIR="$RUN_DIR/plugins"

# The JVM options Flink's launch scripts take from env.java.opts.all (the Java 17 opens).
OPENS="$(sed -n 's/^env\.java\.opts\.all: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$CONF_DIR/config.yaml")"
read -r -a JVM_OPTS <<< "$OPENS"

# The memory flags Flink's scripts compute: line 1 JVM options (-Xmx...), line 2 the derived "-D key=value" sizes
# (a TaskManager refuses to start without them).
memory_args() {
  "$JAVA" -cp "$CP" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$CONF_DIR" "${DYNAMIC[@]}" \
    2>/dev/null | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

launch() { # name main-class jvm-memory-line dynamic-memory-line
  local name="$1" main="$2" jvm_memory dynamic_memory
  read -r -a jvm_memory <<< "$3"
  read -r -a dynamic_memory <<< "$4"
  nohup "$JAVA" "$MARKER" "${JVM_OPTS[@]}" "${jvm_memory[@]}" \
    -Dlog.file="$RUN_DIR/logs/$name.log" -Dlog4j.configurationFile="file:$CONF_DIR/log4j.properties" \
    -cp "$CP" "$main" --configDir "$CONF_DIR" "${DYNAMIC[@]}" "${dynamic_memory[@]}" \
    > "$RUN_DIR/logs/$name.out" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/$name.pid"
}

cd "$RUN_DIR"
mapfile -t JM < <(memory_args GET_JM_RESOURCE_PARAMS)
mapfile -t TM < <(memory_args GET_TM_RESOURCE_PARAMS)
(( ${#JM[@]} >= 2 && ${#TM[@]} >= 2 )) || die "Flink's BashJavaUtils rejected the memory settings in $CONF_DIR/config.yaml"

launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "${JM[0]}" "${JM[1]}"
for ((i = 1; i <= TASKMANAGERS; i++)); do
  launch "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner "${TM[0]}" "${TM[1]}"
done

fail() { echo "start.sh: $*; logs in $RUN_DIR/logs" >&2; "$HERE/stop.sh" >&2 || true; exit 1; }

# The REST address is the one the JobManager reports (it honours config.yaml, dynamic properties and port ranges).
deadline=$((SECONDS + START_TIMEOUT))
rest=""
while (( SECONDS < deadline )); do
  for f in "$RUN_DIR"/*.pid; do
    kill -0 "$(cat "$f")" 2>/dev/null || fail "$(basename "$f" .pid) exited"
  done
  if [[ -z "$rest" ]]; then
    rest="$(sed -n 's/.*Rest endpoint listening at \([^ ]*\).*/\1/p' "$RUN_DIR/logs/jobmanager.log" 2>/dev/null | tail -1 || true)"
  fi
  if [[ -n "$rest" ]] && [[ "$(curl -sf "http://$rest/overview" || true)" =~ \"taskmanagers\":$TASKMANAGERS[,}] ]]; then
    echo "$rest" > "$RUN_DIR/rest-address"
    echo "Flink REST: http://$rest ($TASKMANAGERS task managers; pids and logs in $RUN_DIR)"
    exit 0
  fi
  sleep 0.5
done
fail "the cluster did not show $TASKMANAGERS task managers within ${START_TIMEOUT}s"
