package io.pinfold.runtime.access;

import io.pinfold.runtime.rest.ApiError;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 in the one error shape, with {@code WWW-Authenticate: Bearer} on 401 as RFC 6750 asks. Needs
 * {@code quarkus.http.auth.proactive=false}, so authentication happens inside the REST layer where these apply.
 */
public class AccessErrorMapper {

    @ServerExceptionMapper
    public Response failed(AuthenticationFailedException e) {
        return unauthorized(e.getMessage() == null ? "the bearer token is not valid" : e.getMessage());
    }

    @ServerExceptionMapper
    public Response missing(UnauthorizedException e) {
        return unauthorized("Authorization: a Bearer token is required");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("FORBIDDEN", "this token's role may not use this endpoint")).build();
    }

    private static Response unauthorized(String details) {
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, BearerAuthenticationMechanism.SCHEME)
                .entity(ApiError.of("UNAUTHORIZED", details)).build();
    }
}
