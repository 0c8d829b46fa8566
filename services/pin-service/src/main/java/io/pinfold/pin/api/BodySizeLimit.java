package io.pinfold.pin.api;

import io.pinfold.runtime.rest.ApiError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a /pins body larger than {@code pinfold.api.max-body-bytes} (default 64 KiB: a Pin object at its limits,
 * 20 origins and 64 meta entries, stays well under it) with 413 in the spec's Failure shape, before it is read. A body
 * sent without Content-Length is still bounded by quarkus.http.limits.max-body-size.
 */
public class BodySizeLimit {
    private final long maxBytes;

    public BodySizeLimit(@ConfigProperty(name = "pinfold.api.max-body-bytes", defaultValue = "65536") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/pins")) {
            return Optional.empty();
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return Optional.empty();
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Optional.of(failure(400, "BAD_REQUEST", "Content-Length: not a number '" + length + "'"));
        }
        if (bytes > maxBytes) {
            return Optional.of(failure(413, "PAYLOAD_TOO_LARGE", "body: " + bytes + " bytes is more than the " + maxBytes
                    + " a Pin object may take (pinfold.api.max-body-bytes)"));
        }
        return Optional.empty();
    }

    private static Response failure(int status, String reason, String details) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(reason, details)).build();
    }
}
