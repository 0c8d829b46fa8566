package io.pinfold.pin.follow;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A follow list as the API shows it, with its entries, their last outcome and the versions they keep pinned. */
@Schema(name = "FollowList")
public record FollowListView(
        @Schema(example = "docs-sites") String name,
        @Schema(example = "600") int intervalSeconds,
        @Schema(example = "30") int jitterSeconds,
        @Schema(example = "2") int keepVersions,
        @Schema(example = "3600") long graceSeconds,
        @Schema(description = "null: the tenant's default factor") Replication replication,
        Map<String, String> meta,
        OffsetDateTime createdAt,
        List<EntryView> entries) {

    @Schema(name = "FollowReplication")
    public record Replication(int min, int max) {
    }

    @Schema(name = "FollowEntry")
    public record EntryView(
            UUID id,
            @Schema(description = "As written") String target,
            @Schema(enumeration = {"ipns", "dnslink", "ipfs"}) String kind,
            @Schema(description = "What is resolved: /ipns/<key in base36>, /ipns/<domain> or /ipfs/<cid>") String name,
            @Schema(description = "The /ipfs/ path of the last successful resolution") String currentPath,
            OffsetDateTime resolvedAt,
            OffsetDateTime nextResolveAt,
            @Schema(description = "Failed resolutions in a row (the retry backoff)") int failures,
            String lastError,
            @Schema(description = "Versions still pinned, newest first") List<VersionView> versions) {
    }

    @Schema(name = "FollowVersion")
    public record VersionView(
            @Schema(description = "Request id of the pin (GET /pins/{requestid})") String pinId,
            String cid,
            String path,
            OffsetDateTime firstSeenAt,
            @Schema(description = "When the name last came to point here") OffsetDateTime currentSince,
            @Schema(description = "Set once the version left the last N: when its pin is removed") OffsetDateTime unpinAfter) {
    }

    static VersionView version(FollowVersion version) {
        return new VersionView(version.pinId, version.cid, version.path, version.firstSeenAt, version.currentSince, version.unpinAfter);
    }

    static EntryView entry(FollowEntry entry, List<FollowVersion> versions) {
        return new EntryView(entry.id, entry.target, entry.kind, FollowTarget.parse("target", entry.target).path(), entry.currentPath,
                entry.resolvedAt, entry.nextResolveAt, entry.failures, entry.lastError,
                versions.stream().map(FollowListView::version).toList());
    }

    static FollowListView of(FollowList list, List<EntryView> entries) {
        return new FollowListView(list.name, list.intervalSeconds, list.jitterSeconds, list.keepVersions, list.graceSeconds,
                list.replicationMin == null ? null : new Replication(list.replicationMin, list.replicationMax),
                FollowMeta.read(list.meta), list.createdAt, entries);
    }
}
