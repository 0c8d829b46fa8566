#!/usr/bin/env bash
# Pinfold local stack: a real Apache Kafka broker, KRaft mode (combined broker + controller, one node),
# run from Kafka's own Maven artifacts (libs/kafka-broker) — no Docker engine needed.
#
#   kafka.sh install   write libs/kafka-broker/target/broker.classpath (Maven resolves the broker's jars)
#   kafka.sh start     start the broker on PINFOLD_KAFKA_BOOTSTRAP [127.0.0.1:9092]; data survives stop/start
#   kafka.sh stop      stop it
#   kafka.sh status    print "kafka up bootstrap=… pid=…" (exit 0) or "kafka down" (exit 3)
#
# Environment: PINFOLD_KAFKA_BOOTSTRAP [127.0.0.1:9092], PINFOLD_KAFKA_CONTROLLER_PORT [broker port + 1],
# PINFOLD_KAFKA_HEAP [512m], PINFOLD_KAFKA_START_TIMEOUT [90], PINFOLD_STATE, PINFOLD_HOME.
set -euo pipefail

# shellcheck disable=SC2034 # read by lib.sh
PF_PART=kafka
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

BOOTSTRAP=${PINFOLD_KAFKA_BOOTSTRAP:-127.0.0.1:9092}
HOST=$(pf_host_of "$BOOTSTRAP")
PORT=$(pf_port_of "$BOOTSTRAP")
CONTROLLER_PORT=${PINFOLD_KAFKA_CONTROLLER_PORT:-$((PORT + 1))}
HEAP=${PINFOLD_KAFKA_HEAP:-512m}
START_TIMEOUT=${PINFOLD_KAFKA_START_TIMEOUT:-90}

CLASSPATH_FILE="$PF_ROOT/libs/kafka-broker/target/broker.classpath"
LOG4J_CONFIG="$PF_ROOT/deploy/local/kafka/log4j2.xml"
LOG=$(pf_log_file kafka)
DATA=$(pf_data_dir kafka)

usage() {
  echo "usage: $(basename "$0") install | start | stop | status" >&2
  exit 2
}

# True when the classpath file exists and every jar it names is still in the local Maven repository.
classpath_complete() {
  [[ -s "$CLASSPATH_FILE" ]] || return 1
  local jar
  local IFS=:
  for jar in $(<"$CLASSPATH_FILE"); do
    [[ -f "$jar" ]] || return 1
  done
}

cmd_install() {
  pf_state_dirs
  local log
  log=$(pf_log_file kafka-install)
  command -v java >/dev/null || pf_fail "a Java 17+ runtime is needed and 'java' is not on PATH" "$log"
  mkdir -p "$(dirname "$CLASSPATH_FILE")"
  # A test run and ./pinfold up may install at the same moment: one Maven run, the other waits.
  exec 8>"$(dirname "$CLASSPATH_FILE")/.install.lock"
  flock 8
  if ! classpath_complete; then
    pf_info "resolving the Kafka broker jars with Maven (first run only)"
    if ! (cd "$PF_ROOT" && ./mvnw -q -B -pl libs/kafka-broker package) >>"$log" 2>&1 8>&-; then
      pf_fail "Maven could not resolve the broker's classpath (libs/kafka-broker)" "$log"
    fi
    classpath_complete || pf_fail "Maven ran but $CLASSPATH_FILE is missing or incomplete" "$log"
  fi
  # Release now: a broker started next would inherit the descriptor and hold the lock for its lifetime.
  exec 8>&-
}

write_server_properties() {
  cat >"$DATA/server.properties" <<EOF
# Written by deploy/local/parts/kafka.sh at every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA/log
num.partitions=1
# The services create their topics with the configs they need (compaction, partitions).
auto.create.topics.enable=false
# One node: internal topics cannot have more than one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Consumers of a fresh group start at once instead of after the default 3 s.
group.initial.rebalance.delay.ms=0
EOF
}

# Formats the log directory once (KRaft needs a cluster id); later starts reuse it, so data survives.
format_once() {
  [[ -f "$DATA/log/meta.properties" ]] && return 0
  local cluster_id
  # URL-safe base64 of 16 random bytes, as Kafka's own ids; never starting with '-', which the storage tool's
  # argument parser would read as an option (1 in 64 ids did, and formatting failed).
  cluster_id=-
  while [[ $cluster_id == -* ]]; do
    cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  done
  pf_info "formatting a new KRaft log directory in $DATA/log"
  if ! java -cp "$(<"$CLASSPATH_FILE")" -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
    kafka.tools.StorageTool format --cluster-id "$cluster_id" --config "$DATA/server.properties" \
    >>"$LOG" 2>&1; then
    pf_fail "formatting the KRaft storage failed" "$LOG"
  fi
}

# The broker logs this once it serves clients; a listening port alone comes earlier than that.
broker_started_since() {
  tail -c +"$(($1 + 1))" "$LOG" 2>/dev/null | grep -c "Kafka Server started" >/dev/null  # -c reads it all: no SIGPIPE for tail under pipefail
}

cmd_start() {
  pf_state_dirs
  mkdir -p "$DATA"
  local pid offset
  if pid=$(pf_pid kafka); then
    pf_info "already running (pid $pid) on $HOST:$PORT"
    return 0
  fi
  cmd_install
  pf_require_free_port "$HOST" "$PORT" "Kafka broker" "$LOG"
  pf_require_free_port 127.0.0.1 "$CONTROLLER_PORT" "Kafka controller, PINFOLD_KAFKA_CONTROLLER_PORT" "$LOG"
  write_server_properties
  format_once

  offset=$(stat -c %s "$LOG" 2>/dev/null || echo 0)
  pf_info "starting on $HOST:$PORT (controller 127.0.0.1:$CONTROLLER_PORT)"
  pf_spawn kafka "$LOG" "$DATA/server.properties" java "-Xms128m" "-Xmx$HEAP" -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
    -cp "$(<"$CLASSPATH_FILE")" kafka.Kafka "$DATA/server.properties"
  pf_wait_port kafka "$HOST" "$PORT" "$START_TIMEOUT" "$LOG"
  pf_wait_until kafka "$START_TIMEOUT" "the broker" "$LOG" broker_started_since "$offset"
  pf_info "ready on $HOST:$PORT"
  pf_watch_owner kafka "$PF_ROOT/deploy/local/parts/kafka.sh" stop
}

cmd_stop() {
  if pf_pid kafka >/dev/null; then
    pf_info "stopping"
    pf_terminate kafka 30
  fi
}

cmd_status() {
  pf_status_line kafka "bootstrap=$HOST:$PORT"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage ;;
esac
