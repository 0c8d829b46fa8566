-- The trace of the request that allocated a pin to a node (W3C traceparent of the POST /pins or pin.requested
-- span), so the reconciler's work on the row, and its Kubo calls, continue that trace in Jaeger. NULL for rows
-- written before, or by a path with no trace (a move off a down node): their work is traced as before.
ALTER TABLE node_pin ADD COLUMN traceparent TEXT;
