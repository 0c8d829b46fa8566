package io.pinfold.takedown.denylist;

import io.pinfold.denylist.DenylistEntry;
import io.pinfold.denylist.Target;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.denylist.DenylistEntryKind;
import io.pinfold.ipfs.cid.Cid;

/** Builds the denylist.entry-added event of an entry: its rule, and the rule spelled out for consumers that do not match. */
final class EntryEvents {
    private EntryEvents() {
    }

    /** {@code cid}: the CID the notice named, for content entries (null when the entry is double-hashed). */
    static DenylistEntryAdded added(DenylistEntry entry, Cid cid, String reason, String noticeId) {
        DenylistEntryKind kind = DenylistEntryKind.of(entry.target(), entry.path().isRoot());
        String rule = entry.rule();
        boolean content = entry.target() instanceof Target.Content;
        boolean named = kind == DenylistEntryKind.IPNS || kind == DenylistEntryKind.DNSLINK;
        String path = DenylistEntryAdded.pathText(entry);
        return new DenylistEntryAdded(
                kind,
                rule,
                content && cid != null ? cid.toString() : null,
                content ? ((Target.Content) entry.target()).multihash().toBase32() : null,
                (content || named) && !path.isEmpty() ? path : null,
                named ? rule.substring("/ipns/".length()).split("/", 2)[0] : null,
                kind == DenylistEntryKind.DOUBLE_HASH ? rule.substring(2) : null,
                entry.status(),
                entry.hints().legalReason().orElse(null),
                reason,
                noticeId);
    }
}
