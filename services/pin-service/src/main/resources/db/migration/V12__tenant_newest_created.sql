-- The created (requested_at) of the tenant's newest pin, kept on the tenant's row. A new pin gets max(now, this + 1 ms)
-- (V6: created is unique per tenant) from the same UPDATE that counts it against the quota, so POST /pins takes the
-- tenant's row lock in its last statement only, instead of holding it from a first SELECT … FOR UPDATE through every
-- read and insert of the request (creates of one tenant queued behind each other for ~10 round trips each).
-- The writers also take max(requested_at) of the tenant's pins into account (an index probe), so rows written
-- without updating this column (loaded by hand) cannot collide; the column is what a statement that waited for the
-- lock reads fresh (its subqueries see the snapshot from before the wait). NULL: the tenant has no pin yet.
ALTER TABLE tenant ADD COLUMN newest_created TIMESTAMPTZ;
UPDATE tenant t SET newest_created = (SELECT max(d.requested_at) FROM desired_pin d WHERE d.tenant = t.name);
