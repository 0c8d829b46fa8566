-- Inbox: the CloudEvent ids a consumer has applied, written in the same transaction as the effect,
-- so a redelivered record (after a crash or a rebalance) is recognised and skipped.
CREATE TABLE IF NOT EXISTS inbox_event (
    consumer    TEXT        NOT NULL,
    event_id    TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
