package io.pinfold.kubo.reclaim;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;

/**
 * What one {@code pinfold/reclaim} did: blocks removed, their bytes, blocks already gone, candidates kept because a
 * root that appeared since the caller's sync reaches them, how many such roots there were, how long the GC lock was held.
 */
public record Reclaimed(long removed, long bytes, long absent, long kept, long newRoots, long lockMicros) {

    public static Reclaimed from(JsonNode json) {
        return new Reclaimed(JsonFields.number(json, "Removed"), JsonFields.number(json, "Bytes"),
                JsonFields.number(json, "Absent"), json.path("Kept").asLong(0), json.path("NewRoots").asLong(0),
                JsonFields.number(json, "LockMicros"));
    }
}
