-- The Kubo nodes gc-service plans GC for, as announced on pinfold.nodes (pin-service owns the registry).
CREATE TABLE gc_node (
    id           TEXT PRIMARY KEY,
    peer_id      TEXT        NOT NULL,
    rpc_url      TEXT        NOT NULL,
    state        TEXT        NOT NULL CHECK (state IN ('active', 'draining', 'down')),
    announced_at TIMESTAMPTZ NOT NULL
);
