#!/usr/bin/env bash
# Pinfold local stack: the Kubo data nodes.
#
#   kubo.sh install      build Kubo v0.43.1 into $PINFOLD_HOME/bin/ipfs (once; later runs reuse it)
#   kubo.sh start N      start node N (1-based); its repo survives stop/start
#   kubo.sh stop N       stop node N
#   kubo.sh status N     print "kubo-N up rpc=… gateway=…" (exit 0) or "kubo-N down" (exit 3)
#
# Node N listens on loopback only: RPC 15001+N, gateway 18080+N, swarm 14001+N (bases overridable).
# The nodes never reach the internet: no bootstrap peers, no AutoConf, no mDNS, no HTTP retrieval;
# they peer with each other on loopback so content added on one is fetchable from the others.
set -euo pipefail

readonly KUBO_VERSION=0.43.1
readonly KUBO_MODULE=github.com/ipfs/kubo

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
PINFOLD_HOME=${PINFOLD_HOME:-$HOME/.cache/pinfold}
PINFOLD_STATE=${PINFOLD_STATE:-$ROOT/.pinfold}
RPC_BASE=${PINFOLD_KUBO_RPC_PORT_BASE:-15001}
GATEWAY_BASE=${PINFOLD_KUBO_GATEWAY_PORT_BASE:-18080}
SWARM_BASE=${PINFOLD_KUBO_SWARM_PORT_BASE:-14001}
START_TIMEOUT=${PINFOLD_KUBO_START_TIMEOUT:-60}

# One line on stderr, the same shape for every part of the stack, then a non-zero exit.
fail() {
  echo "pinfold: kubo: $1 (log: $2)" >&2
  exit 1
}

usage() {
  echo "usage: $(basename "$0") install | start N | stop N | status N" >&2
  exit 2
}

# Prints the path of a Kubo binary of the pinned version, or nothing.
find_ipfs() {
  local candidate
  for candidate in "$PINFOLD_HOME/bin/ipfs" "$(command -v ipfs || true)"; do
    if [[ -n "$candidate" && -x "$candidate" ]] \
      && [[ "$("$candidate" version --number 2>/dev/null || true)" == "$KUBO_VERSION" ]]; then
      echo "$candidate"
      return 0
    fi
  done
}

# Builds Kubo from its module source without kubo's go-libp2p replace directive: the fork
# version it names is no longer served by the Go module proxy, so a plain `go install` fails.
build_without_replace() {
  local log=$1 target=$2 work dir
  dir=$(go mod download -json "$KUBO_MODULE@v$KUBO_VERSION" 2>>"$log" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  [[ -n "$dir" && -d "$dir" ]] || return 1
  work=$(mktemp -d)
  local status=0
  cp -R "$dir/." "$work/"
  chmod -R u+w "$work"
  (
    cd "$work" \
      && go mod edit -dropreplace github.com/libp2p/go-libp2p \
      && GOFLAGS=-mod=mod go build -trimpath -o "$target" ./cmd/ipfs
  ) >>"$log" 2>&1 || status=$?
  rm -rf "$work"
  return "$status"
}

cmd_install() {
  local log="$PINFOLD_STATE/logs/kubo-install.log" existing bin_dir="$PINFOLD_HOME/bin" staging
  mkdir -p "$PINFOLD_STATE/logs" "$bin_dir"
  existing=$(find_ipfs)
  if [[ -n "$existing" ]]; then
    echo "kubo: v$KUBO_VERSION at $existing"
    return 0
  fi
  command -v go >/dev/null || fail "the Go toolchain is needed to build Kubo v$KUBO_VERSION and 'go' is not on PATH" "$log"

  # Two installs at once (a test run and ./pinfold up) must not build twice nor clobber each other.
  exec 9>"$bin_dir/.kubo-install.lock"
  flock 9
  existing=$(find_ipfs)
  if [[ -n "$existing" ]]; then
    echo "kubo: v$KUBO_VERSION at $existing"
    return 0
  fi

  echo "kubo: building Kubo v$KUBO_VERSION into $bin_dir (several minutes on 2 cores; log: $log)"
  {
    echo "== $(date -u +%FT%TZ) building Kubo v$KUBO_VERSION"
    go version
  } >>"$log" 2>&1
  staging=$(mktemp -d "$bin_dir/.kubo-build.XXXXXX")
  if GOBIN="$staging" go install "$KUBO_MODULE/cmd/ipfs@v$KUBO_VERSION" >>"$log" 2>&1; then
    echo "== go install succeeded" >>"$log"
  else
    echo "== go install failed; building from module source without the go-libp2p replace" >>"$log"
    if ! build_without_replace "$log" "$staging/ipfs"; then
      rm -rf "$staging"
      fail "could not build Kubo v$KUBO_VERSION" "$log"
    fi
  fi
  if [[ "$("$staging/ipfs" version --number 2>>"$log" || true)" != "$KUBO_VERSION" ]]; then
    rm -rf "$staging"
    fail "the built ipfs binary does not report version $KUBO_VERSION" "$log"
  fi
  mv -f "$staging/ipfs" "$bin_dir/ipfs"
  rm -rf "$staging"
  echo "== installed $bin_dir/ipfs" >>"$log"
  echo "kubo: v$KUBO_VERSION installed at $bin_dir/ipfs"
}

node_number() {
  [[ "${1:-}" =~ ^[1-9][0-9]*$ ]] || usage
  echo "$1"
}

repo_of() { echo "$PINFOLD_STATE/data/kubo-$1"; }
log_of() { echo "$PINFOLD_STATE/logs/kubo-$1.log"; }
pid_file_of() { echo "$PINFOLD_STATE/run/kubo-$1.pid"; }
rpc_port_of() { echo $((RPC_BASE + $1)); }
gateway_port_of() { echo $((GATEWAY_BASE + $1)); }
swarm_port_of() { echo $((SWARM_BASE + $1)); }

# Prints the pid of node N's daemon when it runs; a stale pid file (reused pid) does not count.
running_pid() {
  local pid_file pid
  pid_file=$(pid_file_of "$1")
  [[ -f "$pid_file" ]] || return 1
  pid=$(<"$pid_file")
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'ipfs daemon' || return 1
  echo "$pid"
}

rpc_answers() {
  curl -fsS -o /dev/null --max-time 2 -X POST "http://127.0.0.1:$(rpc_port_of "$1")/api/v0/id" 2>/dev/null
}

# bafkqaaa is the empty identity CID: served without any block, so it only proves the gateway is up.
gateway_answers() {
  curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$(gateway_port_of "$1")/ipfs/bafkqaaa" 2>/dev/null
}

peer_id_of() {
  sed -n 's/^[[:space:]]*"PeerID": "\(.*\)",\{0,1\}$/\1/p' "$(repo_of "$1")/config" | head -n 1
}

# Every other node that has a repo in this state folder, as Peering.Peers JSON: Kubo keeps
# these connections up and reconnects on its own, so a node restarted later rejoins.
peering_json() {
  local self=$1 json="" dir m id
  for dir in "$PINFOLD_STATE"/data/kubo-*; do
    [[ -f "$dir/config" ]] || continue
    m=${dir##*/kubo-}
    [[ "$m" =~ ^[0-9]+$ && "$m" != "$self" ]] || continue
    id=$(peer_id_of "$m")
    [[ -n "$id" ]] || continue
    json+="${json:+,}{\"ID\":\"$id\",\"Addrs\":[\"/ip4/127.0.0.1/tcp/$(swarm_port_of "$m")\"]}"
  done
  echo "[$json]"
}

# Applied on every start, so changed port bases and newly created sibling nodes take effect.
# Every key exists in Kubo v0.43.1 (docs/config.md of that version).
configure_repo() {
  local n=$1 ipfs=$2
  local -a settings=(
    "Addresses.API" "\"/ip4/127.0.0.1/tcp/$(rpc_port_of "$n")\""
    "Addresses.Gateway" "\"/ip4/127.0.0.1/tcp/$(gateway_port_of "$n")\""
    "Addresses.Swarm" "[\"/ip4/127.0.0.1/tcp/$(swarm_port_of "$n")\"]"
    "Addresses.Announce" "[]"
    "Addresses.AppendAnnounce" "[]"
    "Bootstrap" "[]"
    "Discovery.MDNS.Enabled" "false"
    "AutoConf.Enabled" "false"
    "AutoTLS.Enabled" "false"
    "DNS.Resolvers" "{}"
    "Routing.Type" "\"dht\""
    "Routing.DelegatedRouters" "[]"
    "Routing.LoopbackAddressesOnLanDHT" "true"
    "Ipns.DelegatedPublishers" "[]"
    "HTTPRetrieval.Enabled" "false"
    "Swarm.DisableNatPortMap" "true"
    "Swarm.RelayClient.Enabled" "false"
    "Swarm.RelayService.Enabled" "false"
    "Gateway.NoFetch" "false"
    "Peering.Peers" "$(peering_json "$n")"
  )
  local i
  for ((i = 0; i < ${#settings[@]}; i += 2)); do
    IPFS_PATH=$(repo_of "$n") "$ipfs" config --json "${settings[i]}" "${settings[i + 1]}"
  done
}

connect_to_siblings() {
  local n=$1 ipfs=$2 log=$3 dir m id
  for dir in "$PINFOLD_STATE"/data/kubo-*; do
    m=${dir##*/kubo-}
    [[ "$m" =~ ^[0-9]+$ && "$m" != "$n" ]] || continue
    running_pid "$m" >/dev/null || continue
    id=$(peer_id_of "$m")
    if ! IPFS_PATH=$(repo_of "$n") "$ipfs" swarm connect "/ip4/127.0.0.1/tcp/$(swarm_port_of "$m")/p2p/$id" >>"$log" 2>&1; then
      # Peering keeps retrying in the background; say so rather than fail the start.
      echo "kubo: warning: kubo-$n could not connect to kubo-$m yet (peering retries)" >&2
    fi
  done
}

last_error_in() {
  grep -E '^(Error|panic)' "$1" 2>/dev/null | tail -n 1 || true
}

cmd_start() {
  local n repo log pid_file ipfs pid waited reason
  n=$(node_number "${1:-}")
  repo=$(repo_of "$n")
  log=$(log_of "$n")
  pid_file=$(pid_file_of "$n")
  mkdir -p "$PINFOLD_STATE/logs" "$PINFOLD_STATE/run" "$PINFOLD_STATE/data"

  if running_pid "$n" >/dev/null; then
    cmd_status "$n"
    return 0
  fi
  ipfs=$(find_ipfs)
  [[ -n "$ipfs" ]] || fail "Kubo v$KUBO_VERSION is not installed at $PINFOLD_HOME/bin/ipfs; run ./pinfold install" "$log"
  if rpc_answers "$n"; then
    fail "kubo-$n: RPC port $(rpc_port_of "$n") is already served by another process" "$log"
  fi

  echo "== $(date -u +%FT%TZ) starting kubo-$n" >>"$log"
  if [[ ! -f "$repo/config" ]]; then
    mkdir -p "$repo"
    IPFS_PATH=$repo "$ipfs" init --profile=test >>"$log" 2>&1 \
      || fail "kubo-$n: ipfs init failed for repo $repo" "$log"
  fi
  configure_repo "$n" "$ipfs" >>"$log" 2>&1 || fail "kubo-$n: could not write the config of repo $repo" "$log"

  # Own session: a Ctrl-C meant for the caller must not kill the node behind the stack's back.
  IPFS_PATH=$repo setsid "$ipfs" daemon >>"$log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$pid_file"

  waited=0
  until rpc_answers "$n" && gateway_answers "$n"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      reason=$(last_error_in "$log")
      fail "kubo-$n: daemon exited during start${reason:+: $reason}" "$log"
    fi
    if ((waited >= START_TIMEOUT * 4)); then
      kill -TERM "$pid" 2>/dev/null || true
      rm -f "$pid_file"
      fail "kubo-$n: RPC http://127.0.0.1:$(rpc_port_of "$n") did not answer within ${START_TIMEOUT}s" "$log"
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
  connect_to_siblings "$n" "$ipfs" "$log"
  cmd_status "$n"
}

cmd_stop() {
  local n pid i
  n=$(node_number "${1:-}")
  if pid=$(running_pid "$n"); then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 80; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "kubo: kubo-$n did not stop within 20s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "kubo-$n stopped"
  else
    echo "kubo-$n down"
  fi
  rm -f "$(pid_file_of "$n")"
}

cmd_status() {
  local n
  n=$(node_number "${1:-}")
  if running_pid "$n" >/dev/null && rpc_answers "$n"; then
    echo "kubo-$n up rpc=http://127.0.0.1:$(rpc_port_of "$n") gateway=http://127.0.0.1:$(gateway_port_of "$n")"
  else
    echo "kubo-$n down"
    return 3
  fi
}

main() {
  local command=${1:-}
  shift || true
  case "$command" in
    install) cmd_install ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    *) usage ;;
  esac
}

main "$@"
