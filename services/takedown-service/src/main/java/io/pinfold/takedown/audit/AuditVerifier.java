package io.pinfold.takedown.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Walks the whole chain in seq order, a page at a time in its own short session (never the whole trail in
 * memory), and says whether it is unbroken or where and how it breaks. Records appended during the walk are
 * checked if the walk reaches them.
 */
@ApplicationScoped
public class AuditVerifier {
    private final MeterRegistry metrics;
    private final int pageSize;

    public AuditVerifier(MeterRegistry metrics, @ConfigProperty(name = "pinfold.audit.verify-page-size", defaultValue = "500") int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pinfold.audit.verify-page-size: must be 1 or more, got " + pageSize);
        }
        this.metrics = metrics;
        this.pageSize = pageSize;
    }

    @WithSpan("audit.verify")
    public Uni<AuditVerification> verify() {
        Timer.Sample started = Timer.start(metrics);
        return walk(new ChainWalk())
                .invoke(result -> {
                    Span span = Span.current();
                    span.setAttribute("pinfold.audit.verified", result.verified());
                    span.setAttribute("pinfold.audit.records", result.records());
                    started.stop(Timer.builder("pinfold.audit.verification").description("Time to verify the whole audit chain")
                            .tag("outcome", result.verified() ? "verified" : "broken").register(metrics));
                });
    }

    private Uni<AuditVerification> walk(ChainWalk walk) {
        return Panache.withSession(() -> AuditRecord.<AuditRecord>find("seq > ?1 order by seq", walk.lastSeq())
                        .range(0, pageSize - 1).list())
                .chain(page -> {
                    Optional<AuditVerification> broken = check(walk, page);
                    if (broken.isPresent()) {
                        return Uni.createFrom().item(broken.get());
                    }
                    return page.size() < pageSize ? Uni.createFrom().item(walk.verified()) : walk(walk);
                });
    }

    private static Optional<AuditVerification> check(ChainWalk walk, List<AuditRecord> page) {
        for (AuditRecord record : page) {
            Optional<AuditVerification> broken = walk.check(record);
            if (broken.isPresent()) {
                return broken;
            }
        }
        return Optional.empty();
    }
}
