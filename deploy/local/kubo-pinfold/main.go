// Command ipfs is Kubo v0.43.1 with three more RPC commands under /api/v0/pinfold/, used by gc-service's targeted
// GC. They read and delete blocks straight from the node's blockstore: no pin walk as in `block rm` (ipfs/kubo#6562).
//
//	pinfold/roots             every live root (recursive and direct pins, MFS roots) and their fingerprint
//	pinfold/refs <cid>        the block keys of a DAG present on the node (offline walk, missing blocks skipped)
//	pinfold/reclaim <key>...  deletes the given blocks under the GC lock, only if the live roots still have the
//	                          fingerprint the caller computed its candidates from
//
// Block keys are CIDv1 raw CIDs of the block's multihash: Kubo's blockstore keys blocks by multihash, so one block
// reached as QmX (CIDv0), bafy… (dag-pb) or bafk… (raw) has one key.
package main

import (
	"os"

	"github.com/ipfs/kubo/cmd/ipfs/kubo"
	corecmds "github.com/ipfs/kubo/core/commands"
)

func main() {
	corecmds.Root.Subcommands["pinfold"] = pinfoldCmd
	os.Exit(kubo.Start(kubo.BuildDefaultEnv))
}
