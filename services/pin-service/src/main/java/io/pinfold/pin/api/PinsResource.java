package io.pinfold.pin.api;

import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.pin.desired.PinRequests;
import io.pinfold.pin.tenant.AdminResource;
import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.access.TokenPrincipal;
import io.pinfold.runtime.rest.ApiError;
import io.pinfold.runtime.rest.RequestRejected;
import io.pinfold.pin.tx.ConflictRetry;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
 * The IPFS Pinning Service API (ipfs/pinning-services-api-spec v1.0.0): {@code /pins} and {@code /pins/{requestid}}
 * for the tenant the bearer token belongs to. Another tenant's request id is answered exactly like an unknown one.
 */
@Path("/pins")
@Tag(name = "pins", description = "IPFS Pinning Service API")
@SecurityRequirement(name = AdminResource.BEARER)
@RolesAllowed(Roles.TENANT)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Bad request: the details name the field", content = @Content(schema = @Schema(implementation = ApiError.class),
        examples = @ExampleObject(name = "bad", value = "{\"error\":{\"reason\":\"BAD_REQUEST\",\"details\":\"limit: must be between 1 and 1000, was 0\"}}")))
@APIResponse(responseCode = "401", description = "Access token is missing, unknown, revoked or expired", content = @Content(schema = @Schema(implementation = ApiError.class),
        examples = @ExampleObject(name = "unauthorized", value = "{\"error\":{\"reason\":\"UNAUTHORIZED\",\"details\":\"Authorization: a Bearer token is required\"}}")))
@APIResponse(responseCode = "403", description = "The token is not a tenant's", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class PinsResource {
    private static final String PIN_STATUS_EXAMPLE = "{\"requestid\":\"5f0a4e0e-3f6f-4a8e-9a51-2d4a6c1f7b10\",\"status\":\"queued\","
            + "\"created\":\"2026-12-02T10:00:00.123Z\",\"pin\":{\"cid\":\"bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4\","
            + "\"name\":\"hello.txt\",\"origins\":[],\"meta\":{\"app_id\":\"uploader\"}},"
            + "\"delegates\":[\"/ip4/203.0.113.1/tcp/4001/p2p/12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf\"],\"info\":{}}";
    private static final String NOT_FOUND_EXAMPLE = "{\"error\":{\"reason\":\"NOT_FOUND\",\"details\":\"requestid: no pin with request id 'x'\"}}";

    private final PinRequests pins;
    private final PinListing listing;
    private final PinApiMetrics metrics;
    private final SecurityIdentity identity;
    private final ConflictRetry conflicts;

    public PinsResource(PinRequests pins, PinListing listing, PinApiMetrics metrics, SecurityIdentity identity, ConflictRetry conflicts) {
        this.conflicts = conflicts;
        this.pins = pins;
        this.listing = listing;
        this.metrics = metrics;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "getPins", summary = "List pin objects",
            description = "The tenant's pins matching every filter given, newest first. Without status: every status when cid, name or meta "
                    + "filters, else (no filter, or only before/after/limit) pinned ones only. "
                    + "Page with before=<created of the oldest pin of the page>; count is the number of all matches.")
    @APIResponse(responseCode = "200", description = "Successful response (PinResults object)", content = @Content(schema = @Schema(implementation = PinResultsView.class),
            examples = @ExampleObject(name = "results", value = "{\"count\":1,\"results\":[" + PIN_STATUS_EXAMPLE + "]}")))
    public Uni<PinResultsView> list(
            @Parameter(description = "CIDs (comma-separated, at most 10); any CID form of the same content matches", schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
            @RestQuery List<String> cid,
            @Parameter(description = "Name filter (at most 255 characters)") @RestQuery String name,
            @Parameter(description = "How name matches: exact (default), iexact, partial, ipartial", schema = @Schema(enumeration = {"exact", "iexact", "partial", "ipartial"}))
            @RestQuery String match,
            @Parameter(description = "Statuses (comma-separated): queued, pinning, pinned, failed; default: all "
                    + "when cid, name or meta is given, else pinned", schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
            @RestQuery List<String> status,
            @Parameter(description = "Only pins created before this RFC 3339 timestamp") @RestQuery String before,
            @Parameter(description = "Only pins created after this RFC 3339 timestamp") @RestQuery String after,
            @Parameter(description = "Max records to return, 1 to 1000, default 10", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "10"))
            @RestQuery String limit,
            @Parameter(in = ParameterIn.QUERY, description = "A URL-escaped JSON object of strings; pins whose meta contains every pair match",
                    example = "{\"app_id\":\"99986338-1113-4706-8302-4420da6158aa\"}") @RestQuery String meta) {
        return metrics.timed("list", () -> {
            PinQuery query = PinQuery.parse(cid, name, match, status, before, after, limit, meta);
            return listing.list(tenant(), query);
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addPin", summary = "Add pin object", description = "A new pin for the token's tenant, allocated to nodes at once; answered 202 with status queued.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PinBody.class),
            examples = @ExampleObject(name = "pin", value = "{\"cid\":\"bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4\",\"name\":\"hello.txt\"}")))
    @APIResponse(responseCode = "202", description = "Successful response (PinStatus object)", content = @Content(schema = @Schema(implementation = PinStatusView.class),
            examples = @ExampleObject(name = "queued", value = PIN_STATUS_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "A quota of the tenant is used up; the details name it", content = @Content(schema = @Schema(implementation = ApiError.class),
            examples = @ExampleObject(name = "quota", value = "{\"error\":{\"reason\":\"QUOTA_EXCEEDED\",\"details\":\"quota.pins: tenant 'acme' may hold 10 pins, holds 10 and asked for 1 more\"}}")))
    @APIResponse(responseCode = "413", description = "The body is larger than pinfold.api.max-body-bytes", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> add(PinBody body) {
        return metrics.timed("add", () -> {
            UUID tenant = tenant();
            return conflicts.transaction(() -> pins.create(tenant, required(body).input()))
                    .onFailure(InvalidEventException.class).transform(PinsResource::badRequest)
                    .chain(placed -> listing.get(tenant, placed.pinId()))
                    .map(view -> Response.accepted(view).build());
        });
    }

    @GET
    @Path("/{requestid}")
    @Operation(operationId = "getPinByRequestId", summary = "Get pin object", description = "The pin and its status.")
    @APIResponse(responseCode = "200", description = "Successful response (PinStatus object)", content = @Content(schema = @Schema(implementation = PinStatusView.class),
            examples = @ExampleObject(name = "pin", value = PIN_STATUS_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No pin of this tenant has this request id", content = @Content(schema = @Schema(implementation = ApiError.class),
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND_EXAMPLE)))
    public Uni<PinStatusView> get(@PathParam("requestid") String requestid) {
        return metrics.timed("get", () -> listing.get(tenant(), requestid));
    }

    @POST
    @Path("/{requestid}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replacePinByRequestId", summary = "Replace pin object",
            description = "Removes the pin and creates a new one with a new request id in one step, placed on the old pin's nodes where they "
                    + "can take it, so blocks both share are never let go.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PinBody.class)))
    @APIResponse(responseCode = "202", description = "Successful response (PinStatus object of the new pin)", content = @Content(schema = @Schema(implementation = PinStatusView.class),
            examples = @ExampleObject(name = "queued", value = PIN_STATUS_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No pin of this tenant has this request id", content = @Content(schema = @Schema(implementation = ApiError.class),
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "413", description = "The body is larger than pinfold.api.max-body-bytes", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> replace(@PathParam("requestid") String requestid, PinBody body) {
        return metrics.timed("replace", () -> {
            UUID tenant = tenant();
            return conflicts.transaction(() -> pins.replace(tenant, requestid, required(body).input()))
                    .onFailure(InvalidEventException.class).transform(PinsResource::badRequest)
                    .chain(placed -> listing.get(tenant, placed.pinId()))
                    .map(view -> Response.accepted(view).build());
        });
    }

    @DELETE
    @Path("/{requestid}")
    @Operation(operationId = "deletePinByRequestId", summary = "Remove pin object", description = "The pin is removed; its nodes let the content go unless another pin wants it.")
    @APIResponse(responseCode = "202", description = "Successful response (no body, pin removed)")
    @APIResponse(responseCode = "404", description = "No pin of this tenant has this request id", content = @Content(schema = @Schema(implementation = ApiError.class),
            examples = @ExampleObject(name = "unknown", value = NOT_FOUND_EXAMPLE)))
    public Uni<Response> remove(@PathParam("requestid") String requestid) {
        return metrics.timed("remove", () -> {
            UUID tenant = tenant();
            return conflicts.transaction(() -> pins.remove(tenant, requestid))
                    .map(done -> Response.accepted().build());
        });
    }

    private UUID tenant() {
        return TokenPrincipal.of(identity).tenantId();
    }

    private static PinBody required(PinBody body) {
        if (body == null) {
            throw RequestRejected.badRequest("body", "a Pin object is required, e.g. {\"cid\":\"bafy…\"}");
        }
        return body;
    }

    private static RequestRejected badRequest(Throwable invalid) {
        return new RequestRejected(400, "BAD_REQUEST", invalid.getMessage());
    }
}
