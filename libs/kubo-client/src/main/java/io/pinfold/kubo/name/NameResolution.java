package io.pinfold.kubo.name;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;

/** Where an IPNS name or DNSLink points now ({@code name resolve}), e.g. {@code /ipfs/bafy…}. */
public record NameResolution(String path) {

    public static NameResolution from(JsonNode json) {
        return new NameResolution(JsonFields.text(json, "Path"));
    }
}
