-- A node.state-changed record gc-service publishes must stand alone once pinfold.nodes is compacted, so the view
-- keeps the rest of the node's registration too: the gateway URL (NULL until the node's next record arrives; no drain
-- until it is known), swarm addresses and tags as JSON text, Kubo version, region, zone and capacity.
ALTER TABLE gc_node ADD COLUMN gateway_url TEXT;
ALTER TABLE gc_node ADD COLUMN swarm_addresses TEXT;
ALTER TABLE gc_node ADD COLUMN kubo_version TEXT;
ALTER TABLE gc_node ADD COLUMN region TEXT;
ALTER TABLE gc_node ADD COLUMN zone TEXT;
ALTER TABLE gc_node ADD COLUMN capacity_bytes BIGINT;
ALTER TABLE gc_node ADD COLUMN tags TEXT;

-- Per-node GC policy, set by operators over REST. NULL watermark: that trigger is off.
CREATE TABLE gc_policy (
    node_id                       TEXT PRIMARY KEY,
    mode                          TEXT        NOT NULL CHECK (mode IN ('full', 'targeted')),
    dry_run                       BOOLEAN     NOT NULL DEFAULT FALSE,
    reclaimable_bytes_watermark   BIGINT      CHECK (reclaimable_bytes_watermark >= 0),
    repo_usage_watermark_percent  INTEGER     CHECK (repo_usage_watermark_percent BETWEEN 1 AND 100),
    min_interval_seconds          BIGINT      NOT NULL CHECK (min_interval_seconds >= 0),
    windows                       TEXT        NOT NULL DEFAULT '',
    updated_at                    TIMESTAMPTZ NOT NULL
);

-- Roots unpinned on a node (from pinfold.pin-status) whose blocks may still be there, with their size when the node
-- answered dag stat. Re-pinned on the node: the row goes. A run that started after unpinned_at removed them.
CREATE TABLE gc_reclaimable_root (
    node_id     TEXT        NOT NULL,
    cid         TEXT        NOT NULL,
    pin_id      TEXT        NOT NULL,
    size_bytes  BIGINT,
    unpinned_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (node_id, cid)
);

-- Each node's repo size against its StorageMax (repo stat), refreshed periodically.
CREATE TABLE gc_node_usage (
    node_id     TEXT PRIMARY KEY,
    repo_size   BIGINT      NOT NULL,
    storage_max BIGINT      NOT NULL,
    checked_at  TIMESTAMPTZ NOT NULL
);

-- Every run: what triggered it, what it freed, how long the node was locked and drained, how it ended.
CREATE TABLE gc_run (
    id             UUID PRIMARY KEY,
    node_id        TEXT        NOT NULL,
    mode           TEXT        NOT NULL,
    run_trigger    TEXT        NOT NULL,
    dry_run        BOOLEAN     NOT NULL,
    drained        BOOLEAN     NOT NULL,
    outcome        TEXT        NOT NULL CHECK (outcome IN ('running', 'completed', 'failed', 'abandoned', 'dry-run')),
    error          TEXT,
    blocks_removed BIGINT      NOT NULL DEFAULT 0,
    bytes_freed    BIGINT      NOT NULL DEFAULT 0,
    estimated_bytes BIGINT,
    lock_ms        BIGINT,
    duration_ms    BIGINT,
    started_at     TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ
);
CREATE INDEX gc_run_by_start ON gc_run (started_at DESC, id);
CREATE INDEX gc_run_by_node ON gc_run (node_id, started_at DESC);

-- One run per node at a time across every gc-service copy: the row is the lease. Its owner renews expires_at while
-- the run goes on; once it has expired, whichever copy sees it first returns a drained node to active and closes
-- the run (see LeaseReaper).
CREATE TABLE gc_lease (
    node_id    TEXT PRIMARY KEY,
    run_id     UUID        NOT NULL,
    owner      TEXT        NOT NULL,
    drained    BOOLEAN     NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
