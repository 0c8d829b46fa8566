package io.pinfold.takedown.imports;

import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.rest.ApiError;
import io.pinfold.runtime.rest.PageLimit;
import io.pinfold.runtime.rest.RequestRejected;
import io.pinfold.runtime.rest.TimeIdCursor;
import io.pinfold.takedown.access.Actor;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Imports of outside denylists: sources (operator), runs on demand and by upload, run history with progress and bad
 * lines (reviewers and operators). Runs are asynchronous: 202 with the run, then GET /imports/runs/{id}.
 */
@Path("/imports")
@Blocking
@SecurityRequirement(name = "bearer")
@Tag(name = "Imports", description = "Imports of outside denylists (IPIP-383 compact denylists such as badbits)")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No token, or an unknown one", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "A token without the role the operation needs", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class ImportResource {
    private final ImportSources sources;
    private final ImportRunner runner;
    private final ImportStore store;
    private final ImportConfig config;
    private final SecurityIdentity identity;

    public ImportResource(ImportSources sources, ImportRunner runner, ImportStore store, ImportConfig config, SecurityIdentity identity) {
        this.sources = sources;
        this.runner = runner;
        this.store = store;
        this.config = config;
        this.identity = identity;
    }

    @PUT
    @Path("/sources/{name}")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace an import source (operators)",
            description = "A list to follow by URL (optionally on a schedule) or by upload. Recorded in the audit trail. Status and "
                    + "legal reason apply to entries added from then on.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SourceRequest.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = SourceView.class)))
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(schema = @Schema(implementation = SourceView.class)))
    @APIResponse(responseCode = "400", description = "name or a field is invalid, each named", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response save(@PathParam("name") String name, SourceRequest request) {
        boolean created = sources.save(name, request, Actor.of(identity));
        return Response.status(created ? 201 : 200).entity(sources.view(name).orElseThrow()).build();
    }

    @GET
    @Path("/sources")
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
    @Operation(summary = "Every import source, by name (reviewers and operators)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SourceList.class)))
    public SourceList list() {
        return new SourceList(sources.all());
    }

    @GET
    @Path("/sources/{name}")
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
    @Operation(summary = "One import source (reviewers and operators)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SourceView.class)))
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SourceView get(@PathParam("name") String name) {
        return sources.view(name).orElseThrow(() -> noSource(name));
    }

    @POST
    @Path("/sources/{name}/run")
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
    @Operation(summary = "Import the source's list now (reviewers and operators)",
            description = "A conditional GET of the source's URL (If-None-Match / If-Modified-Since from the last completed import: an "
                    + "unchanged list costs one 304), then the list is applied: entries added and removed, published on "
                    + "pinfold.denylist and in the .deny feed. Runs in the background; follow it at /imports/runs/{id}.")
    @APIResponse(responseCode = "202", description = "Started", content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "400", description = "The source has no url (it takes uploads only)", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "A run of the source is under way (on this or another service copy); the answer names it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response runNow(@PathParam("name") String name) {
        ImportSource source = store.source(ImportSources.checkName(name)).orElseThrow(() -> noSource(name));
        if (source.url() == null) {
            throw RequestRejected.badRequest("url", "source " + name + " has no url; import it by upload (POST /imports/sources/" + name + "/upload)");
        }
        return started(source, runner.startFetch(source, Trigger.ON_DEMAND, Actor.of(identity).name()));
    }

    @POST
    @Path("/sources/{name}/upload")
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Import an uploaded list for the source (reviewers and operators)",
            description = "The body is the list (IPIP-383 compact denylist), stored to a temporary file as it arrives, then applied "
                    + "like a fetched list. Bodies above quarkus.http.limits.max-body-size are refused before they are read.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "202", description = "Started", content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "A run of the source is under way; the answer names it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than pinfold.imports.max-bytes or quarkus.http.limits.max-body-size", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response upload(@PathParam("name") String name, InputStream body) throws IOException {
        ImportSource source = store.source(ImportSources.checkName(name)).orElseThrow(() -> noSource(name));
        java.nio.file.Path file = Files.createTempFile("pinfold-import-", ".deny");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while (body != null && (n = body.read(buffer)) > 0) {
                total += n;
                if (total > config.maxBytes()) {
                    throw new RequestRejected(413, "PAYLOAD_TOO_LARGE", "body: larger than pinfold.imports.max-bytes (" + config.maxBytes() + " bytes)");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return started(source, runner.startUpload(source, Actor.of(identity).name(), file));
    }

    @GET
    @Path("/runs")
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
    @Operation(summary = "Import runs, newest first, a page at a time (reviewers and operators)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunPage.class)))
    @APIResponse(responseCode = "400", description = "source, before or limit is invalid", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public RunPage runs(@Parameter(description = "Only the runs of this source") @QueryParam("source") String source,
                        @Parameter(description = "The next value of the previous page") @QueryParam("before") String before,
                        @Parameter(description = "Most runs to return (1–1000, default 100)", schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("limit") String limit) {
        int size = PageLimit.parse(limit);
        UUID sourceId = null;
        if (source != null) {
            sourceId = store.source(ImportSources.checkName(source)).map(ImportSource::id)
                    .orElseThrow(() -> RequestRejected.badRequest("source", "no source named '" + source + "'"));
        }
        TimeIdCursor cursor = TimeIdCursor.parse("before", before);
        List<RunView> runs = store.runs(sourceId, cursor == null ? null : cursor.time(), cursor == null ? null : cursor.id(), size);
        RunView last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        return new RunPage(runs, runs.size() < size ? null : new TimeIdCursor(last.startedAt(), last.id()).toString());
    }

    @GET
    @Path("/runs/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
    @Operation(summary = "One import run: its progress while it runs, its counts and outcome after (reviewers and operators)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public RunView run(@PathParam("id") String id) {
        UUID runId = runId(id);
        return store.run(runId).orElseThrow(() -> RequestRejected.notFound("no import run with id '" + id + "'"));
    }

    @GET
    @Path("/runs/{id}/bad-lines")
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
    @Operation(summary = "The bad lines of a run, with line numbers and reasons (the first pinfold.imports.max-reported-bad-lines)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BadLinePage.class)))
    @APIResponse(responseCode = "400", description = "after or limit is invalid", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public BadLinePage badLines(@PathParam("id") String id,
                                @Parameter(description = "Lines after this line number (the next value of the previous page)") @QueryParam("after") String after,
                                @Parameter(description = "Most lines to return (1–1000, default 100)", schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("limit") String limit) {
        UUID runId = runId(id);
        int size = PageLimit.parse(limit);
        long from = 0;
        if (after != null && !after.isEmpty()) {
            try {
                from = Long.parseLong(after);
            } catch (NumberFormatException e) {
                throw RequestRejected.badRequest("after", "a line number is required, got '" + ImportStore.cut(after, 40) + "'");
            }
        }
        store.run(runId).orElseThrow(() -> RequestRejected.notFound("no import run with id '" + id + "'"));
        List<BadLine> lines = store.badLines(runId, from, size);
        return new BadLinePage(lines, lines.size() < size ? null : lines.get(lines.size() - 1).line());
    }

    private Response started(ImportSource source, java.util.Optional<RunView> run) {
        if (run.isEmpty()) {
            ImportSource now = store.source(source.name()).orElse(source);
            throw new RequestRejected(409, "CONFLICT", "source: an import of " + source.name() + " is under way"
                    + (now.leaseOwner() == null ? "" : " (run " + now.leaseOwner() + ")") + "; wait for it to end");
        }
        return Response.status(202).header("Location", "/imports/runs/" + run.get().id()).entity(run.get()).build();
    }

    private static RequestRejected noSource(String name) {
        return RequestRejected.notFound("no import source named '" + ImportStore.cut(String.valueOf(name), 80) + "'");
    }

    private static UUID runId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw RequestRejected.notFound("no import run with id '" + ImportStore.cut(text, 80) + "' (run ids are UUIDs)");
        }
    }

}
