-- The Pinning Service API's pin objects, and the per-node pins the reconciler makes real.
--
-- desired_pin (one row per pin request id, per tenant) gains what the API returns: the aggregate status the
-- reconciler keeps, the request's origins and meta, and the info the reconciler reports. JSONB so the API can
-- filter meta by containment (GET /pins?meta=…) and return info as given.
ALTER TABLE desired_pin
    ADD COLUMN status            TEXT        NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'pinning', 'pinned', 'failed')),
    ADD COLUMN origins           JSONB       NOT NULL DEFAULT '[]',
    ADD COLUMN meta              JSONB       NOT NULL DEFAULT '{}',
    ADD COLUMN info              JSONB       NOT NULL DEFAULT '{}',
    ADD COLUMN failure_reason    TEXT,
    ADD COLUMN status_changed_at TIMESTAMPTZ;

-- One row per (pin request, node it is allocated to): the unit of reconcile work.
--   wanted = true : the node must hold the content for this pin (pin add until pinned, then kept there).
--   wanted = false: the pin was removed or replaced, or moved off the node; the node's copy goes (pin rm) once
--                   no wanted row on the same node has the same multihash, then the row is deleted.
-- Writers: the API / event path inserts rows (wanted) when it allocates and flips wanted to false on removal, in
-- the transaction that changes desired_pin and appends the outbox event. The reconciler owns every other column.
-- multihash and cid are copied from desired_pin so "does any wanted pin on this node still want this content"
-- is one index lookup.
CREATE TABLE node_pin (
    pin_id          TEXT        NOT NULL REFERENCES desired_pin (pin_id),
    node_id         TEXT        NOT NULL REFERENCES kubo_node (id),
    multihash       TEXT        NOT NULL,
    cid             TEXT        NOT NULL,
    wanted          BOOLEAN     NOT NULL DEFAULT TRUE,
    status          TEXT        NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'pinning', 'pinned', 'failed', 'unpinning', 'unpinned')),
    blocks_fetched  BIGINT,
    attempts        INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TIMESTAMPTZ NOT NULL,
    failure_reason  TEXT,
    allocated_at    TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (pin_id, node_id)
);
-- The reconciler's queue per node: rows not settled yet, oldest due first.
CREATE INDEX node_pin_due ON node_pin (node_id, next_attempt_at)
    WHERE wanted OR status <> 'unpinned';
-- "Is this content still wanted on this node?"
CREATE INDEX node_pin_content ON node_pin (node_id, multihash) WHERE wanted;
