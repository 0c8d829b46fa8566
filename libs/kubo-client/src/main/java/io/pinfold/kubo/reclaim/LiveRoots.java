package io.pinfold.kubo.reclaim;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;
import java.util.ArrayList;
import java.util.List;

/** The node's live roots as of one moment, and their fingerprint (which {@code pinfold/reclaim} checks). */
public record LiveRoots(String version, String fingerprint, List<LiveRoot> roots) {

    public static LiveRoots from(JsonNode json) {
        List<LiveRoot> roots = new ArrayList<>();
        JsonNode array = json.path("Roots");
        if (array.isArray()) {
            array.forEach(root -> roots.add(new LiveRoot(JsonFields.text(root, "Cid"), JsonFields.text(root, "Key"),
                    JsonFields.text(root, "Kind"))));
        }
        return new LiveRoots(JsonFields.text(json, "Version"), JsonFields.text(json, "Fingerprint"), List.copyOf(roots));
    }

    /**
     * @param cid  the root as pinned (its codec matters for walking it)
     * @param key  its block key (CIDv1 raw of its multihash)
     * @param kind recursive, direct, internal or mfs
     */
    public record LiveRoot(String cid, String key, String kind) {
        public boolean directOnly() {
            return "direct".equals(kind);
        }
    }
}
