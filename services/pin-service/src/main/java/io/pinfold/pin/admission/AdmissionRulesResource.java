package io.pinfold.pin.admission;

import io.pinfold.pin.tenant.AdminResource;
import io.pinfold.pin.tenant.Ids;
import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.rest.ApiError;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's admission rules over the admin API (operator token). */
@Path("/admin/tenants/{id}/admission")
@Tag(name = "Admin", description = "Tenants, their tokens and quotas; needs the operator's admin token")
@SecurityRequirement(name = AdminResource.BEARER)
@APIResponse(responseCode = "401", description = "No token, or an unknown, revoked or expired one", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "The token is not an operator's", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "404", description = "No such tenant", content = @Content(schema = @Schema(implementation = ApiError.class)))
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class AdmissionRulesResource {
    private static final String RULES_EXAMPLE = "{\"tenantId\":\"5b0d7c52-3d0e-4b7a-9f56-0b1f1c1e2a77\",\"requireSignedEvents\":true,\"maxDagBytes\":10737418240,"
            + "\"maxDagBlocks\":null,\"allowedCodecs\":[\"dag-pb\",\"raw\"],\"allowedHashFunctions\":[\"sha2-256\"],\"allowedPrefixes\":null,"
            + "\"updatedAt\":\"2026-12-06T10:00:00Z\"}";

    private final TenantAdmission admission;

    public AdmissionRulesResource(TenantAdmission admission) {
        this.admission = admission;
    }

    @GET
    @Operation(summary = "A tenant's admission rules", description = "A tenant that never had rules answers all of them unset (updatedAt null).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AdmissionRulesView.class),
            examples = @ExampleObject(name = "rules", value = RULES_EXAMPLE)))
    public Uni<AdmissionRulesView> get(@PathParam("id") String id) {
        return admission.get(Ids.tenant(id));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a tenant's admission rules", description = "Replaces all of them: a field left out or null is no rule of that kind. "
            + "requireSignedEvents: pin.requested events published straight to pinfold.pins must carry an Ed25519 signature by one of the "
            + "tenant's publisher keys (REST requests with its token need none). maxDagBytes/maxDagBlocks: checked with dag stat while "
            + "pinning; a DAG past a cap ends failed naming the rule in info.admission_rule. allowedCodecs/allowedHashFunctions/"
            + "allowedPrefixes: checked on the root CID when a pin is requested (REST: 422 ADMISSION_REFUSED; events: dead-lettered). "
            + "Rules apply to requests and pinning from now on; placed pins stay.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "rules", value = "{\"requireSignedEvents\":true,\"maxDagBytes\":10737418240,"
            + "\"allowedCodecs\":[\"dag-pb\",\"raw\"],\"allowedHashFunctions\":[\"sha2-256\"]}")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AdmissionRulesView.class),
            examples = @ExampleObject(name = "rules", value = RULES_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A field is invalid (each named)", content = @Content(schema = @Schema(implementation = ApiError.class),
            examples = @ExampleObject(name = "bad", value = "{\"error\":{\"reason\":\"BAD_REQUEST\",\"details\":\"allowedCodecs[0]: 'dag-pbb' is no multicodec codec name (e.g. dag-pb, raw, dag-cbor)\"}}")))
    public Uni<AdmissionRulesView> set(@PathParam("id") String id, @NotNull(message = "request body is required") AdmissionRulesUpdate update) {
        return admission.set(Ids.tenant(id), update);
    }
}
