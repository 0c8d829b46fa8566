package io.pinfold.takedown.notice;

import io.pinfold.denylist.DenylistEntry;
import io.pinfold.denylist.Hints;
import io.pinfold.denylist.PathRule;
import io.pinfold.denylist.Target;
import io.pinfold.events.takedown.NoticeTarget;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.MultibaseEncoding;
import java.util.Objects;

/**
 * One notice target, parsed: what the complainant pasted ({@code input}) and what it names as the denylist
 * library sees it: content by multihash, an IPNS key or a DNSLink domain ({@code target}), and which paths
 * below it ({@code path}: {@link PathRule#ROOT}, an exact path, or a prefix).
 *
 * @param cid the CID as read from the input, for content targets; null otherwise
 */
public record ParsedTarget(String input, Target target, PathRule path, Cid cid) {

    public ParsedTarget {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(path, "path");
    }

    public TargetKind kind() {
        if (target instanceof Target.Content) {
            return path.isRoot() ? TargetKind.CID : TargetKind.CID_PATH;
        }
        return target instanceof Target.IpnsKey ? TargetKind.IPNS_NAME : TargetKind.DNSLINK;
    }

    /** The blocking rule for this target, with the entry's hints. */
    public DenylistEntry entry(Hints hints) {
        return DenylistEntry.block(target, path, hints);
    }

    /** The IPIP-383 rule without hints, e.g. {@code /ipfs/Qm.../a*}. */
    public String rule() {
        return entry(Hints.NONE).rule();
    }

    /** The library's entry key, the same key pinfold.denylist uses. */
    public String entryKey() {
        return entry(Hints.NONE).key();
    }

    /** The path as events spell it: decoded, no leading '/', '*' at the end of a prefix; null for the root. */
    public String pathText() {
        if (path.isRoot()) {
            return null;
        }
        return path.path() + (path.prefix() ? "*" : "");
    }

    /** The IPNS name as the rule writes it: a base36 libp2p-key CID or the domain; null for content. */
    public String ipnsName() {
        if (target instanceof Target.IpnsKey key) {
            return Cid.v1(Codec.LIBP2P_KEY, key.multihash()).toString(MultibaseEncoding.BASE36);
        }
        return target instanceof Target.Dnslink dnslink ? dnslink.domain() : null;
    }

    /** As notice.received carries it. */
    public NoticeTarget event() {
        return cid != null ? new NoticeTarget(cid.toString(), pathText(), null) : new NoticeTarget(null, pathText(), ipnsName());
    }
}
