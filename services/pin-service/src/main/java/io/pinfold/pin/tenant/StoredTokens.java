package io.pinfold.pin.tenant;

import io.pinfold.runtime.access.StoredToken;
import io.pinfold.runtime.access.TokenDirectory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** pin-service's tokens for the bearer authentication of io.pinfold.runtime.access, from table api_token. */
@ApplicationScoped
public class StoredTokens implements TokenDirectory {

    @Override
    public Uni<StoredToken> findByHash(byte[] hash) {
        return Panache.withSession(() -> ApiToken.<ApiToken>find("tokenHash", hash).firstResult())
                .map(token -> token == null ? null : token.stored());
    }
}
