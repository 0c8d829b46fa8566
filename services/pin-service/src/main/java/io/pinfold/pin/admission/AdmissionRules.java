package io.pinfold.pin.admission;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A tenant's admission rules (V11 tenant_admission); the lists are JSON arrays as text, null = any. */
@Entity
@Table(name = "tenant_admission")
public class AdmissionRules extends PanacheEntityBase {
    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "require_signed_events", nullable = false)
    public boolean requireSignedEvents;

    @Column(name = "max_dag_bytes")
    public Long maxDagBytes;

    @Column(name = "max_dag_blocks")
    public Long maxDagBlocks;

    @Column(name = "allowed_codecs")
    public String allowedCodecs;

    @Column(name = "allowed_hash_functions")
    public String allowedHashFunctions;

    @Column(name = "allowed_prefixes")
    public String allowedPrefixes;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The rules as values; a tenant without a row has {@link ContentRules#NONE}. */
    public ContentRules content() {
        return new ContentRules(maxDagBytes, maxDagBlocks, JsonLists.read(allowedCodecs), JsonLists.read(allowedHashFunctions),
                JsonLists.read(allowedPrefixes));
    }
}
