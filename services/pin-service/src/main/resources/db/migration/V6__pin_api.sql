-- The Pinning Service API over desired_pin.
--
-- created (requested_at) is unique per tenant: GET /pins pages with before=<created of the oldest pin seen>, and
-- clients (Kubo's `pin remote ls`, the compliance suite) send it with millisecond precision, so two pins of one
-- tenant in the same millisecond could be skipped at a page boundary. The create path takes the tenant's row lock
-- and gives each new pin max(now, tenant's newest + 1 ms), truncated to milliseconds; this index holds it to that.
DROP INDEX desired_pin_tenant;
CREATE UNIQUE INDEX desired_pin_tenant_created ON desired_pin (tenant, requested_at);

-- GET /pins: a tenant's live pins newest first, with the status filter (default: pinned) in the index, so a page
-- of 10 out of a tenant's 10k-1M pins reads ~10 index entries; ties on created cannot happen (above) but the order
-- still ends in pin_id so it is total.
CREATE INDEX desired_pin_listing ON desired_pin (tenant, status, requested_at DESC, pin_id DESC)
    WHERE removed_at IS NULL;
-- ?cid=…: matched by multihash, so every CID form of the content finds the pin.
CREATE INDEX desired_pin_tenant_content ON desired_pin (tenant, multihash) WHERE removed_at IS NULL;
-- ?meta={…}: JSON containment (meta @> filter).
CREATE INDEX desired_pin_meta ON desired_pin USING GIN (meta jsonb_path_ops) WHERE removed_at IS NULL;

-- The replication factor each pin was placed with (tenant default or meta override, capped): the reconciler
-- re-allocates with it when a node goes. replication (V2) stays what the request itself asked for, if anything.
ALTER TABLE desired_pin
    ADD COLUMN replication_min INTEGER CHECK (replication_min BETWEEN 1 AND 16),
    ADD COLUMN replication_max INTEGER CHECK (replication_max BETWEEN 1 AND 16),
    ADD CONSTRAINT desired_pin_replication_order CHECK (replication_min <= replication_max);

-- A tenant's default replication factor (NULL: the service's pinfold.replication.min/max).
ALTER TABLE tenant
    ADD COLUMN replication_min INTEGER CHECK (replication_min BETWEEN 1 AND 16),
    ADD COLUMN replication_max INTEGER CHECK (replication_max BETWEEN 1 AND 16),
    ADD CONSTRAINT tenant_replication_order CHECK (replication_min <= replication_max),
    ADD CONSTRAINT tenant_replication_both CHECK ((replication_min IS NULL) = (replication_max IS NULL));

-- The swarm multiaddrs a node reported at registration (`ipfs id`), each ending in /p2p/<peer id), space-separated
-- (a multiaddr has no white space): the API's delegates for the pins allocated to the node.
ALTER TABLE kubo_node ADD COLUMN swarm_addresses TEXT NOT NULL DEFAULT '';
