package io.pinfold.pin.follow;

import io.pinfold.pin.tenant.AdminResource;
import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.access.TokenPrincipal;
import io.pinfold.runtime.rest.ApiError;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Follow lists: names a tenant cares about (IPNS names, DNSLink domains, /ipns/ and /ipfs/ paths), resolved on the
 * list's schedule and on demand; each new target becomes a pin of the tenant's (GET /pins with
 * meta={"pinfold.follow.list":"<name>"} lists them).
 */
@Path("/follow-lists")
@Tag(name = "follow-lists", description = "Names kept pinned as they change (IPNS, DNSLink)")
@SecurityRequirement(name = AdminResource.BEARER)
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Bad request: the details name the field", content = @Content(schema = @Schema(implementation = ApiError.class),
        examples = @ExampleObject(name = "bad", value = "{\"error\":{\"reason\":\"BAD_REQUEST\",\"details\":\"entries[0]: 'x' is neither an IPNS key (k51…, bafz…, 12D3Koo…, Qm…) nor a domain name\"}}")))
@APIResponse(responseCode = "401", description = "Access token is missing, unknown, revoked or expired", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "The token is not a tenant's", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class FollowListsResource {
    private static final String NOT_FOUND = "{\"error\":{\"reason\":\"NOT_FOUND\",\"details\":\"name: no follow list named 'docs'\"}}";
    private static final String LIST_EXAMPLE = "{\"name\":\"docs-sites\",\"intervalSeconds\":600,\"jitterSeconds\":30,\"keepVersions\":2,"
            + "\"graceSeconds\":3600,\"replication\":null,\"meta\":{},\"createdAt\":\"2026-12-06T10:00:00Z\",\"entries\":[{\"id\":"
            + "\"0b8a6c3e-5d3c-4c59-9a54-5b8f9b0c1d2e\",\"target\":\"docs.ipfs.tech\",\"kind\":\"dnslink\",\"name\":\"/ipns/docs.ipfs.tech\","
            + "\"currentPath\":\"/ipfs/bafybeibml5uieyxa5tufngvg7fgwbkwvlsuntwbxgtskoqynbt7wlchmfm\",\"resolvedAt\":\"2026-12-06T10:00:01Z\","
            + "\"nextResolveAt\":\"2026-12-06T10:10:12Z\",\"failures\":0,\"lastError\":null,\"versions\":[{\"pinId\":"
            + "\"5f0a4e0e-3f6f-4a8e-9a51-2d4a6c1f7b10\",\"cid\":\"bafybeibml5uieyxa5tufngvg7fgwbkwvlsuntwbxgtskoqynbt7wlchmfm\",\"path\":"
            + "\"/ipfs/bafybeibml5uieyxa5tufngvg7fgwbkwvlsuntwbxgtskoqynbt7wlchmfm\",\"firstSeenAt\":\"2026-12-06T10:00:01Z\","
            + "\"currentSince\":\"2026-12-06T10:00:01Z\",\"unpinAfter\":null}]}]}";

    private final FollowLists lists;
    private final FollowLoop loop;
    private final SecurityIdentity identity;

    public FollowListsResource(FollowLists lists, FollowLoop loop, SecurityIdentity identity) {
        this.lists = lists;
        this.loop = loop;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "listFollowLists", summary = "The tenant's follow lists", description = "Every list of the tenant, by name, with its entries.")
    @APIResponse(responseCode = "200", description = "The lists", content = @Content(schema = @Schema(implementation = FollowListView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public Uni<List<FollowListView>> all() {
        return lists.all(tenant());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createFollowList", summary = "Create a follow list",
            description = "Its entries are resolved at the next tick, then every intervalSeconds (+ up to jitterSeconds).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = FollowListBody.class),
            examples = @ExampleObject(name = "list", value = "{\"name\":\"docs-sites\",\"intervalSeconds\":600,\"jitterSeconds\":30,\"keepVersions\":2,"
                    + "\"graceSeconds\":3600,\"entries\":[\"docs.ipfs.tech\",\"/ipns/k51qzi5uqu5dlvj2baxnqndepeb86cbk3ng7n3i46uzyxzyqj2xjonzllnv0v8\"]}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = FollowListView.class),
            examples = @ExampleObject(name = "created", value = LIST_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "A list of that name exists, or the tenant has pinfold.follow.max-lists lists", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> create(FollowListBody body) {
        return lists.create(tenant(), body).map(view -> Response.status(201).entity(view).build());
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getFollowList", summary = "A follow list", description = "With each entry's last outcome and the versions it keeps pinned.")
    @APIResponse(responseCode = "200", description = "The list", content = @Content(schema = @Schema(implementation = FollowListView.class),
            examples = @ExampleObject(name = "list", value = LIST_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No list of that name", content = @Content(schema = @Schema(implementation = ApiError.class),
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    public Uni<FollowListView> get(@PathParam("name") String name) {
        return lists.get(tenant(), name);
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateFollowList", summary = "Change a follow list's settings",
            description = "Schedule, versions to keep, grace period, replication and meta; fields left out keep their value. New pin options apply to pins made from now on.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = FollowListBody.class),
            examples = @ExampleObject(name = "settings", value = "{\"intervalSeconds\":300,\"keepVersions\":3}")))
    @APIResponse(responseCode = "200", description = "The changed list", content = @Content(schema = @Schema(implementation = FollowListView.class)))
    @APIResponse(responseCode = "404", description = "No list of that name", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<FollowListView> update(@PathParam("name") String name, FollowListBody body) {
        return lists.update(tenant(), name, body);
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deleteFollowList", summary = "Delete a follow list", description = "The pins its entries still hold are removed with it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No list of that name", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> delete(@PathParam("name") String name) {
        return lists.delete(tenant(), name).map(done -> Response.noContent().build());
    }

    @POST
    @Path("/{name}/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addFollowEntry", summary = "Follow one more name", description = "Resolved at the next tick.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = EntryBody.class),
            examples = @ExampleObject(name = "entry", value = "{\"target\":\"docs.ipfs.tech\"}")))
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = FollowListView.EntryView.class)))
    @APIResponse(responseCode = "404", description = "No list of that name", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The list already follows that name, or has pinfold.follow.max-entries entries", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> addEntry(@PathParam("name") String name, EntryBody body) {
        return lists.addEntry(tenant(), name, body).map(entry -> Response.status(201).entity(entry).build());
    }

    @DELETE
    @Path("/{name}/entries/{entryId}")
    @Operation(operationId = "deleteFollowEntry", summary = "Stop following a name", description = "The pins the entry still holds are removed with it.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such list or entry", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> deleteEntry(@PathParam("name") String name, @PathParam("entryId") String entryId) {
        return lists.deleteEntry(tenant(), name, uuid(entryId)).map(done -> Response.noContent().build());
    }

    @POST
    @Path("/{name}/resolve")
    @Operation(operationId = "resolveFollowList", summary = "Resolve a follow list now",
            description = "Resolves every entry at once and answers what each came to (recorded and announced like scheduled ones). "
                    + "An entry another copy is resolving at this moment is left to it and missing from the answer.")
    @APIResponse(responseCode = "200", description = "The resolutions", content = @Content(schema = @Schema(implementation = ResolutionView.Page.class),
            examples = @ExampleObject(name = "resolved", value = "{\"count\":1,\"results\":[{\"id\":\"9d7c1f2e-2b1a-4f57-8a1e-0c3d9e8f7a61\","
                    + "\"entryId\":\"0b8a6c3e-5d3c-4c59-9a54-5b8f9b0c1d2e\",\"resolvedAt\":\"2026-12-06T10:20:00Z\",\"trigger\":\"demand\","
                    + "\"outcome\":\"changed\",\"path\":\"/ipfs/bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4\",\"previousPath\":"
                    + "\"/ipfs/bafybeibml5uieyxa5tufngvg7fgwbkwvlsuntwbxgtskoqynbt7wlchmfm\",\"pinned\":\"5f0a4e0e-3f6f-4a8e-9a51-2d4a6c1f7b10\","
                    + "\"unpinned\":[],\"error\":null,\"durationMs\":41}]}")))
    @APIResponse(responseCode = "404", description = "No list of that name", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<ResolutionView.Page> resolve(@PathParam("name") String name) {
        UUID tenant = tenant();
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> lists.find(tenant, name))
                .chain(list -> loop.visits().resolveList(list.id))
                .map(resolutions -> ResolutionView.Page.of(resolutions.stream().map(ResolutionView::of).toList()));
    }

    @GET
    @Path("/{name}/resolutions")
    @Operation(operationId = "getFollowResolutions", summary = "A follow list's recorded resolutions",
            description = "Newest first: when, by which trigger, the path, the pins added and removed, the error. Page with before=<resolvedAt of the last one seen>.")
    @APIResponse(responseCode = "200", description = "The resolutions", content = @Content(schema = @Schema(implementation = ResolutionView.Page.class)))
    @APIResponse(responseCode = "404", description = "No list of that name", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<ResolutionView.Page> resolutions(@PathParam("name") String name,
            @Parameter(description = "Max records, 1 to 1000, default 20") @RestQuery String limit,
            @Parameter(description = "Only resolutions before this RFC 3339 timestamp") @RestQuery String before) {
        return lists.resolutions(tenant(), name, limit, before).map(ResolutionView.Page::of);
    }

    private UUID tenant() {
        return TokenPrincipal.of(identity).tenantId();
    }

    private static UUID uuid(String entryId) {
        try {
            return UUID.fromString(entryId);
        } catch (IllegalArgumentException e) {
            throw RequestRejected.notFound("entryId: no entry '" + entryId + "'");
        }
    }
}
