package io.pinfold.pin.follow;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One recorded resolution of an entry: when, what triggered it, what it resolved to, what changed, the error. */
@Schema(name = "FollowResolution")
public record ResolutionView(
        UUID id,
        UUID entryId,
        OffsetDateTime resolvedAt,
        @Schema(enumeration = {"schedule", "demand"}) String trigger,
        @Schema(enumeration = {"unchanged", "changed", "failed", "unpinned"}) String outcome,
        @Schema(description = "The /ipfs/ path it resolved to") String path,
        String previousPath,
        @Schema(description = "Request id of the pin made for a new target") String pinned,
        @Schema(description = "Request ids of pins removed because their grace period ended") List<String> unpinned,
        String error,
        long durationMs) {

    static ResolutionView of(FollowResolution resolution) {
        return new ResolutionView(resolution.id, resolution.entryId, resolution.resolvedAt, resolution.trigger, resolution.outcome,
                resolution.path, resolution.previousPath, resolution.pinned,
                resolution.unpinned.isEmpty() ? List.of() : Arrays.asList(resolution.unpinned.split(" ")), resolution.error,
                resolution.durationMs);
    }

    @Schema(name = "FollowResolutions")
    public record Page(@Schema(description = "Resolutions in this answer") int count, List<ResolutionView> results) {
        static Page of(List<ResolutionView> results) {
            return new Page(results.size(), results);
        }
    }
}
