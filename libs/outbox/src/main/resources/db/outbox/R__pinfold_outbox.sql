-- Repeatable (R__) and idempotent: the library's tables live beside each service's own versioned migrations
-- without taking numbers from their sequence. Change it only with IF NOT EXISTS / idempotent statements.
-- Transactional outbox: a state change and the event that announces it commit together.
-- The relay (one leader per service, elected by outbox_lease) publishes rows in seq order, then deletes them.
CREATE TABLE IF NOT EXISTS outbox_event (
    seq          BIGSERIAL PRIMARY KEY,
    event_id     UUID        NOT NULL UNIQUE,
    topic        TEXT        NOT NULL,
    record_key   TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,
    event_source TEXT        NOT NULL,
    subject      TEXT,
    event_time   TIMESTAMPTZ NOT NULL,
    payload      TEXT,
    traceparent  TEXT,
    tracestate   TEXT
);

CREATE TABLE IF NOT EXISTS outbox_lease (
    name       TEXT PRIMARY KEY,
    owner      TEXT        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
