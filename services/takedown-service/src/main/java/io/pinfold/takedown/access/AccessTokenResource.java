package io.pinfold.takedown.access;

import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.rest.ApiError;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.security.identity.SecurityIdentity;
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
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator hands out reviewer tokens here; only the operator. */
@Path("/admin/tokens")
@RolesAllowed(Roles.OPERATOR)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No token, or an unknown one", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "A token without the operator role", content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "Tokens", description = "Reviewer tokens, issued by the operator, stored as SHA-256")
@Produces(MediaType.APPLICATION_JSON)
public class AccessTokenResource {
    private final AccessTokens tokens;
    private final SecurityIdentity identity;

    public AccessTokenResource(AccessTokens tokens, SecurityIdentity identity) {
        this.tokens = tokens;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a reviewer (or operator) token", description = "The answer is the only place the token ever appears.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = IssuedToken.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> issue(@Valid @NotNull(message = "body: a JSON object is required") TokenIssue issue) {
        return tokens.issue(issue, Actor.of(identity)).map(issued -> Response.status(201).entity(issued).build());
    }

    @GET
    @Operation(summary = "Every issued token (never the tokens themselves)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TokenView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public Uni<List<TokenView>> list() {
        return tokens.list();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a token", description = "It stops working at its next request.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TokenView.class)))
    @APIResponse(responseCode = "404", description = "No such token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<TokenView> revoke(@PathParam("id") String id) {
        return tokens.revoke(uuid(id), Actor.of(identity));
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw RequestRejected.badRequest("id", "not a token id (a UUID): '" + text + "'");
        }
    }
}
