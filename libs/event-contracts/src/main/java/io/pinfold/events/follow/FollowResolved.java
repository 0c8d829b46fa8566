package io.pinfold.events.follow;

import io.pinfold.events.OptionalField;
import io.pinfold.events.SelfKeyedEvent;
import io.pinfold.events.validation.FieldChecks;
import java.util.List;

/**
 * {@code io.pinfold.follow.resolved}: one entry of a tenant's follow list was resolved (or its expired versions
 * unpinned). Keyed by the entry id, so an entry's resolutions stay in order.
 *
 * @param entryId      the follow entry (a UUID)
 * @param list         the follow list's name
 * @param tenant       the tenant that owns the list
 * @param target       the entry as the tenant wrote it (IPNS name, DNSLink domain, /ipns/ or /ipfs/ path)
 * @param trigger      {@code schedule} or {@code demand}
 * @param outcome      what the resolution came to
 * @param path         the /ipfs/ path it resolved to (absent when it failed or no resolution ran)
 * @param previousPath the path it resolved to before, if any
 * @param pinned       the request id of the pin made for a new target
 * @param unpinned     request ids of the pins removed because their grace period after leaving the last N ended
 * @param error        why the resolution failed
 */
public record FollowResolved(
        String entryId,
        String list,
        String tenant,
        String target,
        String trigger,
        FollowOutcome outcome,
        @OptionalField String path,
        @OptionalField String previousPath,
        @OptionalField String pinned,
        @OptionalField List<String> unpinned,
        @OptionalField String error) implements SelfKeyedEvent {

    public FollowResolved {
        FieldChecks.start()
                .required("entryId", entryId).uuid("entryId", entryId)
                .required("list", list).text("list", list, 128)
                .required("tenant", tenant).identifier("tenant", tenant)
                .required("target", target).text("target", target, 1024)
                .required("trigger", trigger).that(trigger == null || trigger.equals("schedule") || trigger.equals("demand"),
                        "trigger", "must be schedule or demand, was '" + trigger + "'")
                .required("outcome", outcome)
                .text("path", path, 4096)
                .text("previousPath", previousPath, 4096)
                .identifier("pinned", pinned)
                .noNulls("unpinned", unpinned)
                .text("error", error, 2048)
                .that(outcome != FollowOutcome.FAILED || error != null, "error", "is required when outcome is failed")
                .orThrow();
        unpinned = unpinned == null ? List.of() : List.copyOf(unpinned);
    }

    @Override
    public String subject() {
        return entryId;
    }

    @Override
    public String recordKey() {
        return entryId;
    }
}
