-- Content blocked on pinfold.denylist (kind cid): its blocks are purged from every node once the node no longer pins
-- it (pin-service unpins blocked content; pinfold.pin-status says when), recorded against the takedown notice.
CREATE TABLE gc_purge (
    entry_key  TEXT PRIMARY KEY,  -- the denylist record key
    cid        TEXT        NOT NULL,
    multihash  TEXT        NOT NULL,  -- base32, as the entry names it
    notice_id  TEXT,
    added_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX gc_purge_by_multihash ON gc_purge (multihash);
CREATE INDEX gc_purge_by_notice ON gc_purge (notice_id);

-- One row per blocked content and node (every node gc-service knows, also nodes announced later): pending until a
-- purge run found it unpinned there and removed its blocks. checked_at: the last run that found it still pinned
-- (rechecked after pinfold.gc.purge-recheck, or at once when pin-status says it was unpinned there).
CREATE TABLE gc_purge_node (
    entry_key      TEXT        NOT NULL REFERENCES gc_purge (entry_key) ON DELETE CASCADE,
    node_id        TEXT        NOT NULL,
    state          TEXT        NOT NULL CHECK (state IN ('pending', 'purged')),
    checked_at     TIMESTAMPTZ,
    run_id         UUID,
    purged_at      TIMESTAMPTZ,
    PRIMARY KEY (entry_key, node_id)
);
CREATE INDEX gc_purge_node_pending ON gc_purge_node (node_id) WHERE state = 'pending';
