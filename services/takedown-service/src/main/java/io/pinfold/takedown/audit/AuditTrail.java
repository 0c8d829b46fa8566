package io.pinfold.takedown.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Appends records to the audit trail. Call {@link #append} inside the transaction that makes the change it
 * records ({@code Panache.withTransaction} or {@code @WithTransaction}): the change and its record commit together
 * or not at all.
 *
 * <p>Every append first takes one transaction-scoped advisory lock, held until commit or rollback, then reads the
 * last record: so appends from any number of service copies queue, each sees the one committed before it, and the
 * chain never forks (two records with the same prev_hash) and its seqs stay gap-free.
 */
@ApplicationScoped
public class AuditTrail {
    private final MeterRegistry metrics;

    public AuditTrail(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    @WithSpan("audit.append")
    public Uni<AuditRecord> append(AuditEntry entry) {
        Span.current().setAttribute("pinfold.audit.action", entry.action().code());
        String details = CanonicalJson.of(entry.details());
        return Panache.currentTransaction()
                .chain(transaction -> {
                    if (transaction == null) {
                        // Without a transaction the lock would end with its own statement and two appends could fork the chain.
                        return Uni.createFrom().failure(new IllegalStateException(
                                "AuditTrail.append must run inside the transaction of the change it records"));
                    }
                    return Panache.getSession();
                })
                .chain(session -> session
                        .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('pinfold.audit_record', 0))", Integer.class)
                        .getSingleResult())
                .chain(locked -> last())
                .map(last -> next(last, entry, details))
                .call(record -> record.persistAndFlush())
                .invoke(record -> {
                    Span.current().setAttribute("pinfold.audit.seq", record.seq);
                    // Counted when written into the transaction; a rollback after this point still counts (says so in README).
                    Counter.builder("pinfold.audit.appended").description("Audit records appended, by action")
                            .tag("action", record.action).register(metrics).increment();
                });
    }

    private static Uni<AuditRecord> last() {
        return AuditRecord.find("order by seq desc").firstResult();
    }

    private static AuditRecord next(AuditRecord last, AuditEntry entry, String details) {
        AuditRecord record = new AuditRecord();
        record.seq = last == null ? 1 : last.seq + 1;
        Instant now = AuditHash.truncate(Instant.now());
        record.recordedAt = now.atOffset(ZoneOffset.UTC);
        record.actor = entry.actor();
        record.action = entry.action().code();
        record.subject = entry.subject();
        record.reason = entry.reason();
        record.details = details;
        record.prevHash = last == null ? AuditHash.GENESIS.clone() : last.hash;
        record.hash = AuditHash.of(record.seq, now, record.actor, record.action, record.subject, record.reason, details,
                record.prevHash);
        return record;
    }
}
