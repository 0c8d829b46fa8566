package io.pinfold.kubo.reclaim;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;

/** What one {@code pinfold/reclaim} did: blocks removed, their bytes, blocks already gone, how long the GC lock was held. */
public record Reclaimed(long removed, long bytes, long absent, long lockMicros) {

    public static Reclaimed from(JsonNode json) {
        return new Reclaimed(JsonFields.number(json, "Removed"), JsonFields.number(json, "Bytes"),
                JsonFields.number(json, "Absent"), JsonFields.number(json, "LockMicros"));
    }
}
