package io.pinfold.events.denylist;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.pinfold.events.JsonEnum;
import java.util.Arrays;

/** What a denylist entry blocks; each kind is one IPIP-383 rule form. */
public enum DenylistEntryKind implements JsonEnum {
    /** Content by multihash, whatever the CID version, base or codec: /ipfs/<cid>. */
    CID("cid"),
    /** A path inside content, optionally ending in '*' for everything below: /ipfs/<cid>/<path>. */
    PATH("path"),
    /** An IPNS name or DNSLink domain: /ipns/<name>. */
    IPNS("ipns"),
    /** A double-hashed entry (//<hex sha2-256>), so the list does not advertise what it blocks. */
    DOUBLE_HASH("double-hash");

    private final String json;

    DenylistEntryKind(String json) {
        this.json = json;
    }

    @JsonValue
    @Override
    public String json() {
        return json;
    }

    @JsonCreator
    public static DenylistEntryKind fromJson(String value) {
        return Arrays.stream(values()).filter(v -> v.json.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown denylist entry kind '" + value + "'"));
    }
}
