#!/bin/sh
# Runs before every start of a Kubo node: creates the repo on its volume once, then re-applies the
# settings that depend on the pod (its IP changes with every restart).
set -eu

if [ ! -f "$IPFS_PATH/config" ]; then
  ipfs init --profile=server
fi
# After an image upgrade the repo may be older than this Kubo: `ipfs config` refuses such a repo.
ipfs repo migrate

# RPC API and gateway on the pod IP only: reachable inside the cluster through the headless Service
# kubo, never on a node or load-balancer address. Swarm on every interface, for the IPFS network.
ipfs config Addresses.API "/ip4/$POD_IP/tcp/5001"
ipfs config Addresses.Gateway "/ip4/$POD_IP/tcp/8080"
ipfs config --json Addresses.Swarm '["/ip4/0.0.0.0/tcp/4001", "/ip4/0.0.0.0/udp/4001/quic-v1"]'
# The server profile refuses private address ranges, and pods reach each other on them; its
# Addresses.NoAnnounce still keeps those addresses out of the public DHT.
ipfs config --json Swarm.AddrFilters '[]'
# Room for the repo below the volume size; gc-service, not Kubo, decides when to collect.
ipfs config Datastore.StorageMax "$KUBO_STORAGE_MAX"
