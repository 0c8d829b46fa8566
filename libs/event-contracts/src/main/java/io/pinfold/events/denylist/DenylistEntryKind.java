package io.pinfold.events.denylist;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.pinfold.denylist.Target;
import io.pinfold.events.JsonEnum;

/** What a denylist entry blocks; each kind is one IPIP-383 rule form. */
public enum DenylistEntryKind implements JsonEnum {
    /** Content by multihash, whatever the CID version, base or codec: /ipfs/<cid>. */
    CID,
    /** A path inside content, optionally ending in '*' for everything below: /ipfs/<cid>/<path>. */
    PATH,
    /** An IPNS name given as a key (libp2p-key CID or peer ID), optionally a path below it: /ipns/<key>[/<path>]. */
    IPNS,
    /** A DNSLink domain, optionally a path below it: /ipns/<domain>[/<path>]. */
    DNSLINK,
    /** A double-hashed entry (//<hash>), so the list does not advertise what it blocks. */
    DOUBLE_HASH;

    @JsonCreator
    public static DenylistEntryKind fromJson(String value) {
        return JsonEnum.parse(values(), value, "denylist entry kind");
    }

    /** The kind of a rule's target ({@code rootOnly}: the content rule names no path). */
    public static DenylistEntryKind of(Target target, boolean rootOnly) {
        if (target instanceof Target.Content) {
            return rootOnly ? CID : PATH;
        }
        if (target instanceof Target.IpnsKey) {
            return IPNS;
        }
        if (target instanceof Target.Dnslink) {
            return DNSLINK;
        }
        return DOUBLE_HASH;
    }
}
