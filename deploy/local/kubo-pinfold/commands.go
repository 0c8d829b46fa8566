package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ipfs/boxo/blockservice"
	"github.com/ipfs/boxo/exchange/offline"
	"github.com/ipfs/boxo/ipld/merkledag"
	pin "github.com/ipfs/boxo/pinning/pinner"
	cid "github.com/ipfs/go-cid"
	cmds "github.com/ipfs/go-ipfs-cmds"
	format "github.com/ipfs/go-ipld-format"
	"github.com/ipfs/kubo/core"
	"github.com/ipfs/kubo/core/commands/cmdenv"
	"github.com/ipfs/kubo/core/corerepo"
)

// Version of the pinfold commands; gc-service checks it before choosing targeted GC.
const Version = "2"

var pinfoldCmd = &cmds.Command{
	Helptext: cmds.HelpText{Tagline: "Pinfold's targeted GC: live roots, block keys of a DAG, deletion under the GC lock."},
	Subcommands: map[string]*cmds.Command{
		"roots":   rootsCmd,
		"refs":    refsCmd,
		"reclaim": reclaimCmd,
	},
}

// Root is one live root: what GC must keep with everything it reaches (a direct pin only itself).
type Root struct {
	Cid  string
	Key  string
	Kind string
}

// RootsOutput is every live root of the node and their fingerprint.
type RootsOutput struct {
	Version     string
	Fingerprint string
	Roots       []Root
}

// RefOutput is one block of a DAG; Missing: the DAG links to it but the node does not hold it.
type RefOutput struct {
	Key     string
	Missing bool `json:",omitempty"`
}

// ReclaimOutput says what one deletion did. Kept: candidates a root that appeared since the caller's sync reaches.
type ReclaimOutput struct {
	Removed    int
	Bytes      int64
	Absent     int
	Kept       int
	NewRoots   int
	LockMicros int64
}

// accounted remembers the root sets of the last few pinfold/roots answers by fingerprint, so that pinfold/reclaim
// knows which live roots the caller's candidates were computed against, and which appeared since.
var accounted = struct {
	sync.Mutex
	order []string
	sets  map[string]map[Root]struct{}
}{sets: map[string]map[Root]struct{}{}}

const rememberedRootSets = 8

func remember(fp string, roots []Root) {
	accounted.Lock()
	defer accounted.Unlock()
	if _, ok := accounted.sets[fp]; ok {
		return
	}
	set := make(map[Root]struct{}, len(roots))
	for _, r := range roots {
		set[r] = struct{}{}
	}
	accounted.sets[fp] = set
	accounted.order = append(accounted.order, fp)
	if len(accounted.order) > rememberedRootSets {
		delete(accounted.sets, accounted.order[0])
		accounted.order = accounted.order[1:]
	}
}

func recall(fp string) (map[Root]struct{}, bool) {
	accounted.Lock()
	defer accounted.Unlock()
	set, ok := accounted.sets[fp]
	return set, ok
}

var rootsCmd = &cmds.Command{
	Helptext: cmds.HelpText{Tagline: "List every live root (recursive, direct, mfs) and their fingerprint."},
	Run: func(req *cmds.Request, res cmds.ResponseEmitter, env cmds.Environment) error {
		n, err := cmdenv.GetNode(env)
		if err != nil {
			return err
		}
		roots, err := liveRoots(req.Context, n)
		if err != nil {
			return err
		}
		fp := fingerprint(roots)
		remember(fp, roots)
		return cmds.EmitOnce(res, &RootsOutput{Version: Version, Fingerprint: fp, Roots: roots})
	},
	Type: RootsOutput{},
}

var refsCmd = &cmds.Command{
	Helptext: cmds.HelpText{Tagline: "Stream the keys of the blocks of a DAG that are on this node, its root included."},
	Arguments: []cmds.Argument{
		cmds.StringArg("cid", true, false, "root of the DAG"),
	},
	Options: []cmds.Option{
		cmds.BoolOption("direct", "only the root itself (a direct pin)").WithDefault(false),
	},
	Run: func(req *cmds.Request, res cmds.ResponseEmitter, env cmds.Environment) error {
		n, err := cmdenv.GetNode(env)
		if err != nil {
			return err
		}
		root, err := cid.Decode(req.Arguments[0])
		if err != nil {
			return fmt.Errorf("pinfold refs: %w", err)
		}
		if direct, _ := req.Options["direct"].(bool); direct {
			return res.Emit(&RefOutput{Key: key(root)})
		}
		// Offline: only what this node holds; a missing block is skipped with what only it links to.
		dag := merkledag.NewDAGService(blockservice.New(n.Blockstore, offline.Exchange(n.Blockstore)))
		getLinks := func(ctx context.Context, c cid.Cid) ([]*format.Link, error) {
			links, err := merkledag.GetLinksWithDAG(dag)(ctx, c)
			if format.IsNotFound(err) {
				return nil, nil
			}
			return links, err
		}
		var emitErr error
		walkErr := merkledag.Walk(req.Context, getLinks, root, func(c cid.Cid) bool {
			if emitErr != nil {
				return false
			}
			has, err := n.Blockstore.Has(req.Context, c)
			if err != nil {
				emitErr = err
				return false
			}
			emitErr = res.Emit(&RefOutput{Key: key(c), Missing: !has})
			return true
		})
		if emitErr != nil {
			return emitErr
		}
		return walkErr
	},
	Type: RefOutput{},
}

var reclaimCmd = &cmds.Command{
	Helptext: cmds.HelpText{Tagline: "Delete blocks under the GC lock, if the live roots still have the given fingerprint."},
	Arguments: []cmds.Argument{
		cmds.StringArg("key", true, true, "keys of the blocks to delete"),
	},
	Options: []cmds.Option{
		cmds.StringOption("fingerprint", "fingerprint of the live roots the keys were computed against"),
		cmds.IntOption("walk-budget", "most blocks of roots that appeared since the fingerprint walked under the lock").WithDefault(2000),
	},
	Run: func(req *cmds.Request, res cmds.ResponseEmitter, env cmds.Environment) error {
		n, err := cmdenv.GetNode(env)
		if err != nil {
			return err
		}
		expected, _ := req.Options["fingerprint"].(string)
		if expected == "" {
			return errors.New("pinfold reclaim: the fingerprint option is required")
		}
		keys := make([]cid.Cid, 0, len(req.Arguments))
		for _, arg := range req.Arguments {
			c, err := cid.Decode(arg)
			if err != nil {
				return fmt.Errorf("pinfold reclaim: %w", err)
			}
			keys = append(keys, c)
		}
		budget, _ := req.Options["walk-budget"].(int)
		out, err := reclaim(req.Context, n, expected, keys, budget)
		if err != nil {
			return err
		}
		return cmds.EmitOnce(res, out)
	},
	Type: ReclaimOutput{},
}

// reclaim holds the GC lock for one batch: in-flight pins and adds (which hold the pin lock) finish first, new
// ones wait for this batch only. Under the lock, the live roots are read again and compared with those the caller's
// candidates were computed against (remembered from pinfold/roots by fingerprint): roots that appeared since (a pin
// that landed, a new MFS root) are walked offline, and every candidate they reach is kept. When they are more than
// walkBudget blocks, or the fingerprint is not remembered, nothing is deleted: the caller syncs again.
func reclaim(ctx context.Context, n *core.IpfsNode, expected string, keys []cid.Cid, walkBudget int) (*ReclaimOutput, error) {
	unlocker := n.Blockstore.GCLock(ctx)
	locked := time.Now()
	defer unlocker.Unlock(ctx)
	roots, err := liveRoots(ctx, n)
	if err != nil {
		return nil, err
	}
	out := &ReclaimOutput{}
	reached := map[string]struct{}{}
	if actual := fingerprint(roots); actual != expected {
		known, ok := recall(expected)
		if !ok {
			return nil, fmt.Errorf("pinfold reclaim: live roots changed (fingerprint %s, expected %s, which this node does not remember); nothing deleted", actual, expected)
		}
		for _, r := range roots {
			if _, old := known[r]; old {
				continue
			}
			out.NewRoots++
			if err := walkInto(ctx, n, r, reached, walkBudget); err != nil {
				return nil, err
			}
		}
	}
	for _, r := range roots {
		reached[r.Key] = struct{}{} // a live root itself is never deleted
	}
	for _, c := range keys {
		if _, live := reached[key(c)]; live {
			out.Kept++
			continue
		}
		size, err := n.Blockstore.GetSize(ctx, c)
		if format.IsNotFound(err) {
			out.Absent++
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := n.Blockstore.DeleteBlock(ctx, c); err != nil {
			return nil, err
		}
		out.Removed++
		out.Bytes += int64(size)
	}
	out.LockMicros = time.Since(locked).Microseconds()
	return out, nil
}

var errOverBudget = errors.New("over budget")

// walkInto adds the keys of the blocks root reaches on this node (offline) to reached, failing with "live roots
// changed" once more than budget blocks were added.
func walkInto(ctx context.Context, n *core.IpfsNode, root Root, reached map[string]struct{}, budget int) error {
	c, err := cid.Decode(root.Cid)
	if err != nil {
		return err
	}
	if root.Kind == "direct" {
		reached[key(c)] = struct{}{}
		return nil
	}
	dag := merkledag.NewDAGService(blockservice.New(n.Blockstore, offline.Exchange(n.Blockstore)))
	getLinks := func(ctx context.Context, c cid.Cid) ([]*format.Link, error) {
		links, err := merkledag.GetLinksWithDAG(dag)(ctx, c)
		if format.IsNotFound(err) {
			return nil, nil
		}
		return links, err
	}
	walked := 0
	err = merkledag.Walk(ctx, getLinks, c, func(c cid.Cid) bool {
		if walked >= budget {
			return false
		}
		walked++
		reached[key(c)] = struct{}{}
		return true
	})
	if err != nil {
		return err
	}
	if walked >= budget {
		return fmt.Errorf("pinfold reclaim: live roots changed: roots new since the fingerprint reach more than %d blocks; nothing deleted", budget)
	}
	return nil
}

func liveRoots(ctx context.Context, n *core.IpfsNode) ([]Root, error) {
	var roots []Root
	collect := func(kind string, ch <-chan pin.StreamedPin) error {
		var failed error
		for p := range ch { // drained to the end, so the pinner's goroutine ends
			if p.Err != nil {
				failed = p.Err
			}
			if failed == nil {
				roots = append(roots, Root{Cid: p.Pin.Key.String(), Key: key(p.Pin.Key), Kind: kind})
			}
		}
		return failed
	}
	if err := collect("recursive", n.Pinning.RecursiveKeys(ctx, false)); err != nil {
		return nil, err
	}
	if err := collect("direct", n.Pinning.DirectKeys(ctx, false)); err != nil {
		return nil, err
	}
	if err := collect("internal", n.Pinning.InternalPins(ctx, false)); err != nil {
		return nil, err
	}
	mfs, err := corerepo.BestEffortRoots(n)
	if err != nil {
		return nil, err
	}
	for _, c := range mfs {
		roots = append(roots, Root{Cid: c.String(), Key: key(c), Kind: "mfs"})
	}
	return roots, nil
}

func fingerprint(roots []Root) string {
	lines := make([]string, len(roots))
	for i, r := range roots {
		lines[i] = r.Kind + " " + r.Cid
	}
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(sum[:])
}

func key(c cid.Cid) string {
	return cid.NewCidV1(cid.Raw, c.Hash()).String()
}
