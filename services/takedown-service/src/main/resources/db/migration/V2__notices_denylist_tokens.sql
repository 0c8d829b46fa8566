-- Notices, their targets, the denylist entries accepted targets became, and reviewer tokens.

-- A takedown notice as received, and where its review stands. Kept whole: the notice and its targets are
-- inserted in one transaction (NoticeIntake) or not at all.
CREATE TABLE notice (
    id                  UUID        PRIMARY KEY,
    state               TEXT        NOT NULL CHECK (state IN ('received', 'accepted', 'rejected',
                                        'counter-notice-received', 'restored', 'upheld')),
    legal_basis         TEXT        NOT NULL CHECK (legal_basis IN ('dmca', 'abuse', 'malware', 'csam', 'court-order', 'other')),
    complainant         TEXT        NOT NULL CHECK (length(complainant) BETWEEN 1 AND 255),
    contact             TEXT        NOT NULL CHECK (length(contact) BETWEEN 1 AND 320),
    -- Evidence links (http/https URLs) as JSON array text (Hibernate Reactive binds only JSON objects as JSONB).
    evidence            TEXT        NOT NULL CHECK (jsonb_typeof(evidence::jsonb) = 'array'),
    description         TEXT        CHECK (length(description) <= 8192),
    jurisdiction        TEXT        CHECK (jurisdiction ~ '^[A-Z]{2}$'),
    received_at         TIMESTAMPTZ NOT NULL,
    decided_at          TIMESTAMPTZ,
    decided_by          TEXT,
    decision_reason     TEXT,
    counter_notice_at   TIMESTAMPTZ,
    counter_notice      TEXT,
    counter_contact     TEXT,
    closed_at           TIMESTAMPTZ,
    closed_by           TEXT,
    closed_reason       TEXT
);
CREATE INDEX notice_state_received ON notice (state, received_at);
CREATE INDEX notice_received ON notice (received_at, id);

-- One thing a notice asks to take down, parsed from what the complainant pasted (input).
CREATE TABLE notice_target (
    notice_id   UUID    NOT NULL REFERENCES notice (id),
    position    INT     NOT NULL CHECK (position >= 0),
    input       TEXT    NOT NULL CHECK (length(input) BETWEEN 1 AND 2048),
    kind        TEXT    NOT NULL CHECK (kind IN ('cid', 'cid-path', 'ipns-name', 'dnslink')),
    -- The IPIP-383 rule the target blocks, without hints (DenylistEntry.rule()), and its entry key.
    rule        TEXT    NOT NULL,
    entry_key   TEXT    NOT NULL,
    -- Null until decided; true for the targets a (possibly partial) acceptance blocked.
    accepted    BOOLEAN,
    PRIMARY KEY (notice_id, position)
);

-- The denylist: one row per (notice, entry key). Several notices can block the same entry; it is published
-- on pinfold.denylist while at least one row holds its key and tombstoned when the last one goes.
CREATE TABLE denylist_entry (
    entry_key     TEXT        NOT NULL,
    notice_id     UUID        NOT NULL REFERENCES notice (id),
    -- The rule as published (the double-hashed form when pinfold.denylist.double-hash is on).
    rule          TEXT        NOT NULL,
    kind          TEXT        NOT NULL CHECK (kind IN ('cid', 'path', 'ipns', 'dnslink', 'double-hash')),
    legal_basis   TEXT        NOT NULL,
    status        INT         NOT NULL CHECK (status IN (410, 451)),
    double_hashed BOOLEAN     NOT NULL,
    -- The event published for the entry (DenylistEntryAdded as JSON), so a later restore can re-publish a
    -- remaining holder's entry exactly.
    event         JSONB       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    TEXT        NOT NULL,
    PRIMARY KEY (entry_key, notice_id)
);
CREATE INDEX denylist_entry_notice ON denylist_entry (notice_id);
CREATE INDEX denylist_entry_created ON denylist_entry (created_at, entry_key);

-- Reviewer (and further operator) tokens: only their SHA-256. The configured operator token is not stored.
CREATE TABLE access_token (
    id          UUID        PRIMARY KEY,
    role        TEXT        NOT NULL CHECK (role IN ('operator', 'reviewer')),
    token_hash  BYTEA       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    label       TEXT        NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT        NOT NULL,
    expires_at  TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ
);
