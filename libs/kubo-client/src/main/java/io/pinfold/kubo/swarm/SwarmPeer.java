package io.pinfold.kubo.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;

/** A peer the node is connected to, and the address of that connection. */
public record SwarmPeer(String peerId, String address) {

    public static SwarmPeer from(JsonNode json) {
        return new SwarmPeer(JsonFields.text(json, "Peer"), JsonFields.text(json, "Addr"));
    }
}
