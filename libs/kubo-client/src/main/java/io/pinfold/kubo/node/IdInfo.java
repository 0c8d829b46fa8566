package io.pinfold.kubo.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;
import java.util.List;

/** Who a node is ({@code id}): its peer ID, the addresses it listens on, its agent and protocols. */
public record IdInfo(String peerId, String publicKey, List<String> addresses, String agentVersion,
        List<String> protocols) {

    public static IdInfo from(JsonNode json) {
        return new IdInfo(JsonFields.text(json, "ID"), JsonFields.text(json, "PublicKey"),
                JsonFields.texts(json, "Addresses"), JsonFields.text(json, "AgentVersion"),
                JsonFields.texts(json, "Protocols"));
    }
}
