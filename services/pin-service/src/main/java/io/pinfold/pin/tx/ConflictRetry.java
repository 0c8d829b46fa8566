package io.pinfold.pin.tx;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs an API transaction, and runs it again from the start (a fresh session and transaction) when PostgreSQL
 * aborted it for a conflict another transaction caused: a serialization failure (SQLSTATE 40001) or a deadlock
 * (40P01). Both are PostgreSQL's own advice to retry; the other transaction went through, so a second run usually
 * does too. Bounded: pinfold.api.conflict-retry.max-attempts runs with a short exponential backoff, then the last
 * failure stands. Counted in {@code pinfold.api.transaction.retries{sqlstate}}.
 */
@ApplicationScoped
public class ConflictRetry {
    private static final Logger LOG = Logger.getLogger(ConflictRetry.class);
    static final Set<String> RETRIED_STATES = Set.of("40001", "40P01");

    private final ConflictRetryConfig config;
    private final MeterRegistry registry;

    public ConflictRetry(ConflictRetryConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** {@code Panache.withTransaction(work)}, run again on a conflict; {@code work} must build its Uni afresh on each call. */
    public <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        Uni<T> once = Uni.createFrom().deferred(() -> Panache.withTransaction(work))
                .onFailure(ConflictRetry::isConflict).invoke(failure -> {
                    String state = sqlState(failure);
                    LOG.debugf("transaction aborted by PostgreSQL (SQLSTATE %s), running it again: %s", state, failure.getMessage());
                    Counter.builder("pinfold.api.transaction.retries")
                            .description("API transactions run again after PostgreSQL aborted them for a conflict, by SQLSTATE")
                            .tag("sqlstate", state).register(registry).increment();
                });
        if (config.maxAttempts() <= 1) {
            return once;
        }
        return once.onFailure(ConflictRetry::isConflict).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff()).withJitter(0.5)
                .atMost(config.maxAttempts() - 1L);
    }

    /** A serialization failure or deadlock, anywhere in the cause chain (Hibernate Reactive wraps the driver's error). */
    public static boolean isConflict(Throwable failure) {
        return RETRIED_STATES.contains(sqlState(failure));
    }

    static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg) {
                return pg.getSqlState();
            }
            if (cause instanceof org.hibernate.JDBCException jdbc && jdbc.getSQLState() != null) {
                return jdbc.getSQLState();
            }
        }
        return "none";
    }
}
