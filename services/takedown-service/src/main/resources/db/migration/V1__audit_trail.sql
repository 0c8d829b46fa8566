-- The audit trail: one row per action taken on a notice or the denylist (who, when, what, why), in one chain.
-- Each row carries the SHA-256 of the row before it (prev_hash) and its own (hash) over the byte layout in
-- io.pinfold.takedown.audit.AuditHash (and services/takedown-service/README.md), so GET /audit/verify can
-- prove that no row was changed, removed or put in between.
CREATE TABLE audit_record (
    -- Position in the chain: 1, 2, 3, ... with no gaps; taken under one lock per append (AuditTrail).
    seq         BIGINT      PRIMARY KEY CHECK (seq >= 1),
    -- Microsecond precision, the same as the hashed text (UTC, six fraction digits).
    recorded_at TIMESTAMPTZ NOT NULL,
    -- Who: the token id and role, or "public" for an anonymous notice.
    actor       TEXT        NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    -- What kind of action: dotted lower-case words such as notice.received or denylist.entry-edited.
    action      TEXT        NOT NULL CHECK (action ~ '^[a-z][a-z-]*(\.[a-z][a-z-]*)+$' AND length(action) <= 100),
    -- What it was done to: a notice id, a denylist entry key.
    subject     TEXT        NOT NULL CHECK (length(subject) <= 500),
    -- Why, in the actor's words.
    reason      TEXT        NOT NULL CHECK (length(reason) <= 4000),
    -- What exactly: the action's fields; hashed in canonical JSON (RFC 8785) form.
    details     JSONB       NOT NULL CHECK (jsonb_typeof(details) = 'object'),
    prev_hash   BYTEA       NOT NULL CHECK (length(prev_hash) = 32),
    hash        BYTEA       NOT NULL UNIQUE CHECK (length(hash) = 32)
);

-- Append-only for real. A trigger rather than revoked privileges: privileges never bind the table's owner
-- (the role the service and its migrations run as), a trigger does. A superuser, or the owner with
-- ALTER TABLE ... DISABLE TRIGGER, can still switch it off; the hash chain is what detects a change made
-- that way, which is why both exist.
CREATE FUNCTION audit_record_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_record is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'audit records are never changed or removed; append a new record instead';
END;
$$;

CREATE TRIGGER audit_record_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_refuse_change();

CREATE TRIGGER audit_record_no_truncate
    BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse_change();
