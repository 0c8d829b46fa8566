-- The reconciler's own tables.
--
-- reconcile_lease: which pin-service copy reconciles which node, and until when. A copy renews its leases well
-- before they expire; a killed copy's leases simply run out and another copy takes the nodes over. Only the
-- holder of a node's lease calls that node's Kubo RPC, so no pin add/rm runs twice at once for a node.
CREATE TABLE reconcile_lease (
    node_id    TEXT PRIMARY KEY,
    owner      TEXT        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

-- reconcile_member: the copies that reconcile now (heartbeat), so each takes a fair share of the nodes.
CREATE TABLE reconcile_member (
    owner      TEXT PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);

-- node_contact: when the reconciler last heard from a node, and since when it has not answered; a node silent
-- for longer than pinfold.reconcile.down-grace is marked down and its wanted pins move to other nodes.
CREATE TABLE node_contact (
    node_id          TEXT PRIMARY KEY REFERENCES kubo_node (id) ON DELETE CASCADE,
    last_answer_at   TIMESTAMPTZ,
    silent_since     TIMESTAMPTZ,
    last_error       TEXT
);

-- blocked_content: pinfold.denylist as pin-service needs it, one row per entry that blocks whole content
-- (kind cid), keyed like the topic; a tombstone deletes the row. Pins of a blocked multihash are refused
-- and removed from their nodes.
CREATE TABLE blocked_content (
    entry_key  TEXT PRIMARY KEY,
    multihash  TEXT        NOT NULL,
    status     INTEGER     NOT NULL,
    reason     TEXT,
    notice_id  TEXT,
    added_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX blocked_content_multihash ON blocked_content (multihash);

-- Rows the reconciler looks up by content across nodes (blocking, aggregate status per pin).
CREATE INDEX node_pin_multihash ON node_pin (multihash);

-- A row the API path no longer wants is due at once, whatever retry time it had: settled rows (pinned, failed)
-- wait at 'infinity' so the reconciler's queue never walks them, and the writer that flips wanted need not know.
CREATE FUNCTION node_pin_due_when_unwanted() RETURNS trigger AS $$
BEGIN
    IF OLD.wanted AND NOT NEW.wanted THEN
        NEW.next_attempt_at := now();
        NEW.attempts := 0;
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER node_pin_due_when_unwanted BEFORE UPDATE OF wanted ON node_pin
    FOR EACH ROW EXECUTE FUNCTION node_pin_due_when_unwanted();

-- pinfold.nodes as applied by pin-service: the newest offset applied per node, so a redelivered older record
-- (gc-service's drain announcements) never rolls a node's state back.
CREATE TABLE node_event_position (
    node_id         TEXT PRIMARY KEY,
    kafka_partition INTEGER NOT NULL,
    kafka_offset    BIGINT  NOT NULL
);
