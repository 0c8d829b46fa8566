-- Admission rules of a tenant (issue 10): which pin requests and which content it accepts. No row: no rules (every
-- request the API and the contract accept, any size, codec, hash function and CID).
--   require_signed_events: pin.requested events published straight to pinfold.pins must carry an Ed25519 signature
--     by one of the tenant's publisher keys (REST requests with the tenant's token need none).
--   max_dag_bytes / max_dag_blocks: caps checked with Kubo's dag stat while pinning (NULL = no cap).
--   allowed_codecs / allowed_hash_functions: JSON arrays of multicodec names of the root CID's codec and hash function (NULL = any).
--   allowed_prefixes: a JSON array; the root CID must start with one of these (as written, or in its CIDv1 base32 form), or be the
--     root of one of these /ipfs/ paths (NULL = any).
CREATE TABLE tenant_admission (
    tenant_id              UUID PRIMARY KEY REFERENCES tenant (id),
    require_signed_events  BOOLEAN     NOT NULL DEFAULT false,
    max_dag_bytes          BIGINT CHECK (max_dag_bytes >= 0),
    max_dag_blocks         BIGINT CHECK (max_dag_blocks >= 0),
    allowed_codecs         TEXT,
    allowed_hash_functions TEXT,
    allowed_prefixes       TEXT,
    updated_at             TIMESTAMPTZ NOT NULL
);

-- Ed25519 public keys (the raw 32 bytes) whose signatures a tenant accepts on its pin events. Revoked keys stay
-- (revoked_at set) so the admin API shows when; their signatures are refused from then on.
CREATE TABLE publisher_key (
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL REFERENCES tenant (id),
    public_key  BYTEA       NOT NULL CHECK (length(public_key) = 32),
    label       TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ,
    UNIQUE (tenant_id, public_key)
);
CREATE INDEX publisher_key_tenant ON publisher_key (tenant_id);
