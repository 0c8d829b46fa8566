package io.pinfold.pin.admission;

import io.pinfold.pin.tenant.AdminResource;
import io.pinfold.pin.tenant.Ids;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** A tenant's Ed25519 publisher keys over the admin API (operator token). */
@Path("/admin/tenants/{id}/publisher-keys")
@Tag(name = "Admin", description = "Tenants, their tokens and quotas; needs the operator's admin token")
@SecurityRequirement(name = AdminResource.BEARER)
@APIResponse(responseCode = "401", description = "No token, or an unknown, revoked or expired one", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "The token is not an operator's", content = @Content(schema = @Schema(implementation = ApiError.class)))
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class PublisherKeysResource {
    private static final String KEY_EXAMPLE = "{\"id\":\"7d1f0c2a-5b7e-4a43-9c1e-2f6b8d0a9e31\",\"tenantId\":\"5b0d7c52-3d0e-4b7a-9f56-0b1f1c1e2a77\","
            + "\"publicKey\":\"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\",\"label\":\"dataset ingest\",\"createdAt\":\"2026-12-06T10:00:00Z\",\"revokedAt\":null}";

    private final PublisherKeys keys;

    public PublisherKeysResource(PublisherKeys keys) {
        this.keys = keys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Register a publisher key", description = "An Ed25519 public key whose signatures the tenant accepts on pin.requested "
            + "events published straight to pinfold.pins; events name it by the answered id in ce_pinfoldkeyid.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "key", value = "{\"publicKey\":\"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\",\"label\":\"dataset ingest\"}")))
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = PublisherKeyView.class),
            examples = @ExampleObject(name = "key", value = KEY_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A field is invalid", content = @Content(schema = @Schema(implementation = ApiError.class),
            examples = @ExampleObject(name = "bad key", value = "{\"error\":{\"reason\":\"BAD_REQUEST\",\"details\":\"publicKey: must decode to the raw 32-byte Ed25519 public key, decoded to 31 bytes\"}}")))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The key is already registered for the tenant", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<PublisherKeyView> register(@PathParam("id") String id, @NotNull(message = "request body is required") @Valid PublisherKeyRegistration registration) {
        return keys.register(Ids.tenant(id), registration);
    }

    @GET
    @Operation(summary = "A tenant's publisher keys, revoked ones included")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PublisherKeyView.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "keys", value = "[" + KEY_EXAMPLE + "]")))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<List<PublisherKeyView>> list(@PathParam("id") String id) {
        return keys.list(Ids.tenant(id));
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke a publisher key", description = "Events signed with it that are consumed from now on are refused "
            + "(dead-lettered). The key stays listed, with revokedAt.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PublisherKeyView.class), examples = @ExampleObject(name = "revoked", value = KEY_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such key for this tenant", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<PublisherKeyView> revoke(@PathParam("id") String id, @PathParam("keyId") String keyId) {
        return keys.revoke(Ids.tenant(id), keyId);
    }
}
