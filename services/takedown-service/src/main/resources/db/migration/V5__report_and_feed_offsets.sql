-- The transparency report (GET /reports/transparency) counts denylist entries added and removed per month from the
-- audit trail, by action and time; the report is public, so this is an index scan, never a walk of the whole trail.
CREATE INDEX audit_record_action_recorded ON audit_record (action, recorded_at);

-- Range requests on GET /denylist.deny: where each line ends, in bytes from the start of the body after the fixed
-- header (the line's UTF-8 bytes and its '\n' included), so a byte range is found by an index lookup instead of
-- summing every line before it. Taken under the feed's append lock (DenylistFeed): the previous line's end plus
-- this line's length.
ALTER TABLE denylist_feed ADD COLUMN body_end BIGINT;
-- Existing lines get their offsets once, here; the append-only trigger is off only for this statement, inside the
-- migration's transaction, and the lines themselves are not touched.
ALTER TABLE denylist_feed DISABLE TRIGGER denylist_feed_no_update_or_delete;
UPDATE denylist_feed f SET body_end = s.body_end
FROM (SELECT seq, sum(octet_length(line) + 1) OVER (ORDER BY seq) AS body_end FROM denylist_feed) s
WHERE f.seq = s.seq;
ALTER TABLE denylist_feed ENABLE TRIGGER denylist_feed_no_update_or_delete;
ALTER TABLE denylist_feed ALTER COLUMN body_end SET NOT NULL;
ALTER TABLE denylist_feed ADD CONSTRAINT denylist_feed_body_end_positive CHECK (body_end >= 4);
CREATE UNIQUE INDEX denylist_feed_body_end ON denylist_feed (body_end);
