#!/bin/sh
# Keeps Kubo nodes peered with each other, so a block one node holds is fetched from it directly.
# Peers: PINFOLD_KUBO_RPC_URLS (the list the services use). Nodes to configure: KUBO_PEERING_TARGETS
# (RPC URLs; default: all of them). Kubo's Peering reconnects by itself; re-adding every
# KUBO_PEERING_INTERVAL seconds covers a peer that came back with a new address.
set -u

SWARM_PORT=${KUBO_SWARM_PORT:-4001}
INTERVAL=${KUBO_PEERING_INTERVAL:-60}
: "${PINFOLD_KUBO_RPC_URLS:?required: the comma-separated RPC URLs of the Kubo nodes}"
PEERS=$(echo "$PINFOLD_KUBO_RPC_URLS" | tr ',' ' ')
TARGETS=$(echo "${KUBO_PEERING_TARGETS:-$PINFOLD_KUBO_RPC_URLS}" | tr ',' ' ')

host_of() { hostport=${1#*://}; hostport=${hostport%%/*}; echo "${hostport%:*}"; }
port_of() { hostport=${1#*://}; hostport=${hostport%%/*}; echo "${hostport##*:}"; }

# A TCP multiaddr: kubo-0.kubo 5001 -> /dns4/kubo-0.kubo/tcp/5001 (an IPv4 address gets /ip4).
tcp_addr() {
  case "$1" in
    *[!0-9.]*) echo "/dns4/$1/tcp/$2" ;;
    *) echo "/ip4/$1/tcp/$2" ;;
  esac
}

api_of() { tcp_addr "$(host_of "$1")" "$(port_of "$1")"; }

peer_id() { ipfs --api "$(api_of "$1")" id -f '<id>' 2>/dev/null; }

while :; do
  for target in $TARGETS; do
    target_id=$(peer_id "$target") || continue
    for peer in $PEERS; do
      id=$(peer_id "$peer") || continue
      [ "$id" = "$target_id" ] && continue
      addr="$(tcp_addr "$(host_of "$peer")" "$SWARM_PORT")/p2p/$id"
      # Peering keeps the connection from now on; connect makes the first one without waiting for it.
      if ipfs --api "$(api_of "$target")" swarm peering add "$addr" >/dev/null 2>&1; then
        ipfs --api "$(api_of "$target")" swarm connect "$addr" >/dev/null 2>&1 || true
      else
        echo "peering: could not add $addr to $target (will retry)" >&2
      fi
    done
  done
  [ "${KUBO_PEERING_ONCE:-0}" = 1 ] && exit 0
  sleep "$INTERVAL"
done
