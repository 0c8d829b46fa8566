package io.pinfold.gc.access;

import io.pinfold.runtime.access.BearerToken;
import io.pinfold.runtime.access.Roles;
import io.pinfold.runtime.access.StoredToken;
import io.pinfold.runtime.access.TokenDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * gc-service's only token: the operator's
 * token from configuration ({@code pinfold.admin.token}), held only as its SHA-256. Without one configured, no
 * token is accepted and every protected endpoint answers 401.
 */
@ApplicationScoped
public class OperatorTokenDirectory implements TokenDirectory {
    /** A fixed id, so logs can name "the configured operator token" without naming the token. */
    static final UUID CONFIGURED_OPERATOR = UUID.nameUUIDFromBytes("pinfold:gc-service:configured-operator".getBytes(StandardCharsets.UTF_8));

    private final StoredToken operator;

    public OperatorTokenDirectory(@ConfigProperty(name = "pinfold.admin.token") Optional<String> token) {
        this.operator = token.filter(text -> !text.isBlank())
                .map(text -> new StoredToken(CONFIGURED_OPERATOR, Roles.OPERATOR, null, BearerToken.of(text).hash(), null, null))
                .orElse(null);
    }

    @Override
    public Uni<StoredToken> findByHash(byte[] hash) {
        boolean known = operator != null && MessageDigest.isEqual(operator.hash(), hash);
        return Uni.createFrom().item(known ? operator : null);
    }
}
