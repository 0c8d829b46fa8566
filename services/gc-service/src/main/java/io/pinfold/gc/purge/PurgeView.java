package io.pinfold.gc.purge;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "GcPurge", description = "Blocked content and its purge from one node")
public record PurgeView(
        @Schema(description = "The pinfold.denylist entry's key") String entryKey,
        String cid,
        @Schema(description = "Base32 multihash of the content") String multihash,
        String noticeId,
        String nodeId,
        @Schema(enumeration = {"pending", "purged"},
                description = "pending: the node still pins it (pin-service has not unpinned it there yet) or was down")
        String state,
        OffsetDateTime purgedAt,
        @Schema(description = "The purge run (GET /gc/runs/{id})") String runId,
        @Schema(description = "Blocks the purge run removed (all it purged on the node)") Long blocksRemoved,
        @Schema(description = "Bytes the purge run freed") Long bytesFreed) {
}
