#!/usr/bin/env bash
# Stops the cluster start.sh started: only the processes named in $RUN_DIR/*.pid whose command line carries
# start.sh's marker for this RUN_DIR (a reused pid belongs to someone else and is left alone). TaskManagers first,
# then the JobManager; SIGTERM, then SIGKILL after STOP_TIMEOUT seconds (default 20).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN_DIR="${RUN_DIR:-$HERE/run}"
STOP_TIMEOUT="${STOP_TIMEOUT:-20}"
[[ -d "$RUN_DIR" ]] || { echo "stop.sh: nothing to stop ($RUN_DIR does not exist)"; exit 0; }
RUN_DIR="$(cd "$RUN_DIR" && pwd)"
MARKER="-Dtrailtailor.standalone=$RUN_DIR"

# No `... | grep -q` here: under pipefail, grep -q exiting at the first match can fail the writer with SIGPIPE,
# and a process of ours would then look like someone else's and survive the stop.
ours() {
  local pid="$1" args
  if [[ -r "/proc/$pid/cmdline" ]]; then
    args="$(tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null)" || return 1
    [[ $'\n'"$args"$'\n' == *$'\n'"$MARKER"$'\n'* ]]
  else
    args="$(ps -p "$pid" -o args= 2>/dev/null)" || return 1
    [[ "$args" == *"$MARKER"* ]]
  fi
}

stop_all() { # pid files
  local f pid pids=()
  for f in "$@"; do
    pid="$(cat "$f")"
    if [[ "$pid" =~ ^[0-9]+$ ]] && ours "$pid"; then
      kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
    else
      echo "stop.sh: $(basename "$f" .pid) (pid $pid) is not running"
    fi
  done
  local deadline=$((SECONDS + STOP_TIMEOUT))
  for pid in "${pids[@]}"; do
    while ours "$pid" && (( SECONDS < deadline )); do sleep 0.2; done
    if ours "$pid"; then
      echo "stop.sh: pid $pid ignored SIGTERM for ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  rm -f "$@"
  (( ${#pids[@]} )) && echo "stopped ${pids[*]}"
  return 0
}

shopt -s nullglob
taskmanagers=("$RUN_DIR"/taskmanager-*.pid)
jobmanager=()
[[ -f "$RUN_DIR/jobmanager.pid" ]] && jobmanager=("$RUN_DIR/jobmanager.pid")
(( ${#taskmanagers[@]} + ${#jobmanager[@]} )) || { echo "stop.sh: no pid files in $RUN_DIR"; exit 0; }
(( ${#taskmanagers[@]} )) && stop_all "${taskmanagers[@]}"
(( ${#jobmanager[@]} )) && stop_all "${jobmanager[@]}"
rm -f "$RUN_DIR/rest-address"
