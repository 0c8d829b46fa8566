package io.pinfold.kubo.pin;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;
import java.util.ArrayList;
import java.util.List;

/** The health of one pin from {@code pin verify}: whether every block is present and readable. */
public record PinVerification(String cid, boolean ok, List<BadBlock> badBlocks) {

    /** A block of the pinned DAG that is missing or corrupt, and why. */
    public record BadBlock(String cid, String error) {}

    public static PinVerification from(JsonNode json) {
        List<BadBlock> bad = new ArrayList<>();
        json.path("BadNodes").forEach(node -> bad.add(new BadBlock(JsonFields.text(node, "Cid"), JsonFields.text(node, "Err"))));
        return new PinVerification(JsonFields.text(json, "Cid"), JsonFields.flag(json, "Ok"), List.copyOf(bad));
    }
}
