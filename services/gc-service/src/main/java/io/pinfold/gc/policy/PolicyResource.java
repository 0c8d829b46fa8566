package io.pinfold.gc.policy;

import io.pinfold.gc.access.OperatorOnly;
import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.rest.ApiError;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/gc/nodes/{nodeId}/policy")
@RolesAllowed(Roles.OPERATOR)
@SecurityScheme(securitySchemeName = OperatorOnly.SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The operator token (pinfold.admin.token): Authorization: Bearer pf_…")
@SecurityRequirement(name = OperatorOnly.SCHEME)
@APIResponse(responseCode = "401", description = "No token, or an unknown one", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "A token without the operator role", content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "Policies", description = "When and how GC runs on each node")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {
    private final PolicyService policies;

    public PolicyResource(PolicyService policies) {
        this.policies = policies;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the node's GC policy (replaces the whole policy)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PolicyView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid; details name each field and the reason",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such node on pinfold.nodes", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<PolicyView> put(@PathParam("nodeId") String nodeId, PolicyRequest request) {
        return policies.put(nodeId, request);
    }

    @GET
    @Operation(summary = "The node's GC policy")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PolicyView.class)))
    @APIResponse(responseCode = "404", description = "The node has no policy", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<PolicyView> get(@PathParam("nodeId") String nodeId) {
        return policies.get(nodeId);
    }
}
