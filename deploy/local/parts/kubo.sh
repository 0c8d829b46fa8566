#!/usr/bin/env bash
# Pinfold local stack: the Kubo data nodes.
#
#   kubo.sh install      build Kubo v0.43.1 into $PINFOLD_HOME/bin/ipfs, and Pinfold's build of it (stock Kubo plus the
#                        pinfold/* RPC commands targeted GC uses, deploy/local/kubo-pinfold) into
#                        $PINFOLD_HOME/bin/ipfs-pinfold-0.43.1-<patch> (once each; later runs reuse them)
#   kubo.sh start N      start node N (1-based); its repo survives stop/start
#   kubo.sh stop N       stop node N
#   kubo.sh status N     print "kubo-N up rpc=… gateway=…" (exit 0) or "kubo-N down" (exit 3)
#
# Node N listens on loopback only: RPC base+N, gateway base+N, swarm base+N.
# Environment: PINFOLD_KUBO_RPC_PORT_BASE [15001], PINFOLD_KUBO_GATEWAY_PORT_BASE [18080],
# PINFOLD_KUBO_SWARM_PORT_BASE [14001], PINFOLD_KUBO_START_TIMEOUT [60], PINFOLD_STATE, PINFOLD_HOME,
# PINFOLD_KUBO_DNS_RESOLVERS [{}]: Kubo's DNS.Resolvers as JSON (FQDN suffix → DNS-over-HTTP(S) URL), e.g. a test's
# {"test.":"http://127.0.0.1:PORT/dns-query"} for DNSLink names answered by its own DNS server.
# The nodes never reach the internet: no bootstrap peers, no AutoConf, no mDNS, no HTTP retrieval;
# they peer with each other on loopback, so content added on one is fetchable from the others.
set -euo pipefail

PF_PART=kubo
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

readonly KUBO_VERSION=0.43.1
readonly KUBO_MODULE=github.com/ipfs/kubo
readonly GO_LIBP2P_VERSION=v0.50.0
# Version of the pinfold/* commands in deploy/local/kubo-pinfold (its Version constant): bump both together, so a
# changed build gets a new file name and never replaces a binary running nodes use.
readonly PINFOLD_KUBO_PATCH=2

RPC_BASE=${PINFOLD_KUBO_RPC_PORT_BASE:-15001}
GATEWAY_BASE=${PINFOLD_KUBO_GATEWAY_PORT_BASE:-18080}
SWARM_BASE=${PINFOLD_KUBO_SWARM_PORT_BASE:-14001}
START_TIMEOUT=${PINFOLD_KUBO_START_TIMEOUT:-60}

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

# Prints the path of Pinfold's Kubo build (the nodes run it when present: targeted GC needs it), or nothing.
find_pinfold_ipfs() {
  local candidate="$PINFOLD_HOME/bin/ipfs-pinfold-$KUBO_VERSION-$PINFOLD_KUBO_PATCH"
  if [[ -x "$candidate" && "$("$candidate" version --number 2>/dev/null || true)" == "$KUBO_VERSION" ]]; then
    echo "$candidate"
  fi
}

# Builds Pinfold's Kubo (deploy/local/kubo-pinfold: Kubo as a module plus the pinfold/* commands) to $1. Its go.sum
# pins every module; the build cache of the stock build is reused, so this takes about 2 minutes on 2 cores.
build_pinfold_kubo() {
  (cd "$PF_ROOT/deploy/local/kubo-pinfold" && GOFLAGS=-mod=mod go build -trimpath -o "$1" .)
}

install_pinfold_kubo() {
  local log=$1 bin_dir=$2 target staging
  target="$bin_dir/ipfs-pinfold-$KUBO_VERSION-$PINFOLD_KUBO_PATCH"
  if [[ -n "$(find_pinfold_ipfs)" ]]; then
    pf_info "Pinfold's Kubo build at $target"
    return 0
  fi
  pf_info "building Pinfold's Kubo v$KUBO_VERSION (pinfold/* commands, patch $PINFOLD_KUBO_PATCH) into $target (log: $log)"
  staging=$(mktemp -d "$bin_dir/.kubo-pinfold-build.XXXXXX")
  if ! build_pinfold_kubo "$staging/ipfs" >>"$log" 2>&1 \
    || [[ "$("$staging/ipfs" version --number 2>>"$log" || true)" != "$KUBO_VERSION" ]]; then
    rm -rf "$staging"
    pf_fail "could not build Pinfold's Kubo: $(tail -n 1 "$log")" "$log"
  fi
  mv -f "$staging/ipfs" "$target"
  rm -rf "$staging"
  echo "--- installed $target" >>"$log"
  pf_info "Pinfold's Kubo build installed at $target"
}

# Builds Kubo from its module source without kubo's go-libp2p replace directive, which makes a
# plain `go install` fail (and names a fork the Go module proxy no longer serves). go-libp2p
# v0.50.0 is the first release built on the quic-go/webtransport-go versions kubo needs.
build_without_replace() {
  pf_in_go_module_copy "$KUBO_MODULE@v$KUBO_VERSION" "$1" build_in_module_copy "$2"
}

# Run inside the module copy: swap the fork for the release, then build.
build_in_module_copy() {
  go mod edit -dropreplace github.com/libp2p/go-libp2p -require "github.com/libp2p/go-libp2p@$GO_LIBP2P_VERSION" \
    && GOFLAGS=-mod=mod go build -trimpath -o "$1" ./cmd/ipfs
}

cmd_install() {
  local log bin_dir="$PINFOLD_HOME/bin" existing staging
  pf_state_dirs
  log=$(pf_log_file kubo-install)
  existing=$(find_ipfs)
  if [[ -n "$existing" && -n "$(find_pinfold_ipfs)" ]]; then
    pf_info "v$KUBO_VERSION at $existing; Pinfold's build at $(find_pinfold_ipfs)"
    return 0
  fi
  command -v go >/dev/null || pf_fail "the Go toolchain is needed to build Kubo v$KUBO_VERSION and 'go' is not on PATH" "$log"

  # Two installs at once (a test run and ./pinfold up) must not build twice nor clobber each other.
  exec 9>"$bin_dir/.kubo-install.lock"
  flock 9
  existing=$(find_ipfs)
  if [[ -n "$existing" ]]; then
    pf_info "v$KUBO_VERSION at $existing"
    install_pinfold_kubo "$log" "$bin_dir"
    return 0
  fi

  pf_info "building Kubo v$KUBO_VERSION into $bin_dir (several minutes on 2 cores; log: $log)"
  {
    echo "--- $(date -u +%Y-%m-%dT%H:%M:%SZ) building Kubo v$KUBO_VERSION"
    go version
  } >>"$log" 2>&1
  staging=$(mktemp -d "$bin_dir/.kubo-build.XXXXXX")
  if GOBIN="$staging" go install "$KUBO_MODULE/cmd/ipfs@v$KUBO_VERSION" >>"$log" 2>&1; then
    echo "--- go install succeeded" >>"$log"
  else
    echo "--- go install failed; building from the module source without the go-libp2p replace" >>"$log"
    if ! build_without_replace "$log" "$staging/ipfs"; then
      rm -rf "$staging"
      pf_fail "could not build Kubo v$KUBO_VERSION: $(tail -n 1 "$log")" "$log"
    fi
  fi
  if [[ "$("$staging/ipfs" version --number 2>>"$log" || true)" != "$KUBO_VERSION" ]]; then
    rm -rf "$staging"
    pf_fail "the built ipfs binary does not report version $KUBO_VERSION" "$log"
  fi
  mv -f "$staging/ipfs" "$bin_dir/ipfs"
  rm -rf "$staging"
  echo "--- installed $bin_dir/ipfs" >>"$log"
  pf_info "v$KUBO_VERSION installed at $bin_dir/ipfs"
  install_pinfold_kubo "$log" "$bin_dir"
}

node_number() {
  [[ "${1:-}" =~ ^[1-9][0-9]*$ ]] || usage
  echo "$1"
}

rpc_port_of() { echo $((RPC_BASE + $1)); }
gateway_port_of() { echo $((GATEWAY_BASE + $1)); }
swarm_port_of() { echo $((SWARM_BASE + $1)); }

rpc_answers() {
  curl -fsS -o /dev/null --max-time 2 -X POST "http://127.0.0.1:$(rpc_port_of "$1")/api/v0/id" 2>/dev/null
}

# bafkqaaa is the empty identity CID: served without any block, so it only proves the gateway is up.
gateway_answers() {
  curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$(gateway_port_of "$1")/ipfs/bafkqaaa" 2>/dev/null
}

node_answers() {
  rpc_answers "$1" && gateway_answers "$1"
}

peer_id_of() {
  sed -n 's/^[[:space:]]*"PeerID": "\(.*\)",\{0,1\}$/\1/p' "$(pf_data_dir "kubo-$1")/config" | head -n 1
}

# Numbers of the other nodes that have a repo in this state folder.
sibling_numbers() {
  local self=$1 dir m
  for dir in "$PINFOLD_STATE"/data/kubo-*; do
    [[ -f "$dir/config" ]] || continue
    m=${dir##*/kubo-}
    [[ "$m" =~ ^[0-9]+$ && "$m" != "$self" ]] && echo "$m"
  done
  return 0
}

# The siblings as Peering.Peers JSON: Kubo keeps these connections up and reconnects on its own,
# so a node restarted later rejoins without anyone calling swarm connect.
peering_json() {
  local json="" m id
  for m in $(sibling_numbers "$1"); do
    id=$(peer_id_of "$m")
    [[ -n "$id" ]] || continue
    json+="${json:+,}{\"ID\":\"$id\",\"Addrs\":[\"/ip4/127.0.0.1/tcp/$(swarm_port_of "$m")\"]}"
  done
  echo "[$json]"
}

# Applied on every start, so changed port bases and newly created sibling nodes take effect.
# Every key exists in Kubo v0.43.1 (docs/config.md of that version).
configure_repo() {
  local n=$1 ipfs=$2 repo=$3 i
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
    "DNS.Resolvers" "${PINFOLD_KUBO_DNS_RESOLVERS:-{\}}"
    # A DHT among the local nodes only (no bootstrap): lets IPNS names published on one node
    # resolve on another; blocks move by bitswap between the peered nodes.
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
  for ((i = 0; i < ${#settings[@]}; i += 2)); do
    IPFS_PATH=$repo "$ipfs" config --json "${settings[i]}" "${settings[i + 1]}"
  done
}

connect_to_siblings() {
  local n=$1 ipfs=$2 repo=$3 log=$4 m
  for m in $(sibling_numbers "$n"); do
    pf_pid "kubo-$m" >/dev/null || continue
    if ! IPFS_PATH=$repo "$ipfs" swarm connect \
      "/ip4/127.0.0.1/tcp/$(swarm_port_of "$m")/p2p/$(peer_id_of "$m")" >>"$log" 2>&1; then
      # Peering keeps retrying in the background; say so rather than fail the start.
      pf_info "kubo-$n could not connect to kubo-$m yet (peering retries)"
    fi
  done
}

last_error_in() {
  grep -E '^(Error|panic)' "$1" 2>/dev/null | tail -n 1 || true
}

cmd_start() {
  local n name repo log ipfs deadline reason
  n=$(node_number "${1:-}")
  name=kubo-$n
  repo=$(pf_data_dir "$name")
  log=$(pf_log_file "$name")
  pf_state_dirs

  if pf_pid "$name" >/dev/null; then
    cmd_status "$n"
    return 0
  fi
  ipfs=$(find_pinfold_ipfs)
  [[ -n "$ipfs" ]] || ipfs=$(find_ipfs)
  [[ -n "$ipfs" ]] || pf_fail "Kubo v$KUBO_VERSION is not installed at $PINFOLD_HOME/bin/ipfs; run ./pinfold install" "$log"
  pf_require_free_port 127.0.0.1 "$(rpc_port_of "$n")" "$name RPC" "$log"
  pf_require_free_port 127.0.0.1 "$(gateway_port_of "$n")" "$name gateway" "$log"
  pf_require_free_port 127.0.0.1 "$(swarm_port_of "$n")" "$name swarm" "$log"

  if [[ ! -f "$repo/config" ]]; then
    mkdir -p "$repo"
    IPFS_PATH=$repo "$ipfs" init --profile=test >>"$log" 2>&1 \
      || pf_fail "$name: ipfs init failed for repo $repo" "$log"
  fi
  configure_repo "$n" "$ipfs" "$repo" >>"$log" 2>&1 || pf_fail "$name: could not write the config of repo $repo" "$log"

  # --repo-dir puts the repo on the command line: pf_pid's marker tells kubo-1 from kubo-2.
  pf_spawn "$name" "$log" "$repo" "$ipfs" daemon --repo-dir="$repo"
  pf_watch_owner "$name" "$PF_ROOT/deploy/local/parts/kubo.sh" stop "$n"

  deadline=$((SECONDS + START_TIMEOUT))
  until node_answers "$n"; do
    if ! pf_pid "$name" >/dev/null; then
      reason=$(last_error_in "$log")
      rm -f "$(pf_pid_file "$name")"
      pf_fail "$name: daemon exited during start${reason:+: $reason}" "$log"
    fi
    if ((SECONDS >= deadline)); then
      pf_terminate "$name" 10 # never leave a half-started node behind
      pf_fail "$name: RPC http://127.0.0.1:$(rpc_port_of "$n") did not answer within ${START_TIMEOUT}s" "$log"
    fi
    sleep 0.25
  done
  connect_to_siblings "$n" "$ipfs" "$repo" "$log"
  cmd_status "$n"
}

cmd_stop() {
  local n
  n=$(node_number "${1:-}")
  if pf_pid "kubo-$n" >/dev/null; then
    pf_terminate "kubo-$n" 20
    echo "kubo-$n stopped"
  else
    rm -f "$(pf_pid_file "kubo-$n")"
    echo "kubo-$n down"
  fi
}

cmd_status() {
  local n
  n=$(node_number "${1:-}")
  if pf_pid "kubo-$n" >/dev/null && rpc_answers "$n"; then
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
