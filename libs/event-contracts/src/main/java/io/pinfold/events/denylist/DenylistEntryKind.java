package io.pinfold.events.denylist;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.pinfold.events.JsonEnum;

/** What a denylist entry blocks; each kind is one IPIP-383 rule form. */
public enum DenylistEntryKind implements JsonEnum {
    /** Content by multihash, whatever the CID version, base or codec: /ipfs/<cid>. */
    CID,
    /** A path inside content, optionally ending in '*' for everything below: /ipfs/<cid>/<path>. */
    PATH,
    /** An IPNS name or DNSLink domain: /ipns/<name>. */
    IPNS,
    /** A double-hashed entry (//<hex sha2-256>), so the list does not advertise what it blocks. */
    DOUBLE_HASH;

    @JsonCreator
    public static DenylistEntryKind fromJson(String value) {
        return JsonEnum.parse(values(), value, "denylist entry kind");
    }
}
