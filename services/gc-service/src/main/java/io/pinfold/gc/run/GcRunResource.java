package io.pinfold.gc.run;

import io.pinfold.gc.access.OperatorOnly;
import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.rest.ApiError;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/gc/runs")
@RolesAllowed(Roles.OPERATOR)
@SecurityRequirement(name = OperatorOnly.SCHEME)
@APIResponse(responseCode = "401", description = "No token, or an unknown one", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "A token without the operator role", content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "Runs", description = "GC runs: start one now, read the history")
@Produces(MediaType.APPLICATION_JSON)
public class GcRunResource {
    private final GcRuns runs;

    public GcRunResource(GcRuns runs) {
        this.runs = runs;
    }

    @GET
    @Operation(summary = "Runs, newest first, a page at a time")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunPage.class)))
    @APIResponse(responseCode = "400", description = "limit or before is invalid", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RunPage> list(
            @Parameter(description = "Only this node's runs") @QueryParam("node") String nodeId,
            @Parameter(description = "The next cursor of the previous page") @QueryParam("before") String before,
            @Parameter(description = "Most runs per page (1–" + GcRuns.MAX_LIMIT + ", default " + GcRuns.DEFAULT_LIMIT + ")",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
            @QueryParam("limit") String limit) {
        return runs.page(nodeId, before, limit);
    }

    @GET
    @Path("/{runId}")
    @Operation(summary = "One run")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = GcRunView.class)))
    @APIResponse(responseCode = "400", description = "runId is not a UUID", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<GcRunView> get(@PathParam("runId") String runId) {
        return runs.get(runId);
    }
}
