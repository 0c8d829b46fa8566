-- A denylist entry may name its content by multihash only (an entry built from a rule, an imported list's
-- /ipfs/<cid> line): the CID is then unknown and the purge derives it from the multihash and the block the node
-- holds (dag-pb, else raw). V5 is kept as it was applied.
ALTER TABLE gc_purge ALTER COLUMN cid DROP NOT NULL;

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
