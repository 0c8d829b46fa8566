-- Desired pin state: what should be pinned, per pin request, as requested over REST or by events
-- published to pinfold.pins. The reconciler makes the nodes match it.
CREATE TABLE desired_pin (
    pin_id         TEXT PRIMARY KEY,
    tenant         TEXT        NOT NULL,
    cid            TEXT        NOT NULL,
    multihash      TEXT        NOT NULL,
    name           TEXT,
    replication    INTEGER,
    requested_at   TIMESTAMPTZ NOT NULL,
    removed_at     TIMESTAMPTZ,
    removal_reason TEXT
);
CREATE INDEX desired_pin_multihash ON desired_pin (multihash);
CREATE INDEX desired_pin_tenant ON desired_pin (tenant, requested_at);
