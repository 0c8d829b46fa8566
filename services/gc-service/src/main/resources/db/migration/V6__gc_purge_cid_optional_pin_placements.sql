-- A denylist entry may name its content by multihash only (an entry built from a rule, an imported list's
-- /ipfs/<cid> line): the CID is then unknown and the purge derives it from the multihash and the block the node
-- holds (dag-pb, else raw). V5 is kept as it was applied.
ALTER TABLE gc_purge ALTER COLUMN cid DROP NOT NULL;
-- lifted_at: the entry was lifted (tombstone) after some node was purged; nodes announced later get no purge of it.
ALTER TABLE gc_purge ADD COLUMN lifted_at TIMESTAMPTZ;
-- woken_at: pin-status said the content was unpinned on the node; the purge is due again when this is later than
-- checked_at (the time the last purge run read the node's live roots, or started), so an unpin that lands while a
-- run is looking is never lost.
ALTER TABLE gc_purge_node ADD COLUMN woken_at TIMESTAMPTZ;

-- Where pin-service's pins are pinned, from pinfold.pin-status (pinned: a row; unpinned: gone), so that a full GC
-- never drains the last active node holding a replica of some pinned content. Keyed by the pin: two pins of one
-- content on a node are two rows; content is matched across nodes by multihash (any CID form).
CREATE TABLE gc_pin_placement (
    node_id    TEXT        NOT NULL,
    pin_id     TEXT        NOT NULL,
    cid        TEXT        NOT NULL,
    multihash  TEXT        NOT NULL,  -- base32
    pinned_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (node_id, pin_id)
);
CREATE INDEX gc_pin_placement_by_multihash ON gc_pin_placement (multihash, node_id);
