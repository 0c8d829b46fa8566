package io.pinfold.runtime.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Resolves a bearer token to its principal through the service's {@link TokenDirectory}: unknown, revoked and
 * expired tokens fail with 401. The lookup goes by hash; the final comparison is constant-time all the same, so
 * a directory that ever matched loosely (a prefix index, say) could not turn into a timing oracle.
 */
@ApplicationScoped
public class BearerIdentityProvider implements IdentityProvider<BearerTokenRequest> {
    private final Instance<TokenDirectory> directory;
    private final Clock clock;

    @Inject
    public BearerIdentityProvider(Instance<TokenDirectory> directory) {
        this(directory, Clock.systemUTC());
    }

    BearerIdentityProvider(Instance<TokenDirectory> directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public Class<BearerTokenRequest> getRequestType() {
        return BearerTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(BearerTokenRequest request, AuthenticationRequestContext context) {
        if (!directory.isResolvable()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("this service accepts no tokens"));
        }
        BearerToken token = request.token();
        return directory.get().findByHash(token.hash()).map(stored -> identity(token, stored));
    }

    SecurityIdentity identity(BearerToken token, StoredToken stored) {
        if (stored == null || !token.matches(stored.hash())) {
            throw new AuthenticationFailedException("the bearer token is not known here");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (stored.revokedAt() != null) {
            throw new AuthenticationFailedException("the bearer token was revoked");
        }
        if (stored.expiresAt() != null && !stored.expiresAt().isAfter(now)) {
            throw new AuthenticationFailedException("the bearer token expired at " + stored.expiresAt());
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new TokenPrincipal(stored.id(), stored.role(), stored.tenantId()))
                .addRole(stored.role())
                .build();
    }
}
