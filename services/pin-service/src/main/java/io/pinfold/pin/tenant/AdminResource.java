package io.pinfold.pin.tenant;

import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.rest.ApiError;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/admin")
@Tag(name = "Admin", description = "Tenants, their tokens and quotas; needs the operator's admin token")
@SecurityScheme(securitySchemeName = AdminResource.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token (pf_…): the admin token for /admin and /nodes, a tenant token for /pins")
@SecurityRequirement(name = AdminResource.BEARER)
@APIResponse(responseCode = "401", description = "No token, or an unknown, revoked or expired one", content = @Content(schema = @Schema(implementation = ApiError.class),
        examples = @ExampleObject(name = "unauthorized", value = "{\"error\":{\"reason\":\"UNAUTHORIZED\",\"details\":\"Authorization: a Bearer token is required\"}}")))
@APIResponse(responseCode = "403", description = "The token is not an operator's", content = @Content(schema = @Schema(implementation = ApiError.class),
        examples = @ExampleObject(name = "forbidden", value = "{\"error\":{\"reason\":\"FORBIDDEN\",\"details\":\"this token's role may not use this endpoint\"}}")))
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    public static final String BEARER = "bearer";
    private static final String TENANT_EXAMPLE = "{\"id\":\"5b0d7c52-3d0e-4b7a-9f56-0b1f1c1e2a77\",\"name\":\"acme\",\"createdAt\":\"2026-12-02T10:00:00Z\","
            + "\"quota\":{\"pins\":10000,\"bytes\":null},\"usage\":{\"pins\":0,\"bytes\":0}}";
    private static final String TOKEN_EXAMPLE = "{\"id\":\"0e5a2f3c-8d51-4c0e-a1b4-4f7c1d9e6b20\",\"tenantId\":\"5b0d7c52-3d0e-4b7a-9f56-0b1f1c1e2a77\","
            + "\"role\":\"tenant\",\"label\":\"ci uploads\",\"createdAt\":\"2026-12-02T10:00:00Z\",\"expiresAt\":null,\"revokedAt\":null}";

    private final Tenants tenants;
    private final TenantTokens tokens;

    public AdminResource(Tenants tenants, TenantTokens tokens) {
        this.tenants = tenants;
        this.tokens = tokens;
    }

    @POST
    @Path("/tenants")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Create a tenant", description = "Quotas left out are unlimited.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "tenant", value = "{\"name\":\"acme\",\"quotaPins\":10000}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = TenantView.class),
            examples = @ExampleObject(name = "tenant", value = TENANT_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A field is invalid", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "A tenant with this name exists", content = @Content(schema = @Schema(implementation = ApiError.class),
            examples = @ExampleObject(name = "duplicate", value = "{\"error\":{\"reason\":\"CONFLICT\",\"details\":\"name: a tenant named 'acme' already exists\"}}")))
    public Uni<TenantView> createTenant(@NotNull(message = "request body is required") @Valid TenantCreation creation) {
        return tenants.create(creation);
    }

    @GET
    @Path("/tenants")
    @Operation(summary = "List tenants, by name")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TenantView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY),
            examples = @ExampleObject(name = "tenants", value = "[" + TENANT_EXAMPLE + "]")))
    public Uni<List<TenantView>> listTenants() {
        return tenants.list();
    }

    @GET
    @Path("/tenants/{id}")
    @Operation(summary = "One tenant, with its quotas and usage")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TenantView.class), examples = @ExampleObject(name = "tenant", value = TENANT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<TenantView> getTenant(@PathParam("id") String id) {
        return tenants.get(Ids.tenant(id));
    }

    @PUT
    @Path("/tenants/{id}/quota")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a tenant's quotas", description = "Pins and bytes (as `ipfs dag stat` reports them); null or absent = unlimited. "
            + "A lower quota than the usage refuses new pins; it removes none.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "quota", value = "{\"pins\":50000,\"bytes\":5497558138880}")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TenantView.class), examples = @ExampleObject(name = "tenant", value = TENANT_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A field is invalid", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<TenantView> setQuota(@PathParam("id") String id, @NotNull(message = "request body is required") @Valid QuotaUpdate update) {
        return tenants.setQuota(Ids.tenant(id), update);
    }

    @PUT
    @Path("/tenants/{id}/replication")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a tenant's default replication factor", description = "min..max nodes per pin, within pinfold.replication.cap; "
            + "both null: the service's default. New pins get it unless their meta sets replicationMin/replicationMax; placed pins keep theirs.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "replication", value = "{\"min\":2,\"max\":3}")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TenantView.class), examples = @ExampleObject(name = "tenant", value = TENANT_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A field is invalid", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<TenantView> setReplication(@PathParam("id") String id, @NotNull(message = "request body is required") ReplicationUpdate update) {
        return tenants.setReplication(Ids.tenant(id), update);
    }

    @POST
    @Path("/tenants/{id}/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Create a token for a tenant", description = "The answer holds the token itself, this once: only its hash is kept.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "token", value = "{\"label\":\"ci uploads\",\"expiresAt\":\"2027-06-30T00:00:00Z\"}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = IssuedToken.class),
            examples = @ExampleObject(name = "issued", value = "{\"id\":\"0e5a2f3c-8d51-4c0e-a1b4-4f7c1d9e6b20\",\"tenantId\":\"5b0d7c52-3d0e-4b7a-9f56-0b1f1c1e2a77\","
                    + "\"token\":\"pf_8lV3p0v0mVq2f4nC3wq9bDq3Xc1l2s6y7hXG2p0Zt8M\",\"label\":\"ci uploads\",\"createdAt\":\"2026-12-02T10:00:00Z\",\"expiresAt\":\"2027-06-30T00:00:00Z\"}")))
    @APIResponse(responseCode = "400", description = "A field is invalid", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<IssuedToken> createToken(@PathParam("id") String id, @NotNull(message = "request body is required") @Valid TokenCreation creation) {
        return tokens.issue(Ids.tenant(id), creation);
    }

    @GET
    @Path("/tenants/{id}/tokens")
    @Operation(summary = "A tenant's tokens, revoked ones included", description = "Never shows a token or its hash.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TokenView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY),
            examples = @ExampleObject(name = "tokens", value = "[" + TOKEN_EXAMPLE + "]")))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<List<TokenView>> listTokens(@PathParam("id") String id) {
        return tokens.list(Ids.tenant(id));
    }

    @DELETE
    @Path("/tokens/{tokenId}")
    @Operation(summary = "Revoke a token", description = "It stops working at its next request. The row stays, with revokedAt, for the record. "
            + "Revoking every admin token makes the next start generate a new one (when pinfold.admin.token is not set).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TokenView.class), examples = @ExampleObject(name = "revoked", value = TOKEN_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<TokenView> revokeToken(@PathParam("tokenId") String tokenId) {
        return tokens.revoke(Ids.token(tokenId));
    }
}
