package io.pinfold.takedown.imports;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An outside list Pinfold follows, with where its imports stand. */
@Schema(name = "ImportSource")
public record SourceView(
        @Schema(description = "The source's id: its entries' holder in /denylist/entries (noticeId)") UUID id,
        @Schema(example = "badbits") String name,
        String url,
        Integer intervalSeconds,
        boolean enabled,
        @Schema(enumeration = {"410", "451"}) int status,
        String legalReason,
        @Schema(description = "Validators of the last completed fetch, sent as If-None-Match / If-Modified-Since") String etag,
        String lastModified,
        @Schema(description = "When the schedule runs it next") OffsetDateTime nextRunAt,
        @Schema(description = "The run holding the source's lease, while one runs") UUID runningRun,
        @Schema(description = "Entries the source holds on the denylist") long entries,
        OffsetDateTime createdAt,
        String createdBy,
        OffsetDateTime updatedAt,
        String updatedBy) {

    static SourceView of(ImportSource source, long entries) {
        boolean leased = source.leaseOwner() != null && source.leaseExpiresAt() != null
                && source.leaseExpiresAt().isAfter(OffsetDateTime.now());
        return new SourceView(source.id(), source.name(), source.url(), source.intervalSeconds(), source.enabled(), source.status(),
                source.legalReason(), source.etag(), source.lastModified(), source.nextRunAt(), leased ? source.leaseOwner() : null,
                entries, source.createdAt(), source.createdBy(), source.updatedAt(), source.updatedBy());
    }
}
