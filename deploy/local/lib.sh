# shellcheck shell=bash
# Pinfold local stack: helpers shared by ./pinfold and deploy/local/parts/*.sh (source it; not executable).
#
# A part script sets PF_PART (e.g. "kafka") before calling these. Every failure ends in one line on
# stderr, `pinfold: <part>: <reason> (log: <file>)`, and a non-zero exit, so `./pinfold up` can stop
# honestly instead of reporting a half-started stack as ready.
#
# Layout: $PINFOLD_STATE/{logs/<name>.log, data/<name>/, run/<name>.pid}; binaries in $PINFOLD_HOME/bin.

PF_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PINFOLD_HOME=${PINFOLD_HOME:-$HOME/.cache/pinfold}
PINFOLD_STATE=${PINFOLD_STATE:-$PF_ROOT/.pinfold}
PF_PART=${PF_PART:-pinfold}

# --- messages -------------------------------------------------------------------------------------

# Progress line on stderr (stdout stays free for data such as `status`).
pf_info() {
  echo "pinfold: $PF_PART: $*" >&2
}

# The one failure line, then exit 1. Usage: pf_fail "<reason>" [log file]
pf_fail() {
  local reason=$1 log=${2:-}
  if [[ -n "$log" ]]; then
    echo "pinfold: $PF_PART: $reason (log: $log)" >&2
  else
    echo "pinfold: $PF_PART: $reason" >&2
  fi
  exit 1
}

# --- state folders ----------------------------------------------------------------------------------

# Creates the state layout; 755 so a database server running as another OS user can reach its data.
pf_state_dirs() {
  mkdir -p "$PINFOLD_STATE/logs" "$PINFOLD_STATE/data" "$PINFOLD_STATE/run" "$PINFOLD_HOME/bin"
  chmod 755 "$PINFOLD_STATE" "$PINFOLD_STATE/logs" "$PINFOLD_STATE/data" "$PINFOLD_STATE/run" 2>/dev/null || true
}

pf_log_file() { echo "$PINFOLD_STATE/logs/$1.log"; }
pf_data_dir() { echo "$PINFOLD_STATE/data/$1"; }
pf_pid_file() { echo "$PINFOLD_STATE/run/$1.pid"; }

# --- processes ----------------------------------------------------------------------------------------

# Prints the pid recorded for <name> if that process is still alive and is still the one recorded
# (its command line holds the marker kept on the pid file's second line; pids get reused); else 1.
pf_pid() {
  local file pid marker
  file=$(pf_pid_file "$1")
  [[ -f "$file" ]] || return 1
  { read -r pid; read -r marker || true; } <"$file"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  if [[ -n "$marker" ]]; then
    # Read whole, then match: `tr … | grep -q` under pipefail fails at random when grep exits early
    # and tr, still writing a long command line (Kafka's classpath), dies of SIGPIPE.
    local command_line
    command_line=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ "$command_line" == *"$marker"* ]] || return 1
  fi
  echo "$pid"
}

# Records <pid> for <name>, with a marker that its command line contains.
pf_record_pid() {
  printf '%s\n%s\n' "$2" "$3" >"$(pf_pid_file "$1")"
}

# Starts a command in the background in its own session (Ctrl-C is handled by ./pinfold, which stops
# parts in order), appending stdout+stderr to the log and recording its pid.
# Usage: pf_spawn <name> <log> <marker> <command...>   (marker: a word of the command line, see pf_pid)
pf_spawn() {
  local name=$1 log=$2 marker=$3
  shift 3
  echo "--- $(date -u +%Y-%m-%dT%H:%M:%SZ) starting: $*" >>"$log"
  setsid "$@" >>"$log" 2>&1 </dev/null &
  pf_record_pid "$name" $! "$marker"
}

# When PINFOLD_OWNER_PID is set (a test JVM that started this part), stops <name> once that owner
# is gone, so a killed test run leaves no broker or database behind.
pf_watch_owner() {
  [[ -n "${PINFOLD_OWNER_PID:-}" ]] || return 0
  local pid
  pid=$(pf_pid "$1") || return 0
  setsid bash -c 'while kill -0 "$0" && kill -0 "$1"; do sleep 2; done 2>/dev/null; kill -TERM "$1" 2>/dev/null' \
    "$PINFOLD_OWNER_PID" "$pid" </dev/null >/dev/null 2>&1 &
}

# Stops <name>: TERM, then KILL after <timeout> seconds (default 30). Quiet when it is not running.
pf_terminate() {
  local name=$1 timeout=${2:-30} pid waited=0
  pid=$(pf_pid "$name") || { rm -f "$(pf_pid_file "$name")"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= timeout * 10)); then
      pf_info "did not stop within ${timeout}s; killing pid $pid"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$(pf_pid_file "$name")"
}

# --- network ----------------------------------------------------------------------------------------------

# host:port -> host / port
pf_host_of() { local hp=${1##*://}; hp=${hp%%/*}; echo "${hp%:*}"; }
pf_port_of() { local hp=${1##*://}; hp=${hp%%/*}; echo "${hp##*:}"; }

# True when something accepts TCP connections on host:port.
pf_port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# Fails clearly when a port the part needs is already taken by someone else.
# Usage: pf_require_free_port <host> <port> <what> <log>
pf_require_free_port() {
  if pf_port_open "$1" "$2"; then
    pf_fail "port $2 ($3) on $1 is already in use by another process" "$4"
  fi
}

# Waits until <check command...> succeeds, while the process <name> stays alive.
# Usage: pf_wait_until <name> <timeout s> <what> <log> <check command...>
pf_wait_until() {
  local name=$1 timeout=$2 what=$3 log=$4
  shift 4
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if ! pf_pid "$name" >/dev/null; then
      pf_fail "exited while starting ($what never came up)" "$log"
    fi
    if ((SECONDS >= deadline)); then
      pf_terminate "$name" 10  # never leave a half-started part behind
      pf_fail "$what did not come up within ${timeout}s" "$log"
    fi
    sleep 0.2
  done
}

# Waits for a TCP port while the process <name> stays alive.
# Usage: pf_wait_port <name> <host> <port> <timeout s> <log>
pf_wait_port() {
  pf_wait_until "$1" "$4" "port $3" "$5" pf_port_open "$2" "$3"
}

# --- building from the Go module proxy --------------------------------------------------------------

# Runs <command…> inside a writable copy of a Go module's released source (from the Go module proxy),
# output to <log>, then removes the copy. For modules whose go.mod `go install module@version` refuses.
# Usage: pf_in_go_module_copy <module@version> <log> <command…>
pf_in_go_module_copy() {
  local module=$1 log=$2 dir work status=0
  shift 2
  dir=$(go mod download -json "$module" 2>>"$log" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  [[ -n "$dir" && -d "$dir" ]] || return 1
  work=$(mktemp -d)
  cp -R "$dir/." "$work/"
  chmod -R u+w "$work"
  (cd "$work" && "$@") >>"$log" 2>&1 || status=$?
  rm -rf "$work"
  return "$status"
}

# --- status -------------------------------------------------------------------------------------------

# The `status` line of a part: "<name> up <details> pid=<pid>" (exit 0) or "<name> down" (exit 3).
pf_status_line() {
  local pid
  if pid=$(pf_pid "$1"); then
    echo "$1 up $2 pid=$pid"
  else
    echo "$1 down"
    return 3
  fi
}
