package io.pinfold.pin.tenant;

import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.access.TokenPrincipal;
import io.pinfold.runtime.rest.ApiError;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a tenant may see of itself: name, quotas and usage, so a client can tell how much room it has. */
@Path("/tenant")
@Tag(name = "Tenant", description = "The calling tenant")
@SecurityRequirement(name = AdminResource.BEARER)
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
public class TenantSelfResource {
    private final Tenants tenants;
    private final SecurityIdentity identity;

    public TenantSelfResource(Tenants tenants, SecurityIdentity identity) {
        this.tenants = tenants;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The tenant the token belongs to, with its quotas and usage")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TenantView.class),
            examples = @ExampleObject(name = "tenant", value = "{\"id\":\"5b0d7c52-3d0e-4b7a-9f56-0b1f1c1e2a77\",\"name\":\"acme\",\"createdAt\":\"2026-12-02T10:00:00Z\","
                    + "\"quota\":{\"pins\":10000,\"bytes\":null},\"usage\":{\"pins\":12,\"bytes\":482113}}")))
    @APIResponse(responseCode = "401", description = "No token, or an unknown, revoked or expired one", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Not a tenant's token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<TenantView> self() {
        return tenants.get(TokenPrincipal.of(identity).tenantId());
    }
}
