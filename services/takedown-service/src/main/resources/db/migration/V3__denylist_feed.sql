-- The .deny feed (GET /denylist.deny): every rule line ever published, in commit order, never changed or removed.
-- IPIP-383 followers (Kubo with NOpfs, Rainbow) read a list as append-only, so a removal is appended as a negated
-- rule (!/ipfs/...) rather than deleting the line. seq is taken under one transaction-scoped lock per appending
-- transaction (DenylistFeed), so seq order is commit order and a reader never sees a line appear before one it
-- already read.
CREATE TABLE denylist_feed (
    seq         BIGINT      PRIMARY KEY CHECK (seq >= 1),
    -- One IPIP-383 line with its hints, without the line break.
    line        TEXT        NOT NULL CHECK (length(line) >= 3 AND position(E'\n' IN line) = 0),
    appended_at TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION denylist_feed_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'denylist_feed is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'followers read the feed as append-only; append a negated rule instead';
END;
$$;

CREATE TRIGGER denylist_feed_no_update_or_delete
    BEFORE UPDATE OR DELETE ON denylist_feed
    FOR EACH ROW EXECUTE FUNCTION denylist_feed_refuse_change();

CREATE TRIGGER denylist_feed_no_truncate
    BEFORE TRUNCATE ON denylist_feed
    FOR EACH STATEMENT EXECUTE FUNCTION denylist_feed_refuse_change();
