package io.pinfold.pin.admission;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's admission rules, all at once (a field left out or null: no rule of that kind). */
@Schema(name = "AdmissionRules")
public record AdmissionRulesUpdate(
        @Schema(description = "pin.requested events published straight to pinfold.pins must be signed by one of the tenant's publisher keys "
                + "(REST requests with the tenant's token need no signature); absent = false") Boolean requireSignedEvents,
        @Schema(example = "10737418240", description = "Largest DAG in bytes (dag stat's total size of unique blocks), checked while pinning") Long maxDagBytes,
        @Schema(example = "100000", description = "Most blocks in a DAG (dag stat's count), checked while pinning") Long maxDagBlocks,
        @Schema(example = "[\"dag-pb\", \"raw\"]", description = "Multicodec names the root CID's codec must be one of") List<String> allowedCodecs,
        @Schema(example = "[\"sha2-256\"]", description = "Multicodec names the root CID's hash function must be one of") List<String> allowedHashFunctions,
        @Schema(example = "[\"bafybei\", \"/ipfs/bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku\"]",
                description = "The root CID must start with one of these (as written or as CIDv1 base32), or be the root of one of these /ipfs/ paths")
        List<String> allowedPrefixes) {
}
