# shellcheck shell=bash
# The parts tests/pinning-compliance/run starts for itself when it is given no service (source it; not executable):
# a PostgreSQL cluster (database pinfold_pins, no fsync), a Kafka broker, two Kubo v0.43.1 nodes peered with each
# other on loopback (deploy/local/parts/kubo.sh, as `./pinfold up` runs them), and pin-service from its jar, with
# its reconciler pinning onto those two nodes. Everything listens on free loopback ports, lives in $GH_STATE and is
# stopped, in reverse order, by pc_stop_all (the sourcing script traps EXIT with it).
#
# Sets PC_PIN_URL (the Pinning Service API), PC_PIN_MANAGEMENT, PC_ADMIN_TOKEN and, through pc_new_tenant_token,
# a tenant's bearer token.

# shellcheck source-path=SCRIPTDIR/../.. source=tests/gateway-conformance/parts.sh
source "$(dirname "${BASH_SOURCE[0]}")/../gateway-conformance/parts.sh"

PC_KUBO_NODES=2

# Stops what was started, newest first; PostgreSQL through its own script (a fast shutdown of our cluster).
pc_stop_all() {
  local i name
  for ((i = ${#GH_STARTED[@]} - 1; i >= 0; i--)); do
    name=${GH_STARTED[i]}
    if [[ "$name" == postgres ]]; then
      PINFOLD_PG_PORT=$PC_PG_PORT "$GH_ROOT/deploy/local/parts/postgres.sh" stop >>"$(pf_log_file harness)" 2>&1 || true
      continue
    fi
    pf_pid "$name" >/dev/null && gh_info "stopping $name"
    pf_terminate "$name" 20 || true
  done
  GH_STARTED=()
}

# A base port B with B+1 … B+<count> all free (kubo.sh puts node N on base+N).
pc_free_base() {
  python3 - "$1" <<'EOF'
import random, socket, sys
count = int(sys.argv[1])
for _ in range(200):
    base = random.randint(20000, 60000 - count)
    sockets = []
    try:
        for port in range(base + 1, base + count + 1):
            s = socket.socket()
            s.bind(("127.0.0.1", port))
            sockets.append(s)
    except OSError:
        continue
    finally:
        for s in sockets:
            s.close()
    print(base)
    break
else:
    sys.exit("no free port range found")
EOF
}

pc_start_postgres() {
  PC_PG_PORT=$(gh_free_port)
  GH_STARTED+=(postgres)
  PINFOLD_PG_HOST=127.0.0.1 PINFOLD_PG_PORT=$PC_PG_PORT PINFOLD_PG_DATABASES=pinfold_pins PINFOLD_PG_DURABLE=0 \
    PINFOLD_OWNER_PID=$$ "$GH_ROOT/deploy/local/parts/postgres.sh" start 2>>"$(pf_log_file harness)" \
    || pf_fail "postgres: could not start" "$(pf_log_file harness)"
  gh_info "PostgreSQL on 127.0.0.1:$PC_PG_PORT"
}

# Starts kubo-1 … kubo-N with kubo.sh (online, peered with each other, nothing beyond loopback). Sets PC_KUBO_RPC_URLS,
# PC_KUBO_GATEWAY_URLS (comma-separated) and PC_KUBO_SWARM_BASE.
pc_start_kubo_nodes() {
  local n rpc_base gateway_base
  gh_ipfs_binary >/dev/null
  rpc_base=$(pc_free_base "$PC_KUBO_NODES")
  gateway_base=$(pc_free_base "$PC_KUBO_NODES")
  PC_KUBO_SWARM_BASE=$(pc_free_base "$PC_KUBO_NODES")
  PC_KUBO_RPC_URLS="" PC_KUBO_GATEWAY_URLS=""
  for ((n = 1; n <= PC_KUBO_NODES; n++)); do
    GH_STARTED+=("kubo-$n")
    PINFOLD_KUBO_RPC_PORT_BASE=$rpc_base PINFOLD_KUBO_GATEWAY_PORT_BASE=$gateway_base \
      PINFOLD_KUBO_SWARM_PORT_BASE=$PC_KUBO_SWARM_BASE PINFOLD_OWNER_PID=$$ \
      "$GH_ROOT/deploy/local/parts/kubo.sh" start "$n" >>"$(pf_log_file harness)" 2>&1 \
      || pf_fail "kubo-$n: could not start" "$(pf_log_file harness)"
    PC_KUBO_RPC_URLS+="${PC_KUBO_RPC_URLS:+,}http://127.0.0.1:$((rpc_base + n))"
    PC_KUBO_GATEWAY_URLS+="${PC_KUBO_GATEWAY_URLS:+,}http://127.0.0.1:$((gateway_base + n))"
  done
  gh_info "Kubo nodes (online, peered on loopback): RPC $PC_KUBO_RPC_URLS"
}

# curl with the admin token in a header read from a pipe (never on a command line).
pc_admin_curl() {
  curl -H @<(printf 'Authorization: Bearer %s\n' "$PC_ADMIN_TOKEN") -H "Content-Type: application/json" "$@"
}

# Starts pin-service from <jar> against the parts above and waits until it is ready with every Kubo node registered
# and active. Sets PC_PIN_URL and PC_PIN_MANAGEMENT.
pc_start_pin_service() {
  local jar=$1 port management log deadline nodes active
  [[ -f "$jar" ]] || pf_fail "pin-service jar $jar not found; build it: ./mvnw -o -pl services/pin-service -am package -DskipTests"
  port=$(gh_free_port)
  management=$(gh_free_port)
  log=$(pf_log_file pin-service)
  PC_ADMIN_TOKEN=$(printf 'pf_%s' "$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')")
  # shellcheck disable=SC2086 # PINFOLD_SERVICE_JAVA_OPTS is a list of JVM options
  PINFOLD_KAFKA_BOOTSTRAP=$GH_KAFKA PINFOLD_PG_HOST=127.0.0.1 PINFOLD_PG_PORT=$PC_PG_PORT \
    PINFOLD_PIN_PORT=$port PINFOLD_PIN_MANAGEMENT_PORT=$management PINFOLD_PIN_ADMIN_TOKEN=$PC_ADMIN_TOKEN \
    PINFOLD_KUBO_RPC_URLS=$PC_KUBO_RPC_URLS PINFOLD_KUBO_GATEWAY_URLS=$PC_KUBO_GATEWAY_URLS \
    PINFOLD_OTLP_ENDPOINT=${PINFOLD_OTLP_ENDPOINT:-http://127.0.0.1:$(gh_free_port)} \
    pf_spawn pin-service "$log" "$jar" java ${PINFOLD_SERVICE_JAVA_OPTS:--Xmx512m} -jar "$jar"
  GH_STARTED+=(pin-service)
  PC_PIN_URL=http://127.0.0.1:$port
  PC_PIN_MANAGEMENT=http://127.0.0.1:$management
  deadline=$((SECONDS + ${PINFOLD_SERVICE_START_TIMEOUT:-180}))
  until curl -fsS -o /dev/null --max-time 5 "$PC_PIN_MANAGEMENT/q/health/ready" 2>/dev/null \
    && nodes=$(pc_admin_curl -fsS --max-time 5 "$PC_PIN_URL/nodes" 2>/dev/null) \
    && active=$(jq '[.[] | select(.state == "active")] | length' <<<"$nodes" 2>/dev/null) \
    && ((active == PC_KUBO_NODES)); do
    pf_pid pin-service >/dev/null || pf_fail "pin-service exited during start" "$log"
    ((SECONDS < deadline)) || pf_fail "pin-service was not ready with $PC_KUBO_NODES active Kubo nodes within \
${PINFOLD_SERVICE_START_TIMEOUT:-180}s (last health: $(curl -sS --max-time 2 "$PC_PIN_MANAGEMENT/q/health/ready" 2>&1 | tr -s ' \n' ' ' | cut -c1-300))" "$log"
    sleep 0.5
  done
  gh_info "pin-service on $PC_PIN_URL (management $PC_PIN_MANAGEMENT), nodes: $(jq -c '[.[] | {id, state}]' <<<"$nodes")"
}

# Creates tenant <name> and prints a new bearer token of it.
pc_new_tenant_token() {
  local name=$1 tenant id answer token
  tenant=$(pc_admin_curl -fsS --max-time 10 -d "{\"name\":\"$name\"}" "$PC_PIN_URL/admin/tenants") \
    || pf_fail "could not create the tenant '$name'" "$(pf_log_file pin-service)"
  id=$(jq -r .id <<<"$tenant")
  answer=$(pc_admin_curl -fsS --max-time 10 -d '{"label":"pinning-compliance"}' "$PC_PIN_URL/admin/tenants/$id/tokens") \
    || pf_fail "could not create a token for the tenant '$name'" "$(pf_log_file pin-service)"
  token=$(jq -r .token <<<"$answer")
  [[ -n "$token" && "$token" != null ]] || pf_fail "pin-service answered no token for the tenant '$name'" "$(pf_log_file pin-service)"
  echo "$token"
}
