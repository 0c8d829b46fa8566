# shellcheck shell=bash
# Pinfold local stack: helpers shared by ./pinfold and deploy/local/parts/*.sh (source it; not executable).
#
# A part script sets PF_PART (e.g. "kafka") before calling these. Every failure ends in one line on
# stderr, `pinfold: <part>: <reason> (log: <file>)`, and a non-zero exit, so `./pinfold up` can stop
# honestly instead of reporting a half-started stack as ready.
#
# Layout: $PINFOLD_STATE/{logs/<name>.log, data/<name>/, run/<name>.pid, stack.lock}; binaries in $PINFOLD_HOME/bin.

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
#
# A pid alone does not name a process: pids are reused, and another user's program may hold the one a
# stale pid file names. So a pid file records three lines, pid, start time (field 22 of /proc/<pid>/stat,
# clock ticks since boot, which never changes for a process and differs for a reused pid) and a marker
# that its command line contains; nothing is ever signalled unless all three still match. Each part runs
# in its own session (setsid), so stopping it reaches every process it forked and nothing else.

# fd 6 carries ./pinfold's stack lock (pf_lock_stack). Scripts and processes started from here close it,
# or a broker or database would hold the lock for as long as it runs.
[[ "$PF_PART" == pinfold ]] || exec 6>&-

# Prints field <n> (1-based, as in proc(5)) of /proc/<pid>/stat. The command name (field 2) sits in
# parentheses and may hold spaces or ')' itself, so fields are counted after its last ')'.
pf_proc_field() {
  local line
  [[ "$1" =~ ^[1-9][0-9]*$ ]] || return 1
  read -r line 2>/dev/null <"/proc/$1/stat" || return 1
  line=${line##*) }
  local -a fields
  read -r -a fields <<<"$line"
  [[ -n "${fields[$2 - 3]:-}" ]] || return 1
  echo "${fields[$2 - 3]}"
}

# True when <pid> is alive, started at <start> and its command line contains <marker>.
pf_is_process() {
  local pid=$1 start=$2 marker=$3 command_line
  [[ "$pid" =~ ^[1-9][0-9]*$ && "$start" =~ ^[0-9]+$ && -n "$marker" ]] || return 1
  [[ "$(pf_proc_field "$pid" 22)" == "$start" ]] || return 1
  # Read whole, then match: `tr … | grep -q` under pipefail fails at random when grep exits early
  # and tr, still writing a long command line (Kafka's classpath), dies of SIGPIPE.
  command_line=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ "$command_line" == *"$marker"* ]]
}

# Prints the pid recorded for <name> if that process still is the one recorded (see above); else 1.
pf_pid() {
  local file pid="" start="" marker=""
  file=$(pf_pid_file "$1")
  [[ -f "$file" ]] || return 1
  { read -r pid && read -r start && read -r marker; } <"$file" || true
  pf_is_process "$pid" "$start" "$marker" || return 1
  echo "$pid"
}

# Records <pid> for <name> with its start time and <marker>, a word of its command line.
pf_record_pid() {
  local file start
  file=$(pf_pid_file "$1")
  start=$(pf_proc_field "$2" 22) || start=gone
  printf '%s\n%s\n%s\n' "$2" "$start" "$3" >"$file.tmp"
  mv -f "$file.tmp" "$file"
}

# Starts a command in the background as the leader of a new session (Ctrl-C on the terminal does not
# reach it; ./pinfold stops parts in order), appending stdout+stderr to the log and recording its pid.
# Usage: pf_spawn <name> <log> <marker> <command...>   (marker: a word of the command line, see pf_pid)
pf_spawn() {
  local name=$1 log=$2 marker=$3 announce deadline
  shift 3
  echo "--- $(date -u +%Y-%m-%dT%H:%M:%SZ) starting: $*" >>"$log"
  announce="$(pf_pid_file "$name").spawn"
  rm -f "$announce"
  # The process writes its own pid before exec: whether or not setsid had to fork, that is the pid of
  # the session leader, which is also its process group's id.
  # shellcheck disable=SC2016 # expanded by the inner shell
  setsid bash -c 'echo $$ >"$0.tmp" && mv -f "$0.tmp" "$0" && exec "$@"' "$announce" "$@" \
    >>"$log" 2>&1 </dev/null 6>&- &
  deadline=$((SECONDS + 10))
  until [[ -s "$announce" ]]; do
    ((SECONDS < deadline)) || pf_fail "the process did not start (setsid)" "$log"
    sleep 0.02
  done
  pf_record_pid "$name" "$(<"$announce")" "$marker"
  rm -f "$announce"
}

# Prints "<pid> <start time>" for every process of the session led by <pid> (the leader too).
pf_session_members() {
  local stat_file line
  local -a fields
  for stat_file in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$stat_file" || continue
    line=${line##*) }
    read -r -a fields <<<"$line"
    # field 6: session id; field 22: start time
    [[ "${fields[3]}" == "$1" ]] && echo "${stat_file:6:-5} ${fields[19]}"
  done
  return 0
}

# Stops <name> and every process of its session: TERM, then KILL after <timeout> seconds (default 30).
# Members are listed only while the leader is verified ours (its session id cannot be reused while it
# lives), each is re-checked by pid and start time before any signal, and one forked meanwhile is found
# at the next look. A recorded pid that leads no session was never a part: it gets no signal. Quiet
# when <name> is not running.
pf_terminate() {
  local name=$1 timeout=${2:-30} leader start phase=TERM member alive kill_at give_up_at
  local -A members=() signalled=()
  leader=$(pf_pid "$name") || { rm -f "$(pf_pid_file "$name")"; return 0; }
  start=$(pf_proc_field "$leader" 22) || { rm -f "$(pf_pid_file "$name")"; return 0; }
  kill_at=$((SECONDS + timeout)) give_up_at=$((SECONDS + timeout + 10))
  while true; do
    if [[ "$(pf_proc_field "$leader" 22)" == "$start" ]]; then
      while read -r member; do members[$member]=1; done < <(pf_session_members "$leader")
    fi
    alive=0
    for member in "${!members[@]}"; do
      if [[ "$(pf_proc_field "${member% *}" 22)" != "${member#* }" ]]; then
        unset "members[$member]"
        continue
      fi
      alive=1
      if [[ "${signalled[$member]:-}" != "$phase" ]]; then
        kill "-$phase" "${member% *}" 2>/dev/null || true
        signalled[$member]=$phase
      fi
    done
    ((alive)) || break
    if [[ "$phase" == TERM ]] && ((SECONDS >= kill_at)); then
      pf_info "did not stop within ${timeout}s; killing pid $leader and its session"
      phase=KILL
    elif ((SECONDS >= give_up_at)); then
      pf_info "still alive after KILL: ${!members[*]}"
      break
    fi
    sleep 0.1
  done
  rm -f "$(pf_pid_file "$name")"
}

# When PINFOLD_OWNER_PID is set (a test JVM that started this part), runs <stop command…> once that
# owner is gone, so a killed test run leaves no broker or database behind. The owner is known by pid and
# start time, the part through pf_pid: a reused pid of either is never taken for them.
# Usage: pf_watch_owner <name> <stop command…>   (e.g. pf_watch_owner kubo-2 "$PF_ROOT/deploy/local/parts/kubo.sh" stop 2)
pf_watch_owner() {
  [[ -n "${PINFOLD_OWNER_PID:-}" ]] || return 0
  local name=$1 owner_start
  shift
  pf_pid "$name" >/dev/null || return 0
  owner_start=$(pf_proc_field "$PINFOLD_OWNER_PID" 22) || owner_start=gone
  PINFOLD_STATE=$PINFOLD_STATE PINFOLD_HOME=$PINFOLD_HOME PF_PART=$PF_PART \
    setsid bash -c 'source "$0"; pf_owner_watch "$@"' "$PF_ROOT/deploy/local/lib.sh" \
    "$name" "$PINFOLD_OWNER_PID" "$owner_start" "$@" </dev/null >>"$(pf_log_file "$name")" 2>&1 &
}

# The loop of pf_watch_owner, in its own session. Usage: pf_owner_watch <name> <owner pid> <owner start> <stop…>
pf_owner_watch() {
  local name=$1 owner=$2 owner_start=$3
  shift 3
  while [[ "$(pf_proc_field "$owner" 22)" == "$owner_start" ]] && pf_pid "$name" >/dev/null; do
    sleep 2
  done
  if pf_pid "$name" >/dev/null; then
    pf_info "owner pid $owner is gone; stopping $name"
    "$@" || true
  fi
}

# Takes the lock of the stack in $PINFOLD_STATE for `./pinfold <command>` on fd 6 and keeps it until
# this shell exits. When another command holds it: "wait" prints who and waits, "refuse" fails naming it.
# Usage: pf_lock_stack <command> wait|refuse
pf_lock_stack() {
  local command=$1 mode=$2 file="$PINFOLD_STATE/stack.lock" holder="" holder_pid holder_command
  mkdir -p "$PINFOLD_STATE"
  exec 6<>"$file"
  if ! flock -n 6; then
    read -r holder <"$file" || true
    holder_pid=${holder%% *} holder_command=${holder#* }
    local who="./pinfold ${holder_command:-$command} (pid ${holder_pid:-unknown})"
    if [[ "$mode" == refuse ]]; then
      pf_fail "$who already runs on $PINFOLD_STATE; stop it first (Ctrl-C there, or ./pinfold down)"
    fi
    pf_info "waiting for $who to finish; it uses $PINFOLD_STATE"
    flock 6
  fi
  echo "$$ $command" >"$file"
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
