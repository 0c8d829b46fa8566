-- Tenants of the Pinning Service API and the API tokens of tenants and operators. A quota left NULL is
-- unlimited; usage counts what the tenant holds (bytes as `ipfs dag stat` reports them), kept in step by the
-- transactions that add and remove its pins.
CREATE TABLE tenant (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL,
    quota_pins  BIGINT CHECK (quota_pins >= 0),
    quota_bytes BIGINT CHECK (quota_bytes >= 0),
    used_pins   BIGINT      NOT NULL DEFAULT 0 CHECK (used_pins >= 0),
    used_bytes  BIGINT      NOT NULL DEFAULT 0 CHECK (used_bytes >= 0)
);

-- Only the SHA-256 of a token is stored, never the token. Revoked tokens stay (revoked_at set) so the
-- admin API can show when and which; tenant_id is NULL for operator tokens, required for tenant tokens.
CREATE TABLE api_token (
    id          UUID PRIMARY KEY,
    tenant_id   UUID REFERENCES tenant (id),
    role        TEXT        NOT NULL CHECK (role IN ('operator', 'tenant', 'reviewer')),
    token_hash  BYTEA       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    label       TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ,
    CHECK ((role = 'tenant') = (tenant_id IS NOT NULL))
);
CREATE INDEX api_token_tenant ON api_token (tenant_id);
