package io.pinfold.takedown.audit;

import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.rest.ApiError;
import io.pinfold.runtime.rest.PageLimit;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

// Reads private data (who complained about what): operator and reviewer tokens only.
@Path("/audit")
@RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
@SecurityScheme(securitySchemeName = AuditResource.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An operator or reviewer token: Authorization: Bearer pf_…")
@SecurityRequirement(name = AuditResource.BEARER)
@APIResponse(responseCode = "401", description = "No token, or an unknown one", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "A token without the operator or reviewer role", content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "Audit", description = "The append-only, hash-chained audit trail of takedown actions")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    static final String BEARER = "bearer";
    private final AuditReader reader;
    private final AuditVerifier verifier;

    public AuditResource(AuditReader reader, AuditVerifier verifier) {
        this.reader = reader;
        this.verifier = verifier;
    }

    @GET
    @Operation(summary = "Audit records in seq order, a page at a time")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "400", description = "after or limit is invalid", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<AuditPage> list(
            @Parameter(description = "Return records with a seq greater than this (default 0: from the start)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("after") String after,
            @Parameter(description = "Most records to return (1–" + PageLimit.MAX + ", default " + PageLimit.DEFAULT + ")",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100")) @QueryParam("limit") String limit) {
        AuditPageRequest request = AuditPageRequest.parse(after, limit);
        return reader.page(request.after(), request.limit());
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Verify the whole chain",
            description = "Walks every record in seq order, checking seqs run 1..N without gaps, each prev_hash is the hash "
                    + "of the record before, and each hash is the SHA-256 of the record's fields. Answers 200 either way; "
                    + "verified=false names the first record that does not check out.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AuditVerification.class)))
    @APIResponse(responseCode = "500", description = "The database could not be read", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<AuditVerification> verify() {
        return verifier.verify();
    }
}
