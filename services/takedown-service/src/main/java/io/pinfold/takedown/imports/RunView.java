package io.pinfold.takedown.imports;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One import run: what started it, how far it is (while running) and how it ended. */
@Schema(name = "ImportRun")
public record RunView(
        UUID id,
        @Schema(description = "The source's name", example = "badbits") String source,
        @Schema(enumeration = {"schedule", "on-demand", "upload"}) String trigger,
        @Schema(description = "Who started it: token:<id>/<role>, or system:import-schedule") String actor,
        @Schema(enumeration = {"running", "completed", "not-modified", "refused", "failed"}) String state,
        @Schema(description = "Where a running import is", enumeration = {"fetching", "reading", "adding", "removing", "done"}) String phase,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        @Schema(description = "The list server's answer (200, 304); absent for an upload") Integer httpStatus,
        long bytesRead,
        long linesRead,
        @Schema(description = "Rules read (blocking and negated)") long entriesRead,
        @Schema(description = "Entries this source newly holds (each published on pinfold.denylist and in the .deny feed)") long added,
        @Schema(description = "Entries the source held that its list no longer has (tombstoned and negated unless another holder keeps them)") long removed,
        @Schema(description = "Entries of the list the source already held: nothing published") long unchanged,
        @Schema(description = "Bad lines (see /imports/runs/{id}/bad-lines)") long rejected,
        @Schema(description = "For a refused list: the rule that refused it", enumeration = {"html", "not-text", "header", "no-rules", "empty", "too-large"}) String refusalRule,
        @Schema(description = "Why the list was refused or the run failed") String problem) {

    static final String COLUMNS = "r.id, s.name, r.trigger, r.actor, r.state, r.phase, r.started_at, r.finished_at, r.http_status, "
            + "r.bytes_read, r.lines_read, r.entries_read, r.added, r.removed, r.unchanged, r.rejected, r.refusal_rule, r.problem";

    static RunView of(Row row) {
        return new RunView(row.getUUID(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getOffsetDateTime(6), row.getOffsetDateTime(7), row.getInteger(8), row.getLong(9), row.getLong(10),
                row.getLong(11), row.getLong(12), row.getLong(13), row.getLong(14), row.getLong(15), row.getString(16), row.getString(17));
    }
}
