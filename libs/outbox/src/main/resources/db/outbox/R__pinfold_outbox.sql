-- Repeatable (R__) and idempotent: the library's tables live beside each service's own versioned migrations
-- without taking numbers from their sequence. Change it only with IF NOT EXISTS / idempotent statements.
-- Transactional outbox: a state change and the event that announces it commit together.
-- The relay (one leader per service, elected by outbox_lease) publishes rows in seq order and deletes exactly the
-- rows the broker acknowledged. Outbox.append takes an advisory lock per (topic, key) before the row takes its seq,
-- so per key seq order is commit order (see OutboxRelay). The relay carries rows as text: an event type it does
-- not know passes unchanged. A row with a NULL payload is a tombstone (null record value, no event type).
CREATE TABLE IF NOT EXISTS outbox_event (
    seq          BIGSERIAL PRIMARY KEY,
    event_id     TEXT        NOT NULL UNIQUE,
    topic        TEXT        NOT NULL,
    record_key   TEXT        NOT NULL,
    event_type   TEXT,
    event_source TEXT        NOT NULL,
    subject      TEXT,
    event_time   TIMESTAMPTZ NOT NULL,
    payload      TEXT,
    traceparent  TEXT,
    tracestate   TEXT
);

-- Tables created before: event ids become any CloudEvents id (not only UUIDs), tombstones have no type.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = current_schema() AND table_name = 'outbox_event'
                 AND column_name = 'event_id' AND data_type = 'uuid') THEN
        ALTER TABLE outbox_event ALTER COLUMN event_id TYPE TEXT USING event_id::text;
    END IF;
END $$;
ALTER TABLE outbox_event ALTER COLUMN event_type DROP NOT NULL;

CREATE TABLE IF NOT EXISTS outbox_lease (
    name       TEXT PRIMARY KEY,
    owner      TEXT        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
