package io.pinfold.runtime.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error into an {@link ApiError} body: field-level messages for bad input, never a stack trace. */
public class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response rejected(RequestRejected e) {
        return respond(e.status(), e.reason(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String details = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(ErrorMapper::describe)
                .collect(Collectors.joining("; "));
        return respond(400, "BAD_REQUEST", details);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        String problem = e.getOriginalMessage() == null ? "invalid value" : e.getOriginalMessage().lines().findFirst().orElse("invalid value");
        return respond(400, "BAD_REQUEST", (field.isEmpty() ? "body" : field) + ": " + problem);
    }

    /** Quarkus REST has its own mapper for this subtype (a value of the wrong type), answering without a body. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return respond(400, "BAD_REQUEST", "body: not valid JSON (" + e.getOriginalMessage() + ")");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        // Quarkus REST wraps a body it could not read into a plain 400: answer with what was wrong with it.
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unreadable(mapping);
        }
        if (e.getCause() instanceof JsonProcessingException parsing) {
            return malformed(parsing);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String details = switch (status) {
            case 404 -> "no endpoint at " + request.method() + " " + request.path();
            case 405 -> request.method() + " is not allowed at " + request.path();
            case 415 -> "body: content type '" + request.getHeader("Content-Type") + "' is not accepted here";
            default -> e.getMessage();
        };
        return respond(status, known == null ? "ERROR" : known.name(), details);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return respond(500, "INTERNAL_ERROR", "the server failed to handle the request; see its log");
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // Drop the method and parameter names (register.arg0.rpcUrl → rpcUrl): users know the JSON field.
        String[] parts = path.split("\\.");
        String field = parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
        return field + ": " + violation.getMessage();
    }

    private static Response respond(int status, String reason, String details) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(reason, details)).build();
    }
}
