package io.pinfold.pin.node;

import io.pinfold.pin.tenant.AdminResource;
import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.rest.ApiError;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/nodes")
@RolesAllowed(Roles.OPERATOR)
@SecurityRequirement(name = AdminResource.BEARER)
@APIResponse(responseCode = "401", description = "No token, or an unknown, revoked or expired one", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "The token is not an operator's", content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "Nodes", description = "Registry of the Kubo data nodes Pinfold manages")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {
    private final NodeRegistry registry;

    public NodeResource(NodeRegistry registry) {
        this.registry = registry;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Register a Kubo node (or update a registered one)",
            description = "Asks the node for its peer ID and version over its RPC API, stores it and publishes node.registered on pinfold.nodes.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = NodeView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Another registered node has the same peer ID", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "The node did not answer on its RPC URL", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<NodeView> register(@NotNull(message = "request body is required") @Valid NodeRegistration registration) {
        return registry.register(registration);
    }

    @GET
    @Operation(summary = "List registered nodes")
    public Uni<List<NodeView>> list() {
        return registry.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One registered node, by id")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = NodeView.class)))
    @APIResponse(responseCode = "404", description = "No such node", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<NodeView> get(@PathParam("id") String id) {
        return registry.get(id);
    }
}
