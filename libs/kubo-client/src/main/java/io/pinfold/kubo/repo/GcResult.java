package io.pinfold.kubo.repo;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;
import java.util.Optional;

/** One step of {@code repo gc}: a block removed, or an error Kubo met (then there is no CID). */
public record GcResult(Optional<String> removedCid, Optional<String> error) {

    public static GcResult from(JsonNode json) {
        String cid = JsonFields.cid(json, "Key");
        return new GcResult(cid.isEmpty() ? Optional.empty() : Optional.of(cid), JsonFields.optionalText(json, "Error"));
    }
}
