package io.pinfold.pin.tenant;

import io.pinfold.runtime.access.StoredToken;
import io.pinfold.runtime.access.TokenDirectory;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * pin-service's tokens for the bearer authentication of io.pinfold.runtime.access, from table api_token. Every
 * request of the API asks this once, so it is one prepared statement on the pool (no Hibernate session, no entity):
 * the lookup is on the path of every GET and POST, and the session cost several times the query's own time.
 */
@ApplicationScoped
public class StoredTokens implements TokenDirectory {
    private final Pool pool;

    public StoredTokens(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<StoredToken> findByHash(byte[] hash) {
        return pool.preparedQuery("SELECT id, role, tenant_id, token_hash, expires_at, revoked_at FROM api_token WHERE token_hash = $1")
                .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(hash)))
                .map(rows -> rows.rowCount() == 0 ? null : stored(rows.iterator().next()));
    }

    private static StoredToken stored(Row row) {
        return new StoredToken(row.getUUID("id"), row.getString("role"), row.getUUID("tenant_id"),
                row.getBuffer("token_hash").getBytes(), row.getOffsetDateTime("expires_at"), row.getOffsetDateTime("revoked_at"));
    }
}
