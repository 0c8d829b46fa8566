package io.pinfold.pin.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pinfold.runtime.rest.RequestRejected;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * {@code pinfold.api.pins{operation, outcome}}: a timer per Pinning Service API operation (list, get, add, replace,
 * remove) and outcome (ok, or the error reason such as BAD_REQUEST, NOT_FOUND, QUOTA_EXCEEDED, error).
 */
@ApplicationScoped
public class PinApiMetrics {
    private final MeterRegistry registry;

    public PinApiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs {@code call} (which may throw before returning its Uni) and records its time and outcome. */
    public <T> Uni<T> timed(String operation, Supplier<Uni<T>> call) {
        return Uni.createFrom().<T>deferred(call::get)
                .onItemOrFailure().invoke(new Recorder(operation, System.nanoTime())::record);
    }

    private final class Recorder {
        private final String operation;
        private final long start;

        Recorder(String operation, long start) {
            this.operation = operation;
            this.start = start;
        }

        void record(Object item, Throwable failure) {
            String outcome = failure == null ? "ok" : failure instanceof RequestRejected rejected ? rejected.reason() : "error";
            Timer.builder("pinfold.api.pins")
                    .description("Pinning Service API requests by operation and outcome")
                    .tag("operation", operation).tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
