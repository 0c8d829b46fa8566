package io.pinfold.edge.denylist;

import io.pinfold.denylist.DenylistEntry;
import io.pinfold.denylist.DenylistParser;
import io.pinfold.denylist.DenylistSink;
import io.pinfold.denylist.Hints;
import io.pinfold.events.denylist.DenylistEntryAdded;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where a pinfold.denylist event becomes matcher rules: the event's IPIP-383 rule line is read by
 * the library's own parser (so the edge names targets exactly as every other list reader does), and the event's
 * notice, legal reason and status become the rule's hints. A double hash may stand for two rules (modern and legacy).
 */
public final class DenylistEventTranslation {

    private DenylistEventTranslation() {
    }

    /** The blocking rules of an entry; IllegalArgumentException names what the library could not read. */
    public static List<DenylistEntry> rules(DenylistEntryAdded event) {
        List<DenylistEntry> parsed = new ArrayList<>(2);
        new DenylistParser().parse(event.rule() + "\n", new DenylistSink() {
            @Override
            public void entry(long line, DenylistEntry entry) {
                parsed.add(entry);
            }

            @Override
            public void badLine(io.pinfold.denylist.DenylistSyntaxException problem) {
                throw new IllegalArgumentException(problem.getMessage(), problem);
            }
        });
        // The legal reason, not the free-text reason: the contract keeps "reason" for the transparency report.
        Hints hints = Hints.of(event.noticeId(), event.legalReason(), event.status());
        return parsed.stream().map(rule -> DenylistEntry.block(rule.target(), rule.path(), hints)).toList();
    }

}
