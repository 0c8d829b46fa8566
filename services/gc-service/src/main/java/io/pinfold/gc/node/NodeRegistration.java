package io.pinfold.gc.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeStateChanged;
import java.util.List;
import java.util.Map;

/**
 * The part of a node's registration beyond its ids and URLs (swarm addresses, Kubo version, region, zone, capacity,
 * tags), kept in gc_node so that gc-service's drain records repeat it and stand alone on the compacted topic.
 */
public record NodeRegistration(List<String> swarmAddresses, String kuboVersion, String region, String zone,
                               Long capacityBytes, Map<String, String> tags) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static NodeRegistration of(NodeRegistered registered) {
        return new NodeRegistration(registered.swarmAddresses(), registered.kuboVersion(), registered.region(),
                registered.zone(), registered.capacityBytes(), registered.tags());
    }

    /** What a state change carries of the registration; empty when its producer carried none of it (keep the known). */
    static java.util.Optional<NodeRegistration> of(NodeStateChanged changed) {
        boolean carried = changed.swarmAddresses() != null || changed.kuboVersion() != null || changed.region() != null
                || changed.zone() != null || changed.capacityBytes() != null || changed.tags() != null;
        return carried
                ? java.util.Optional.of(new NodeRegistration(changed.swarmAddresses(), changed.kuboVersion(), changed.region(),
                        changed.zone(), changed.capacityBytes(), changed.tags()))
                : java.util.Optional.empty();
    }

    public static NodeRegistration of(GcNode node) {
        return new NodeRegistration(read(node.swarmAddresses, new TypeReference<List<String>>() { }), node.kuboVersion,
                node.region, node.zone, node.capacityBytes, read(node.tags, new TypeReference<Map<String, String>>() { }));
    }

    void writeTo(GcNode node) {
        node.swarmAddresses = write(swarmAddresses);
        node.kuboVersion = kuboVersion;
        node.region = region;
        node.zone = zone;
        node.capacityBytes = capacityBytes;
        node.tags = write(tags);
    }

    private static String write(Object value) {
        try {
            return value == null ? null : JSON.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return text == null ? null : JSON.readValue(text, type);
        } catch (JsonProcessingException corrupt) {
            return null; // written by this class only; unreadable means unknown, never a failed drain
        }
    }
}
