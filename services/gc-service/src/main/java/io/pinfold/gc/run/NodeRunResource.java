package io.pinfold.gc.run;

import io.pinfold.gc.access.OperatorOnly;
import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.rest.ApiError;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/gc/nodes/{nodeId}/runs")
@RolesAllowed(Roles.OPERATOR)
@SecurityRequirement(name = OperatorOnly.SCHEME)
@APIResponse(responseCode = "401", description = "No token, or an unknown one", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "A token without the operator role", content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "Runs", description = "GC runs: start one now, read the history")
@Produces(MediaType.APPLICATION_JSON)
public class NodeRunResource {
    private final GcRuns runs;

    public NodeRunResource(GcRuns runs) {
        this.runs = runs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a GC run on the node now",
            description = "A full run drains the node on pinfold.nodes first and returns it to active afterwards, also "
                    + "when GC fails. Answers at once; follow the run with GET /gc/runs/{runId} or on pinfold.gc.")
    @APIResponse(responseCode = "202", description = "Started (or recorded, for a dry run)",
            content = @Content(schema = @Schema(implementation = GcRunView.class)))
    @APIResponse(responseCode = "400", description = "mode is unknown or not implemented", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such node on pinfold.nodes", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "A run is already under way on the node (details carry its run id), "
            + "or the node may not be drained now (last active node, drain limit, not active)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> start(@PathParam("nodeId") String nodeId, RunRequest request) {
        return runs.startManual(nodeId, request).map(view -> Response.accepted(view).build());
    }
}
