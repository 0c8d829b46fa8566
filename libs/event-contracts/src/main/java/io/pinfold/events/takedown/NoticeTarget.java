package io.pinfold.events.takedown;

import io.pinfold.events.OptionalField;
import io.pinfold.events.validation.FieldChecks;

/**
 * One thing a notice asks to take down: content by CID or an IPNS name (key or DNSLink domain), optionally a
 * path inside it.
 *
 * @param cid      the content, any CID form; exclusive with {@code ipnsName}
 * @param path     a path inside the content or name, without leading '/', ending in '*' for everything below it
 * @param ipnsName an IPNS name (key or DNSLink domain); exclusive with {@code cid}
 */
public record NoticeTarget(
        @OptionalField String cid,
        @OptionalField String path,
        @OptionalField String ipnsName) {

    public NoticeTarget {
        FieldChecks.start()
                .cid("cid", cid)
                .text("path", path, 8192)
                .that(path == null || !path.startsWith("/"), "path", "must not start with '/'")
                .noWhitespace("ipnsName", ipnsName, 253)
                .that(cid != null ^ ipnsName != null, cid == null ? "cid" : "ipnsName",
                        "exactly one of cid and ipnsName is required")
                .orThrow();
    }

    /** The target as a content path, e.g. {@code /ipfs/bafy.../a/b} or {@code /ipns/example.org}. */
    public String contentPath() {
        return (cid != null ? "/ipfs/" + cid : "/ipns/" + ipnsName) + (path == null ? "" : "/" + path);
    }
}
