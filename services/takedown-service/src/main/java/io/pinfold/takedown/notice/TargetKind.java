package io.pinfold.takedown.notice;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a notice target names, in the words an operator uses. */
public enum TargetKind {
    /** Content by CID: every CID version, multibase and codec of its multihash. */
    CID("cid"),
    /** A path (or path prefix, ending in '*') inside content. */
    CID_PATH("cid-path"),
    /** An IPNS name given as a key (libp2p-key CID or peer ID), optionally a path below it. */
    IPNS_NAME("ipns-name"),
    /** A DNSLink domain, optionally a path below it. */
    DNSLINK("dnslink");

    private final String code;

    TargetKind(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static TargetKind fromCode(String code) {
        for (TargetKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown target kind '" + code + "'");
    }
}
