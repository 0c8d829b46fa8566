package io.pinfold.runtime.access;

import io.smallrye.mutiny.Uni;

/**
 * Where a service keeps its API tokens, looked up by hash. Each service that protects endpoints provides one
 * bean over its own database; a service without one accepts no token (its protected endpoints answer 401).
 */
public interface TokenDirectory {

    /** The token stored under this SHA-256, or null when there is none (revoked and expired ones included). */
    Uni<StoredToken> findByHash(byte[] hash);
}
