package io.pinfold.gc.purge;

import io.pinfold.gc.access.OperatorOnly;
import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.rest.ApiError;
import io.pinfold.runtime.rest.RequestRejected;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/gc/purges")
@RolesAllowed(Roles.OPERATOR)
@SecurityRequirement(name = OperatorOnly.SCHEME)
@APIResponse(responseCode = "401", description = "No token, or an unknown one", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "A token without the operator role", content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "Purges", description = "Blocked content removed from the nodes, by takedown notice")
@Produces(MediaType.APPLICATION_JSON)
public class PurgeResource {
    private final PurgeLedger ledger;

    public PurgeResource(PurgeLedger ledger) {
        this.ledger = ledger;
    }

    @GET
    @Operation(summary = "The purges of a notice's blocked content, node by node")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PurgeView.class)))
    @APIResponse(responseCode = "400", description = "notice is missing", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<List<PurgeView>> ofNotice(@Parameter(description = "The takedown notice id", required = true) @QueryParam("notice") String noticeId) {
        if (noticeId == null || noticeId.isBlank()) {
            throw RequestRejected.badRequest("notice", "required: the takedown notice whose purges to list");
        }
        return ledger.ofNotice(noticeId);
    }
}
