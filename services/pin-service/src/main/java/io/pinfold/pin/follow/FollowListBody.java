package io.pinfold.pin.follow;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A follow list as a tenant writes it (POST: everything; PUT: the settings, entries left out). */
@Schema(name = "FollowListInput")
public record FollowListBody(
        @Schema(description = "Unique per tenant: 1-128 letters, digits, '.', '_' or '-'", example = "docs-sites") String name,
        @Schema(description = "Seconds between resolutions of each entry, at least pinfold.follow.min-interval; default 600", example = "600")
        Integer intervalSeconds,
        @Schema(description = "Up to this many seconds added at random to each interval, so entries do not all resolve at once; default 0, at most the interval",
                example = "30") Integer jitterSeconds,
        @Schema(description = "How many versions of each entry stay pinned (the newest first), 1-100; default 1", example = "2") Integer keepVersions,
        @Schema(description = "Seconds an older version stays pinned after it left the last N; default 3600", example = "3600") Long graceSeconds,
        @Schema(description = "Replication factor of the list's pins (both or neither); default: the tenant's", example = "1") Integer replicationMin,
        @Schema(example = "2") Integer replicationMax,
        @Schema(description = "Meta every pin of the list gets (at most 60 entries); pinfold.follow.list and pinfold.follow.entry are added")
        Map<String, String> meta,
        @Schema(description = "Names to follow (POST only): IPNS names in any key form (k51…, bafzaa…, 12D3KooW…, Qm…), DNSLink domains, "
                + "/ipns/… or /ipfs/… paths", example = "[\"/ipns/docs.ipfs.tech\", \"k51qzi5uqu5dlvj2baxnqndepeb86cbk3ng7n3i46uzyxzyqj2xjonzllnv0v8\"]")
        List<String> entries) {
}
