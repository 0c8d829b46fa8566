package io.pinfold.pin.admission;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's admission rules as stored; updatedAt null: the tenant never had rules (none apply). */
@Schema(name = "AdmissionRulesView")
public record AdmissionRulesView(UUID tenantId, boolean requireSignedEvents, Long maxDagBytes, Long maxDagBlocks, List<String> allowedCodecs,
                                 List<String> allowedHashFunctions, List<String> allowedPrefixes, OffsetDateTime updatedAt) {

    static AdmissionRulesView of(UUID tenantId, AdmissionRules rules) {
        if (rules == null) {
            return new AdmissionRulesView(tenantId, false, null, null, null, null, null, null);
        }
        ContentRules content = rules.content();
        return new AdmissionRulesView(tenantId, rules.requireSignedEvents, content.maxDagBytes(), content.maxDagBlocks(), content.allowedCodecs(),
                content.allowedHashFunctions(), content.allowedPrefixes(), rules.updatedAt);
    }
}
