package io.pinfold.pin.follow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinfold.pin.allocate.ReplicationPolicy;
import java.util.LinkedHashMap;
import java.util.Map;

/** The meta of a follow list's pins: the list's own meta, its replication factor, and the list and entry they belong to. */
final class FollowMeta {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FollowMeta() {
    }

    static Map<String, String> forPin(FollowList list, FollowEntry entry) {
        Map<String, String> meta = new LinkedHashMap<>(read(list.meta));
        if (list.replicationMin != null) {
            meta.put(ReplicationPolicy.META_MIN, list.replicationMin.toString());
            meta.put(ReplicationPolicy.META_MAX, list.replicationMax.toString());
        }
        meta.put(EntryOutcomes.META_LIST, list.name);
        meta.put(EntryOutcomes.META_ENTRY, entry.id.toString());
        return meta;
    }

    static Map<String, String> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("follow_list.meta is not a JSON object of strings", e);
        }
    }

    static String write(Map<String, String> meta) {
        try {
            return JSON.writeValueAsString(meta == null ? Map.of() : meta);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
