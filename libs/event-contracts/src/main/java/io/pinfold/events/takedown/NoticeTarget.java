package io.pinfold.events.takedown;

import io.pinfold.events.OptionalField;
import io.pinfold.events.validation.FieldChecks;

/**
 * One thing a notice asks to take down: content by CID (optionally a path inside it) or an IPNS name.
 *
 * @param cid      the content, any CID form; exclusive with {@code ipnsName}
 * @param path     a path inside {@code cid}, without leading '/', when only part of the DAG is meant
 * @param ipnsName an IPNS name (key or DNSLink domain); exclusive with {@code cid}
 */
public record NoticeTarget(
        @OptionalField String cid,
        @OptionalField String path,
        @OptionalField String ipnsName) {

    public NoticeTarget {
        FieldChecks.start()
                .cid("cid", cid)
                .noWhitespace("path", path, 1024)
                .that(path == null || !path.startsWith("/"), "path", "must not start with '/'")
                .noWhitespace("ipnsName", ipnsName, 253)
                .that(cid != null ^ ipnsName != null, cid == null ? "cid" : "ipnsName",
                        "exactly one of cid and ipnsName is required")
                .that(path == null || cid != null, "path", "only allowed with cid")
                .orThrow();
    }

    /** The target as a content path, e.g. {@code /ipfs/bafy.../a/b} or {@code /ipns/example.org}. */
    public String contentPath() {
        return cid != null ? "/ipfs/" + cid + (path == null ? "" : "/" + path) : "/ipns/" + ipnsName;
    }
}
