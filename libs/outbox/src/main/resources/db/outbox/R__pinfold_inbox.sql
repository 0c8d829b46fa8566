-- Inbox: the events a consumer has applied, written in the same transaction as the effect, so a redelivered
-- record (after a crash or a rebalance) is recognised and skipped. An event is identified by (ce_source, ce_id),
-- as CloudEvents defines uniqueness; ce_id is any non-empty string. Entries older than pinfold.inbox.retention
-- are purged by InboxPurge (received_at index).
-- Repeatable and idempotent: databases created before the source column get it, and their primary key moves
-- from (consumer, event_id) to (consumer, source, event_id).
CREATE TABLE IF NOT EXISTS inbox_event (
    consumer    TEXT        NOT NULL,
    source      TEXT        NOT NULL DEFAULT '',
    event_id    TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT inbox_event_pkey PRIMARY KEY (consumer, source, event_id)
);

ALTER TABLE inbox_event ADD COLUMN IF NOT EXISTS source TEXT NOT NULL DEFAULT '';

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE conrelid = 'inbox_event'::regclass AND contype = 'p' AND cardinality(conkey) = 3) THEN
        ALTER TABLE inbox_event DROP CONSTRAINT IF EXISTS inbox_event_pkey;
        ALTER TABLE inbox_event ADD CONSTRAINT inbox_event_pkey PRIMARY KEY (consumer, source, event_id);
    END IF;
END $$;

CREATE INDEX IF NOT EXISTS inbox_event_received_at ON inbox_event (received_at);
