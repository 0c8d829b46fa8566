package io.pinfold.takedown.imports;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An outside list as configured (table import_source). */
public record ImportSource(UUID id, String name, String url, Integer intervalSeconds, boolean enabled, int status,
                           String legalReason, String etag, String lastModified, OffsetDateTime nextRunAt,
                           UUID leaseOwner, OffsetDateTime leaseExpiresAt, OffsetDateTime createdAt, String createdBy,
                           OffsetDateTime updatedAt, String updatedBy) {
    static final String COLUMNS = "id, name, url, interval_seconds, enabled, status, legal_reason, etag, last_modified, "
            + "next_run_at, lease_owner, lease_expires_at, created_at, created_by, updated_at, updated_by";

    static ImportSource of(Row row) {
        return new ImportSource(row.getUUID("id"), row.getString("name"), row.getString("url"), row.getInteger("interval_seconds"),
                row.getBoolean("enabled"), row.getInteger("status"), row.getString("legal_reason"), row.getString("etag"),
                row.getString("last_modified"), row.getOffsetDateTime("next_run_at"), row.getUUID("lease_owner"),
                row.getOffsetDateTime("lease_expires_at"), row.getOffsetDateTime("created_at"), row.getString("created_by"),
                row.getOffsetDateTime("updated_at"), row.getString("updated_by"));
    }

    /** The notice hint and event noticeId of the list's entries: which list they come from. */
    public String holderName() {
        return "import:" + name;
    }
}
