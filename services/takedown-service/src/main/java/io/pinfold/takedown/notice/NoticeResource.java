package io.pinfold.takedown.notice;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.rest.ApiError;
import io.pinfold.runtime.rest.PageLimit;
import io.pinfold.runtime.rest.RequestRejected;
import io.pinfold.runtime.rest.TimeIdCursor;
import io.pinfold.takedown.access.Actor;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
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
 * Notices: public intake (rate-limited per client address, size-limited), and the review workflow for reviewers
 * and operators. Every decision needs a reviewer or operator token.
 */
@Path("/notices")
@Tag(name = "Notices", description = "Takedown notice intake and review")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {
    private final NoticeIntake intake;
    private final NoticeReview review;
    private final IntakeRateLimiter limiter;
    private final IntakeConfig config;
    private final ObjectMapper json;
    private final SecurityIdentity identity;
    private final MeterRegistry metrics;

    public NoticeResource(NoticeIntake intake, NoticeReview review, IntakeRateLimiter limiter, IntakeConfig config,
                          ObjectMapper json, SecurityIdentity identity, MeterRegistry metrics) {
        this.intake = intake;
        this.review = review;
        this.limiter = limiter;
        this.config = config;
        this.json = json;
        this.identity = identity;
        this.metrics = metrics;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "File a takedown notice (public)",
            description = "Open to anyone, rate-limited per client address and size-limited. Every bad field is named in "
                    + "the 400 answer (targets by index and text, with why); the notice is stored whole or not at all.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NoticeSubmission.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = NoticeReceipt.class)))
    @APIResponse(responseCode = "400", description = "Fields are missing or invalid, each named", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than pinfold.notices.max-body-bytes", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "Too many notices from this address; Retry-After says when to try again", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> submit(byte[] body, @Context HttpServerRequest request) throws IOException {
        if (body != null && body.length > config.maxBodyBytes()) {
            intakeOutcome("too-large");
            return Uni.createFrom().item(Response.status(413).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of("PAYLOAD_TOO_LARGE", IntakeBodyLimit.tooLarge(config.maxBodyBytes(), body.length))).build());
        }
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        Optional<Duration> wait = limiter.acquire(address);
        if (wait.isPresent()) {
            intakeOutcome("rate-limited");
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return Uni.createFrom().item(Response.status(429).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", seconds)
                    .entity(ApiError.of("TOO_MANY_REQUESTS", "notices: at most " + config.rateLimit().notices() + " per "
                            + config.rateLimit().window() + " from one address; retry in " + seconds + " s")).build());
        }
        if (body == null || body.length == 0) {
            intakeOutcome("invalid");
            throw RequestRejected.badRequest("body", "a JSON object is required");
        }
        NoticeSubmission submission;
        try {
            submission = json.readValue(body, NoticeSubmission.class);
            return intake.receive(submission, Actor.PUBLIC)
                    .invoke(receipt -> intakeOutcome("received"))
                    .onFailure(RequestRejected.class).invoke(e -> intakeOutcome("invalid"))
                    .map(receipt -> Response.status(201).entity(receipt).build());
        } catch (IOException | RequestRejected e) {
            intakeOutcome("invalid");
            throw e;
        }
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Notices, oldest first, a page at a time (reviewers and operators)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = NoticePage.class)))
    @APIResponse(responseCode = "400", description = "state, after or limit is invalid", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "No token, or an unknown one", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A token without the operator or reviewer role", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<NoticePage> list(
            @Parameter(description = "Only notices in this state", schema = @Schema(enumeration = {"received", "accepted", "rejected",
                    "counter-notice-received", "restored", "upheld"})) @QueryParam("state") String state,
            @Parameter(description = "The next value of the previous page") @QueryParam("after") String after,
            @Parameter(description = "Most notices to return (1–1000, default 100)", schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("limit") String limit) {
        NoticeState wanted = null;
        if (state != null) {
            try {
                wanted = NoticeState.fromCode(state);
            } catch (IllegalArgumentException e) {
                throw RequestRejected.badRequest("state", e.getMessage());
            }
        }
        TimeIdCursor cursor = TimeIdCursor.parse("after", after);
        OffsetDateTime afterTime = cursor == null ? OffsetDateTime.parse("1970-01-01T00:00:00Z") : cursor.time();
        UUID afterId = cursor == null ? new UUID(0, 0) : cursor.id();
        return NoticeReader.page(wanted, afterTime, afterId, PageLimit.parse(limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "One notice with its targets (reviewers and operators)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = NoticeView.class)))
    @APIResponse(responseCode = "401", description = "No token, or an unknown one", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A token without the operator or reviewer role", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such notice", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<NoticeView> get(@PathParam("id") String id) {
        return NoticeReader.view(noticeId(id));
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
    @SecurityRequirement(name = "bearer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept (all or some targets) or reject a received notice",
            description = "Accepting blocks the chosen targets: denylist entries, published on pinfold.denylist in the same "
                    + "transaction as the decision, notice.decided on pinfold.takedowns and the audit records.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = NoticeView.class)))
    @APIResponse(responseCode = "400", description = "decision, targets or reason is invalid", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "No token, or an unknown one", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A token without the operator or reviewer role", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such notice", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The notice is not in state received; the answer names its state", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<NoticeView> decide(@PathParam("id") String id, DecisionRequest decision) {
        return review.decide(noticeId(id), decision, Actor.of(identity));
    }

    @POST
    @Path("/{id}/counter-notice")
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
    @SecurityRequirement(name = "bearer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a counter-notice against an accepted notice")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = NoticeView.class)))
    @APIResponse(responseCode = "400", description = "statement or contact is invalid", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "No token, or an unknown one", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A token without the operator or reviewer role", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such notice", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The notice is not accepted; the answer names its state", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<NoticeView> counterNotice(@PathParam("id") String id, CounterNoticeRequest counter) {
        return review.counterNotice(noticeId(id), counter, Actor.of(identity));
    }

    @POST
    @Path("/{id}/restore")
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
    @SecurityRequirement(name = "bearer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Restore the content of an accepted notice",
            description = "Removes its denylist entries: a tombstone on pinfold.denylist for each entry no other notice holds.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = NoticeView.class)))
    @APIResponse(responseCode = "400", description = "reason is missing", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "No token, or an unknown one", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A token without the operator or reviewer role", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such notice", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The notice is neither accepted nor under counter-notice; the answer names its state", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<NoticeView> restore(@PathParam("id") String id, ClosingRequest closing) {
        return review.restore(noticeId(id), closing, Actor.of(identity));
    }

    @POST
    @Path("/{id}/uphold")
    @RolesAllowed({Roles.OPERATOR, Roles.REVIEWER})
    @SecurityRequirement(name = "bearer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Keep the block after a counter-notice")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = NoticeView.class)))
    @APIResponse(responseCode = "400", description = "reason is missing", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "No token, or an unknown one", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A token without the operator or reviewer role", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such notice", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The notice has no counter-notice; the answer names its state", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<NoticeView> uphold(@PathParam("id") String id, ClosingRequest closing) {
        return review.uphold(noticeId(id), closing, Actor.of(identity));
    }

    private void intakeOutcome(String outcome) {
        Counter.builder("pinfold.notices.intake").description("POST /notices answers, by outcome")
                .tag("outcome", outcome).register(metrics).increment();
    }

    private static UUID noticeId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw RequestRejected.notFound("no notice with id '" + text + "' (notice ids are UUIDs)");
        }
    }
}
