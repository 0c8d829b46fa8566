#!/usr/bin/env bash
# Pinfold local stack: dnsmasq as a small authoritative-only DNS server on loopback, for the DNSLink tests of
# pin-service's follow lists. It forwards nothing (no upstream, no /etc/hosts): it answers only the records in
# its records file, so a test controls exactly what DNSLink says.
#
#   dnsmasq.sh install   install Debian's dnsmasq-base package when no dnsmasq binary is found (root); -base is
#                        the binary alone: the 'dnsmasq' package would also start a system-wide resolver on port 53
#   dnsmasq.sh start     start it on PINFOLD_DNS_HOST:PINFOLD_DNS_PORT (UDP and TCP) with the records file
#   dnsmasq.sh restart   stop and start again: how a rewritten records file takes effect (dnsmasq re-reads hosts
#                        files on SIGHUP, but TXT records only at start)
#   dnsmasq.sh stop      stop it
#   dnsmasq.sh status    print "dnsmasq up dns=… pid=…" (exit 0) or "dnsmasq down" (exit 3)
#
# Environment: PINFOLD_DNS_HOST [127.0.0.1, loopback only], PINFOLD_DNS_PORT [5353],
# PINFOLD_DNS_RECORDS [$PINFOLD_STATE/data/dnsmasq/records.conf: dnsmasq option lines such as
# txt-record=_dnslink.example.test,"dnslink=/ipfs/bafy…"; created empty when absent], PINFOLD_DNS_START_TIMEOUT [20].
set -euo pipefail

# shellcheck disable=SC2034 # read by lib.sh
PF_PART=dnsmasq
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

HOST=${PINFOLD_DNS_HOST:-127.0.0.1}
PORT=${PINFOLD_DNS_PORT:-5353}
RECORDS=${PINFOLD_DNS_RECORDS:-$(pf_data_dir dnsmasq)/records.conf}
START_TIMEOUT=${PINFOLD_DNS_START_TIMEOUT:-20}
LOG=$(pf_log_file dnsmasq)
INSTALL_LOG=$(pf_log_file dnsmasq-install)

usage() {
  echo "usage: $(basename "$0") install | start | restart | stop | status" >&2
  exit 2
}

find_bin() {
  local bin
  for bin in "$(command -v dnsmasq 2>/dev/null)" /usr/sbin/dnsmasq /sbin/dnsmasq; do
    [[ -n "$bin" && -x "$bin" ]] && { echo "$bin"; return 0; }
  done
  return 1
}

cmd_install() {
  pf_state_dirs
  find_bin >/dev/null && return 0
  [[ $EUID -eq 0 ]] || pf_fail "no dnsmasq binary found; install Debian's 'dnsmasq-base' package (needs root)" "$INSTALL_LOG"
  pf_info "installing Debian's dnsmasq-base package (apt-get)"
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends dnsmasq-base; } \
    >>"$INSTALL_LOG" 2>&1 </dev/null; then
    pf_fail "apt-get could not install the dnsmasq-base package" "$INSTALL_LOG"
  fi
  find_bin >/dev/null || pf_fail "dnsmasq-base was installed but no dnsmasq binary was found" "$INSTALL_LOG"
}

require_loopback_host() {
  case "$HOST" in
    127.*) ;;
    *) pf_fail "PINFOLD_DNS_HOST: '$HOST' is not a loopback IPv4 address; the test DNS server listens on loopback only" ;;
  esac
}

cmd_start() {
  require_loopback_host
  cmd_install
  local bin pid
  bin=$(find_bin)
  if pid=$(pf_pid dnsmasq); then
    pf_info "already running (pid $pid) on $HOST:$PORT"
    return 0
  fi
  mkdir -p "$(dirname "$RECORDS")"
  [[ -f "$RECORDS" ]] || : >"$RECORDS"
  chmod 644 "$RECORDS"
  touch "$LOG"
  pf_require_free_port "$HOST" "$PORT" "DNS, PINFOLD_DNS_PORT" "$LOG"
  pf_info "starting on $HOST:$PORT (records: $RECORDS)"
  # --conf-file=/dev/null first: never the system's /etc/dnsmasq.conf, only our records file (read before dnsmasq
  # drops root). No cache, no negative cache: every answer reflects the file of this start. The records file's path
  # on the command line tells our process from any other dnsmasq (pf_pid).
  pf_spawn dnsmasq "$LOG" "--conf-file=$RECORDS" "$bin" --keep-in-foreground --conf-file=/dev/null --conf-file="$RECORDS" \
    --no-resolv --no-hosts --no-poll --no-negcache --cache-size=0 --bind-interfaces --listen-address="$HOST" \
    --port="$PORT" --pid-file= --log-facility=- --log-queries
  pf_wait_port dnsmasq "$HOST" "$PORT" "$START_TIMEOUT" "$LOG"
  pf_info "ready on $HOST:$PORT"
  pf_watch_owner dnsmasq "$PF_ROOT/deploy/local/parts/dnsmasq.sh" stop
}

cmd_stop() {
  pf_pid dnsmasq >/dev/null || return 0
  pf_info "stopping"
  pf_terminate dnsmasq 10
}

cmd_status() {
  pf_status_line dnsmasq "dns=$HOST:$PORT"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  restart) cmd_stop && cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage ;;
esac
