package io.pinfold.runtime.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <token>}. No header means an anonymous caller: open endpoints serve it,
 * {@code @RolesAllowed} ones answer 401. A token is only ever checked, never logged.
 */
@ApplicationScoped
public class BearerAuthenticationMechanism implements HttpAuthenticationMechanism {
    static final String SCHEME = "Bearer";

    private final Instance<TokenDirectory> directory;

    public BearerAuthenticationMechanism(Instance<TokenDirectory> directory) {
        this.directory = directory;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        // A service with no token directory (the gateway) protects nothing: a client's header is none of its business.
        if (header == null || !directory.isResolvable() || !header.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            return Uni.createFrom().nullItem();
        }
        String token = header.substring(SCHEME.length() + 1).strip();
        if (token.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Authorization: the Bearer token is empty"));
        }
        return identityProviderManager.authenticate(new BearerTokenRequest(BearerToken.of(token)));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", SCHEME));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(BearerTokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME.toLowerCase()));
    }
}
