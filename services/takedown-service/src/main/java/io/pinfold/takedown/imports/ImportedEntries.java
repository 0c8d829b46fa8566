package io.pinfold.takedown.imports;

import io.pinfold.denylist.DenylistEntry;
import io.pinfold.denylist.DenylistParser;
import io.pinfold.denylist.DoubleHashFunction;
import io.pinfold.denylist.DoubleHashes;
import io.pinfold.denylist.Hints;
import io.pinfold.denylist.Target;
import io.pinfold.events.denylist.DenylistEntryAdded;

/**
 * What a line of an outside list becomes on Pinfold's denylist: the rule with the source's hints (notice
 * {@code import:<source>}, the source's status and legal reason; the line's own hints are not taken over), hidden
 * as a double hash when {@code pinfold.denylist.double-hash} is on, exactly as an accepted notice's entry would be.
 */
final class ImportedEntries {
    private final Hints hints;
    private final boolean doubleHash;
    private final String holder;
    private final String reason;

    ImportedEntries(ImportSource source, boolean doubleHash) {
        this.holder = source.holderName();
        this.hints = Hints.of(holder, source.legalReason(), source.status());
        this.doubleHash = doubleHash;
        this.reason = "imported from list " + source.name();
    }

    /** The blocking entry as published (for a negated line too: its key is the key the negation lifts). */
    DenylistEntry published(DenylistEntry read) {
        DenylistEntry entry = DenylistEntry.block(read.target(), read.path(), hints);
        boolean plain = entry.target() instanceof Target.Content || entry.target() instanceof Target.IpnsKey
                || entry.target() instanceof Target.Dnslink;
        return doubleHash && plain && !entry.path().prefix() ? DoubleHashes.hide(entry, DoubleHashFunction.SHA2_256) : entry;
    }

    /** The event of a published rule (as {@link DenylistEntry#rule()} wrote it); throws when the contract refuses it. */
    DenylistEntryAdded event(String rule) {
        DenylistEntry parsed = DenylistParser.rule(rule);
        return DenylistEntryAdded.of(DenylistEntry.block(parsed.target(), parsed.path(), hints), null, reason, holder);
    }

    String reason() {
        return reason;
    }
}
