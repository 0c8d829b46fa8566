-- Imports of outside denylists (IPIP-383 compact denylists such as badbits), by URL on a schedule or on demand,
-- and by upload. See io.pinfold.takedown.imports and the README's "Imports" section.

-- An outside list Pinfold follows. Its entries are held in denylist_entry under the source's id (notice_id holds
-- a notice id or an import source id: the holder), so a notice and a list can block the same entry and the
-- restore logic (the last holder going tombstones the key) covers both.
CREATE TABLE import_source (
    id                UUID        PRIMARY KEY,
    name              TEXT        NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    -- Fetched with conditional GETs; null for a list that only arrives by upload.
    url               TEXT        CHECK (url ~ '^https?://' AND length(url) <= 2048),
    -- Fetched every interval_seconds by one copy of the service; null: only on demand.
    interval_seconds  INT         CHECK (interval_seconds >= 60),
    enabled           BOOLEAN     NOT NULL,
    -- The status and legal reason every entry of the list carries (a legal reason means 451).
    status            INT         NOT NULL CHECK (status IN (410, 451)),
    legal_reason      TEXT        CHECK (legal_reason ~ '^[a-z][a-z0-9-]{0,39}$'),
    -- Validators of the last completed fetch (If-None-Match / If-Modified-Since on the next one).
    etag              TEXT,
    last_modified     TEXT,
    next_run_at       TIMESTAMPTZ,
    -- The lease: the run holding it (one copy at a time runs a source), renewed with every batch.
    lease_owner       UUID,
    lease_expires_at  TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    created_by        TEXT        NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    updated_by        TEXT        NOT NULL,
    CHECK (legal_reason IS NULL OR status = 451)
);

-- One import of a source: its trigger, progress while it runs and its outcome.
CREATE TABLE import_run (
    id             UUID        PRIMARY KEY,
    source_id      UUID        NOT NULL REFERENCES import_source (id),
    trigger        TEXT        NOT NULL CHECK (trigger IN ('schedule', 'on-demand', 'upload')),
    actor          TEXT        NOT NULL,
    state          TEXT        NOT NULL CHECK (state IN ('running', 'completed', 'not-modified', 'refused', 'failed')),
    phase          TEXT        NOT NULL CHECK (phase IN ('fetching', 'reading', 'adding', 'removing', 'done')),
    started_at     TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ,
    http_status    INT,
    bytes_read     BIGINT      NOT NULL DEFAULT 0,
    lines_read     BIGINT      NOT NULL DEFAULT 0,
    entries_read   BIGINT      NOT NULL DEFAULT 0,
    added          BIGINT      NOT NULL DEFAULT 0,
    removed        BIGINT      NOT NULL DEFAULT 0,
    unchanged      BIGINT      NOT NULL DEFAULT 0,
    rejected       BIGINT      NOT NULL DEFAULT 0,
    -- Why a list was refused whole (which rule) or why the run failed.
    refusal_rule   TEXT,
    problem        TEXT
);
CREATE INDEX import_run_source_started ON import_run (source_id, started_at DESC);
CREATE INDEX import_run_started ON import_run (started_at DESC, id);

-- The first bad lines of a run (up to pinfold.imports.max-reported-bad-lines): line number and why.
CREATE TABLE import_bad_line (
    run_id  UUID   NOT NULL REFERENCES import_run (id),
    line_no BIGINT NOT NULL,
    reason  TEXT   NOT NULL,
    text    TEXT,
    PRIMARY KEY (run_id, line_no, reason)
);

-- Work tables of a running import, emptied when it ends. UNLOGGED: a crash loses them, and the run is
-- abandoned then anyway. Keys in byte order ("C"), the order the import walks them.
CREATE UNLOGGED TABLE import_staged (
    run_id    UUID   NOT NULL,
    entry_key TEXT   COLLATE "C" NOT NULL,
    rule      TEXT   NOT NULL,
    line_no   BIGINT NOT NULL,
    PRIMARY KEY (run_id, entry_key)
);

CREATE UNLOGGED TABLE import_removal (
    run_id    UUID NOT NULL,
    entry_key TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (run_id, entry_key)
);

-- denylist_entry.notice_id now names the holder: a notice or an import source.
ALTER TABLE denylist_entry DROP CONSTRAINT denylist_entry_notice_id_fkey;
