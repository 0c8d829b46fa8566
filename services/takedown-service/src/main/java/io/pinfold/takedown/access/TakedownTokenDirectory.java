package io.pinfold.takedown.access;

import io.pinfold.runtime.access.BearerToken;
import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.access.StoredToken;
import io.pinfold.runtime.access.TokenDirectory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * takedown-service's tokens: the operator's token from configuration ({@code pinfold.admin.token}, held only as
 * its SHA-256, never stored), and the reviewer tokens the operator issues (table access_token, SHA-256 only).
 * Without a configured operator token no one can issue reviewer tokens, so every protected endpoint answers 401.
 */
@ApplicationScoped
public class TakedownTokenDirectory implements TokenDirectory {
    /** A fixed id, so audit records and logs can name "the configured operator token" without naming the token. */
    public static final UUID CONFIGURED_OPERATOR = UUID.nameUUIDFromBytes("pinfold:takedown-service:configured-operator".getBytes(StandardCharsets.UTF_8));

    private final StoredToken operator;

    public TakedownTokenDirectory(@ConfigProperty(name = "pinfold.admin.token") Optional<String> token) {
        this.operator = token.filter(text -> !text.isBlank())
                .map(text -> new StoredToken(CONFIGURED_OPERATOR, Roles.OPERATOR, null, BearerToken.of(text).hash(), null, null))
                .orElse(null);
    }

    @Override
    public Uni<StoredToken> findByHash(byte[] hash) {
        if (operator != null && MessageDigest.isEqual(operator.hash(), hash)) {
            return Uni.createFrom().item(operator);
        }
        return Panache.withSession(() -> AccessToken.<AccessToken>find("tokenHash", hash).firstResult())
                .map(token -> token == null ? null : token.stored());
    }
}
