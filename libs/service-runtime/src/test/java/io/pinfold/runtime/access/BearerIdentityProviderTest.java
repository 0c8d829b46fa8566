package io.pinfold.runtime.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The decision on a looked-up token, without a database: the real lookup is tested in pin-service. */
class BearerIdentityProviderTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final BearerIdentityProvider provider = new BearerIdentityProvider(null, Clock.fixed(NOW, ZoneOffset.UTC));
    private final BearerToken token = BearerToken.generate();
    private final UUID tenant = UUID.randomUUID();

    @Test
    void aValidTokenResolvesToItsTenantRoleAndId() {
        UUID id = UUID.randomUUID();
        SecurityIdentity identity = provider.identity(token, new StoredToken(id, Roles.TENANT, tenant, token.hash(), null, null));
        assertThat(identity.hasRole(Roles.TENANT)).isTrue();
        assertThat(identity.hasRole(Roles.OPERATOR)).isFalse();
        assertThat(TokenPrincipal.of(identity)).isEqualTo(new TokenPrincipal(id, Roles.TENANT, tenant));
    }

    @Test
    void anUnknownTokenIsRefused() {
        assertThatThrownBy(() -> provider.identity(token, null)).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("not known");
    }

    @Test
    void aRowWhoseHashDiffersIsRefused() {
        StoredToken other = new StoredToken(UUID.randomUUID(), Roles.TENANT, tenant, BearerToken.generate().hash(), null, null);
        assertThatThrownBy(() -> provider.identity(token, other)).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aRevokedTokenIsRefused() {
        StoredToken revoked = stored(null, at(-60));
        assertThatThrownBy(() -> provider.identity(token, revoked)).hasMessageContaining("revoked");
    }

    @Test
    void anExpiredTokenIsRefusedFromItsExpiryInstantOn() {
        assertThatThrownBy(() -> provider.identity(token, stored(at(0), null))).hasMessageContaining("expired");
        assertThatThrownBy(() -> provider.identity(token, stored(at(-1), null))).hasMessageContaining("expired");
        assertThat(provider.identity(token, stored(at(1), null)).hasRole(Roles.TENANT)).isTrue();
    }

    private StoredToken stored(OffsetDateTime expiresAt, OffsetDateTime revokedAt) {
        return new StoredToken(UUID.randomUUID(), Roles.TENANT, tenant, token.hash(), expiresAt, revokedAt);
    }

    private static OffsetDateTime at(long secondsFromNow) {
        return NOW.plusSeconds(secondsFromNow).atOffset(ZoneOffset.UTC);
    }
}
