-- Targeted GC's block-reference index, per node. A root is a DAG some pin or MFS kept (live) or kept once (not live:
-- unpinned since, its blocks are candidates). Its blocks are keyed by multihash (CIDv1 raw of it), as Kubo's
-- blockstore keys them, so a block reached as CIDv0, dag-pb CIDv1 or raw CIDv1 is one key. A DAG never changes under
-- its CID, so a complete root's rows stay true for good; an incomplete one (blocks missing on the node when walked,
-- e.g. an MFS tree copied in lazily) is walked again at every run while live.
CREATE TABLE gc_index_root (
    id          BIGSERIAL PRIMARY KEY,
    node_id     TEXT        NOT NULL,
    root_cid    TEXT        NOT NULL,
    whole_dag   BOOLEAN     NOT NULL, -- false: a direct pin, only its root block is kept
    kind        TEXT        NOT NULL, -- what kept it when indexed: recursive, direct, internal, mfs, unpinned
    live        BOOLEAN     NOT NULL,
    complete    BOOLEAN     NOT NULL,
    block_count BIGINT      NOT NULL,
    indexed_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (node_id, root_cid, whole_dag)
);
CREATE INDEX gc_index_root_dead ON gc_index_root (node_id) WHERE NOT live;

CREATE TABLE gc_index_block (
    root_id   BIGINT NOT NULL REFERENCES gc_index_root (id) ON DELETE CASCADE,
    node_id   TEXT   NOT NULL,
    block_key TEXT   NOT NULL,
    PRIMARY KEY (root_id, block_key)
);
CREATE INDEX gc_index_block_by_key ON gc_index_block (node_id, block_key);

-- Why a run got its mode (the cost model's reason), e.g. "full: the node's Kubo has no pinfold/* commands".
ALTER TABLE gc_run ADD COLUMN mode_reason TEXT;
