-- Where a node sits and how much it may hold, for allocation: replicas of a pin are spread over zones first.
-- A node without a zone is a zone of its own; without a capacity it is never counted as full. Tags are the
-- operator's labels, stored canonically as "k1=v1,k2=v2" sorted by key (their syntax allows neither ',' nor '=').
ALTER TABLE kubo_node
    ADD COLUMN region         TEXT,
    ADD COLUMN zone           TEXT,
    ADD COLUMN capacity_bytes BIGINT CHECK (capacity_bytes > 0),
    ADD COLUMN tags           TEXT NOT NULL DEFAULT '';
CREATE INDEX kubo_node_zone ON kubo_node (zone);
