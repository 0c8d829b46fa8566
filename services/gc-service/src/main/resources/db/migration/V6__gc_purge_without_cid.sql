-- A denylist entry may name its content by multihash only (an entry built from a rule, an imported list's
-- /ipfs/<cid> line): the CID is then unknown and the purge derives it from the multihash and the block the node
-- holds (dag-pb, else raw). V5 is kept as it was applied.
ALTER TABLE gc_purge ALTER COLUMN cid DROP NOT NULL;
