package io.pinfold.gc.run;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "GcRun", description = "One GC run and what it did")
public record GcRunView(
        UUID id,
        String nodeId,
        @Schema(enumeration = {"full", "targeted"}) String mode,
        @Schema(description = "Why the run got its mode (the cost model's reason), e.g. full because the node's Kubo lacks "
                + "Pinfold's pinfold/* commands") String modeReason,
        @Schema(enumeration = {"watermark", "schedule", "unpinned", "blocked", "manual"}) String trigger,
        boolean dryRun,
        @Schema(description = "Whether the node left the gateway pool and pin work for the run") boolean drained,
        @Schema(enumeration = {"running", "completed", "failed", "abandoned", "dry-run"},
                description = "abandoned: the copy running it stopped; its lease expired and another copy returned the node")
        String outcome,
        String error,
        long blocksRemoved,
        long bytesFreed,
        @Schema(description = "Bytes the unpinned roots known on the node held when the run was planned") Long estimatedBytes,
        @Schema(description = "How long the node's GC lock was held (pins and adds on the node waited meanwhile)") Long lockMillis,
        Long durationMillis,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt) {

    static GcRunView of(GcRun run) {
        return new GcRunView(run.id, run.nodeId, run.mode, run.modeReason, run.trigger, run.dryRun, run.drained, run.outcome, run.error,
                run.blocksRemoved, run.bytesFreed, run.estimatedBytes, run.lockMillis, run.durationMillis, run.startedAt,
                run.finishedAt);
    }
}
