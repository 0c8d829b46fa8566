-- Follow lists: names a tenant cares about (IPNS names, DNSLink domains, /ipns/ and /ipfs/ paths), re-resolved
-- on a schedule; each new target becomes one of the tenant's pins (desired_pin), tagged in its meta.

-- A tenant's named list with its schedule, how many versions each entry keeps pinned, how long an older version
-- stays pinned after it left the last N, and the options its pins get (replication factor, meta).
CREATE TABLE follow_list (
    id               UUID PRIMARY KEY,
    tenant_id        UUID        NOT NULL REFERENCES tenant (id),
    name             TEXT        NOT NULL,
    interval_seconds INTEGER     NOT NULL CHECK (interval_seconds >= 1),
    jitter_seconds   INTEGER     NOT NULL CHECK (jitter_seconds >= 0),
    keep_versions    INTEGER     NOT NULL CHECK (keep_versions BETWEEN 1 AND 100),
    grace_seconds    BIGINT      NOT NULL CHECK (grace_seconds >= 0),
    replication_min  INTEGER CHECK (replication_min BETWEEN 1 AND 16),
    replication_max  INTEGER CHECK (replication_max BETWEEN 1 AND 16),
    meta             TEXT        NOT NULL DEFAULT '{}',
    created_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, name),
    CHECK ((replication_min IS NULL) = (replication_max IS NULL)),
    CHECK (replication_min <= replication_max)
);

-- One name of a list. target is what the tenant wrote; kind and normalized say how it is resolved (an IPNS key in
-- any form is kept as its CIDv1 libp2p-key base36 name, so two spellings of one key are one entry).
-- Scheduling and leases live on the row: an entry is due when next_resolve_at has passed or one of its versions
-- has outlived its grace; a copy claims it (lease_token, lease_until) and only the holder of the token may record
-- the outcome. failures counts consecutive failed resolutions (the backoff).
CREATE TABLE follow_entry (
    id              UUID PRIMARY KEY,
    list_id         UUID        NOT NULL REFERENCES follow_list (id) ON DELETE CASCADE,
    target          TEXT        NOT NULL,
    kind            TEXT        NOT NULL CHECK (kind IN ('ipns', 'dnslink', 'ipfs')),
    normalized      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    next_resolve_at TIMESTAMPTZ NOT NULL,
    failures        INTEGER     NOT NULL DEFAULT 0,
    current_path    TEXT,
    resolved_at     TIMESTAMPTZ,
    last_error      TEXT,
    lease_owner     TEXT,
    lease_token     UUID,
    lease_until     TIMESTAMPTZ,
    UNIQUE (list_id, normalized)
);
CREATE INDEX follow_entry_due ON follow_entry (next_resolve_at);

-- The versions (resolved targets) an entry pinned, each one pin. current_since orders them: the last N by it stay
-- pinned; an older one gets unpin_after = when it left the last N + grace, and unpinned_at once its pin is removed.
CREATE TABLE follow_version (
    id            UUID PRIMARY KEY,
    entry_id      UUID        NOT NULL REFERENCES follow_entry (id) ON DELETE CASCADE,
    pin_id        TEXT        NOT NULL UNIQUE,
    cid           TEXT        NOT NULL,
    path          TEXT        NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL,
    current_since TIMESTAMPTZ NOT NULL,
    unpin_after   TIMESTAMPTZ,
    unpinned_at   TIMESTAMPTZ
);
CREATE INDEX follow_version_entry ON follow_version (entry_id);
CREATE INDEX follow_version_expiring ON follow_version (unpin_after) WHERE unpinned_at IS NULL AND unpin_after IS NOT NULL;
CREATE UNIQUE INDEX follow_version_live_cid ON follow_version (entry_id, cid) WHERE unpinned_at IS NULL;

-- Every resolution, as the API shows it and io.pinfold.follow.resolved announces it: when, by which trigger, the
-- outcome (unchanged, changed, failed), the path it resolved to, the pins it added and removed, the error.
CREATE TABLE follow_resolution (
    id            UUID PRIMARY KEY,
    entry_id      UUID        NOT NULL REFERENCES follow_entry (id) ON DELETE CASCADE,
    list_id       UUID        NOT NULL REFERENCES follow_list (id) ON DELETE CASCADE,
    resolved_at   TIMESTAMPTZ NOT NULL,
    trigger       TEXT        NOT NULL CHECK (trigger IN ('schedule', 'demand')),
    outcome       TEXT        NOT NULL CHECK (outcome IN ('unchanged', 'changed', 'failed', 'unpinned')),
    path          TEXT,
    previous_path TEXT,
    pinned        TEXT,
    unpinned      TEXT        NOT NULL DEFAULT '',
    error         TEXT,
    duration_ms   BIGINT      NOT NULL
);
CREATE INDEX follow_resolution_list ON follow_resolution (list_id, resolved_at DESC, id);
