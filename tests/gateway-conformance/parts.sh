# shellcheck shell=bash
# The parts the gateway harnesses start for themselves (source it; not executable): one Kubo v0.43.1 node, offline,
# with its own repo, and a gateway-edge in front of it fed by its own Kafka broker. Used by
# tests/gateway-conformance/run and bench/gateway/run.
#
# Set GH_STATE (a scratch folder, emptied here) before sourcing. Every part runs on free loopback ports, in its own
# session, recorded with deploy/local/lib.sh's pid files (pid + start time + command line), and gh_stop_all stops
# exactly those, in reverse order; the sourcing script traps EXIT with it. Logs stay in $GH_STATE/logs.

: "${GH_STATE:?set GH_STATE before sourcing parts.sh}"
GH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PINFOLD_STATE=$GH_STATE
PF_PART=${PF_PART:-gateway-harness}
# shellcheck source-path=SCRIPTDIR/../.. source=deploy/local/lib.sh
source "$GH_ROOT/deploy/local/lib.sh"

GH_STARTED=()
GH_KUBO_VERSION=0.43.1

gh_info() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# A port nothing listens on now (the kernel's choice for an ephemeral bind; taken at once by the caller).
gh_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

gh_fresh_state() {
  rm -rf "$GH_STATE"
  pf_state_dirs
}

gh_stop_all() {
  local i name
  for ((i = ${#GH_STARTED[@]} - 1; i >= 0; i--)); do
    name=${GH_STARTED[i]}
    pf_pid "$name" >/dev/null && gh_info "stopping $name"
    pf_terminate "$name" 20 || true
  done
  GH_STARTED=()
}

gh_ipfs_binary() {
  local ipfs=${PINFOLD_HOME:-$HOME/.cache/pinfold}/bin/ipfs
  if [[ ! -x "$ipfs" || "$("$ipfs" version --number 2>/dev/null)" != "$GH_KUBO_VERSION" ]]; then
    "$GH_ROOT/deploy/local/parts/kubo.sh" install >&2
  fi
  echo "$ipfs"
}

# Starts Kubo node <name>, offline (no peers, no routing: content is what was imported, a missing block fails at
# once instead of after a network search), with IPFS_NS_MAP=<dnslinks> (may be empty) for DNSLink names.
# Sets GH_KUBO_RPC, GH_KUBO_GATEWAY, GH_KUBO_PEER_ID and GH_IPFS (an array: the CLI aimed at this node's RPC).
gh_start_kubo() {
  local name=$1 dnslinks=${2:-} ipfs repo log rpc_port gateway_port deadline
  ipfs=$(gh_ipfs_binary)
  repo=$(pf_data_dir "$name")
  log=$(pf_log_file "$name")
  rpc_port=$(gh_free_port)
  gateway_port=$(gh_free_port)
  mkdir -p "$repo"
  IPFS_PATH=$repo "$ipfs" init --profile=test >>"$log" 2>&1 || pf_fail "$name: ipfs init failed" "$log"
  local -a settings=(
    Addresses.API "\"/ip4/127.0.0.1/tcp/$rpc_port\""
    Addresses.Gateway "\"/ip4/127.0.0.1/tcp/$gateway_port\""
    Addresses.Swarm "[]"
    Bootstrap "[]"
    AutoConf.Enabled "false"
    AutoTLS.Enabled "false"
    Discovery.MDNS.Enabled "false"
    HTTPRetrieval.Enabled "false"
  )
  local i
  for ((i = 0; i < ${#settings[@]}; i += 2)); do
    IPFS_PATH=$repo "$ipfs" config --json "${settings[i]}" "${settings[i + 1]}" >>"$log" 2>&1 \
      || pf_fail "$name: could not set ${settings[i]}" "$log"
  done
  IPFS_NS_MAP=$dnslinks pf_spawn "$name" "$log" "$repo" "$ipfs" daemon --offline --repo-dir="$repo"
  GH_STARTED+=("$name")
  GH_KUBO_RPC=http://127.0.0.1:$rpc_port
  GH_KUBO_GATEWAY=http://127.0.0.1:$gateway_port
  GH_IPFS=("$ipfs" --api="/ip4/127.0.0.1/tcp/$rpc_port")
  deadline=$((SECONDS + 60))
  until curl -fsS -o /dev/null --max-time 2 "$GH_KUBO_GATEWAY/ipfs/bafkqaaa" 2>/dev/null \
    && curl -fsS -o /dev/null --max-time 2 -X POST "$GH_KUBO_RPC/api/v0/id" 2>/dev/null; do
    pf_pid "$name" >/dev/null || pf_fail "$name: daemon exited during start" "$log"
    ((SECONDS < deadline)) || pf_fail "$name: did not answer within 60s" "$log"
    sleep 0.25
  done
  GH_KUBO_PEER_ID=$("${GH_IPFS[@]}" id -f '<id>')
  gh_info "$name (Kubo $GH_KUBO_VERSION, offline): gateway $GH_KUBO_GATEWAY, RPC $GH_KUBO_RPC"
}

# Starts a Kafka broker (deploy/local/parts/kafka.sh) on free ports. Sets GH_KAFKA.
gh_start_kafka() {
  local port controller
  port=$(gh_free_port)
  controller=$(gh_free_port)
  GH_KAFKA=127.0.0.1:$port
  GH_STARTED+=(kafka)
  PINFOLD_KAFKA_BOOTSTRAP=$GH_KAFKA PINFOLD_KAFKA_CONTROLLER_PORT=$controller PINFOLD_OWNER_PID='' \
    "$GH_ROOT/deploy/local/parts/kafka.sh" start 2>>"$(pf_log_file harness)" \
    || pf_fail "kafka: could not start" "$(pf_log_file kafka)"
  gh_info "Kafka on $GH_KAFKA"
}

# Starts gateway-edge from <jar> (quarkus-run.jar) against $GH_KAFKA, registers the Kubo node started by
# gh_start_kubo on pinfold.nodes (node.registered, state active) and waits until the edge is ready with that node
# in its pool. Sets GH_EDGE (main port) and GH_EDGE_MANAGEMENT. GH_EDGE_OPTS: more JVM options (e.g.
# -Dpinfold.edge.cache.enabled=false).
gh_start_edge() {
  local jar=$1 port management log deadline registered=false
  [[ -f "$jar" ]] || pf_fail "gateway-edge jar $jar not found; build it: ./mvnw -o -pl services/gateway-edge -am package -DskipTests"
  port=$(gh_free_port)
  management=$(gh_free_port)
  log=$(pf_log_file gateway-edge)
  # The conformance suite and the load tools send everything from one loopback address: the per-client rate limit
  # (pinfold.edge.limits.rate-per-second, 100/s by default) would answer them 429, so it is off here.
  # shellcheck disable=SC2086 # PINFOLD_SERVICE_JAVA_OPTS and GH_EDGE_OPTS are lists of JVM options
  PINFOLD_KAFKA_BOOTSTRAP=$GH_KAFKA PINFOLD_EDGE_PORT=$port PINFOLD_EDGE_MANAGEMENT_PORT=$management \
    PINFOLD_OTLP_ENDPOINT=${PINFOLD_OTLP_ENDPOINT:-http://127.0.0.1:$(gh_free_port)} \
    pf_spawn gateway-edge "$log" "$jar" java ${PINFOLD_SERVICE_JAVA_OPTS:--Xmx512m} -Dpinfold.edge.limits.rate-per-second=0 \
    ${GH_EDGE_OPTS:-} -jar "$jar"
  GH_STARTED+=(gateway-edge)
  GH_EDGE=http://127.0.0.1:$port
  GH_EDGE_MANAGEMENT=http://127.0.0.1:$management
  deadline=$((SECONDS + ${PINFOLD_SERVICE_START_TIMEOUT:-120}))
  until [[ "$(curl -fsS --max-time 2 "$GH_EDGE_MANAGEMENT/edge/pool" 2>/dev/null)" == *"$GH_KUBO_GATEWAY"* ]] \
    && curl -fsS -o /dev/null --max-time 5 "$GH_EDGE_MANAGEMENT/q/health/ready" 2>/dev/null; do
    pf_pid gateway-edge >/dev/null || pf_fail "gateway-edge exited during start" "$log"
    ((SECONDS < deadline)) || pf_fail "gateway-edge was not ready with $GH_KUBO_GATEWAY in its pool within \
${PINFOLD_SERVICE_START_TIMEOUT:-120}s (last health: $(curl -sS --max-time 2 "$GH_EDGE_MANAGEMENT/q/health/ready" 2>&1 | tr -s ' \n' ' ' | cut -c1-300))" "$log"
    # The edge creates pinfold.nodes at start; publish once it is live (the topic exists by then).
    if ! $registered && curl -fsS -o /dev/null --max-time 2 "$GH_EDGE_MANAGEMENT/q/health/live" 2>/dev/null; then
      gh_register_node kubo-1 && registered=true
    fi
    sleep 0.5
  done
  gh_info "gateway-edge on $GH_EDGE (management $GH_EDGE_MANAGEMENT), pool: $(curl -fsS "$GH_EDGE_MANAGEMENT/edge/pool")"
}

gh_register_node() {
  local classpath="$GH_ROOT/libs/kafka-broker/target/broker.classpath"
  [[ -s "$classpath" ]] || "$GH_ROOT/deploy/local/parts/kafka.sh" install
  java -Dlog4j2.configurationFile="$GH_ROOT/deploy/local/kafka/log4j2.xml" -cp "$(<"$classpath")" \
    "$GH_ROOT/tests/gateway-conformance/RegisterNode.java" \
    "$GH_KAFKA" "$1" "$GH_KUBO_PEER_ID" "$GH_KUBO_RPC" "$GH_KUBO_GATEWAY" >>"$(pf_log_file harness)" 2>&1
}
