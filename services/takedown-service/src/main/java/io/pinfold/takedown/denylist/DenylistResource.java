package io.pinfold.takedown.denylist;

import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.rest.ApiError;
import io.pinfold.runtime.rest.PageLimit;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The denylist as takedown-service holds it: which notice blocks what, with which status. Reviewers and operators. */
@Path("/denylist/entries")
@RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No token, or an unknown one", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "A token without the operator or reviewer role", content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "Denylist", description = "Entries accepted notices put on the denylist")
@Produces(MediaType.APPLICATION_JSON)
public class DenylistResource {
    @GET
    @Operation(summary = "Denylist entries, in key order, a page at a time",
            description = "One row per notice holding an entry; an entry is published on pinfold.denylist while any notice holds it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = EntryPage.class)))
    @APIResponse(responseCode = "400", description = "after, limit or noticeId is invalid", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<EntryPage> list(
            @Parameter(description = "The next value of the previous page") @QueryParam("after") String after,
            @Parameter(description = "Most entries to return (1–1000, default 100)") @QueryParam("limit") String limit,
            @Parameter(description = "Only the entries of this notice") @QueryParam("noticeId") String noticeId) {
        int size = PageLimit.parse(limit);
        UUID notice = noticeId == null ? null : uuid("noticeId", noticeId);
        String afterKey = "";
        UUID afterNotice = new UUID(0, 0);
        if (after != null && !after.isEmpty()) {
            int bar = after.lastIndexOf('|');
            if (bar < 0) {
                throw RequestRejected.badRequest("after", "not a page cursor: pass the next value of the previous page");
            }
            afterKey = after.substring(0, bar);
            afterNotice = uuid("after", after.substring(bar + 1));
        }
        String query = "(entryKey > ?1 or (entryKey = ?1 and noticeId > ?2))" + (notice == null ? "" : " and noticeId = ?3")
                + " order by entryKey, noticeId";
        Object[] params = notice == null ? new Object[] {afterKey, afterNotice} : new Object[] {afterKey, afterNotice, notice};
        return Panache.withSession(() -> DenylistEntryRow.<DenylistEntryRow>find(query, params).page(0, size).list())
                .map(rows -> {
                    List<EntryView> views = rows.stream().map(EntryView::of).toList();
                    DenylistEntryRow last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
                    return new EntryPage(views, rows.size() < size ? null : last.entryKey + "|" + last.noticeId);
                });
    }


    static UUID uuid(String field, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw RequestRejected.badRequest(field, "not a notice id (a UUID): '" + text + "'");
        }
    }
}
