-- Kubo nodes known to Pinfold. The id is the operator's name for the node (a DNS label, stable across
-- repo re-initialisation); the peer ID is learned from the node itself.
CREATE TABLE kubo_node (
    id            TEXT PRIMARY KEY,
    peer_id       TEXT        NOT NULL,
    rpc_url       TEXT        NOT NULL,
    gateway_url   TEXT        NOT NULL,
    state         TEXT        NOT NULL CHECK (state IN ('active', 'draining', 'down')),
    kubo_version  TEXT,
    registered_at TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
