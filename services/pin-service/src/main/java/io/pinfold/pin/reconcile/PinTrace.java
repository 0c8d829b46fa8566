package io.pinfold.pin.reconcile;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.pinfold.pin.nodepin.TraceParent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * The reconcile span of one row ("reconcile pin"), a child of the trace stored with the row, so REST → database →
 * outbox → Kafka and reconciler → Kubo call read as one trace in Jaeger. The span is made current on the work
 * item's own Vert.x context ({@link FreshContext}), so the database and Kubo client spans of the work nest under
 * it. A row without a stored trace gets no span: its calls are traced as housekeeping (dropped) as before.
 */
@ApplicationScoped
public class PinTrace {
    private final Tracer tracer;

    public PinTrace(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Runs {@code work} (on its own Vert.x context) inside the row's reconcile span, named {@code "reconcile " + what}. */
    public <T> Uni<T> around(DueRow row, String what, Supplier<Uni<T>> work) {
        if (row.traceparent() == null) {
            return work.get();
        }
        return Uni.createFrom().deferred(() -> {
            Span span = tracer.spanBuilder("reconcile " + what).setParent(TraceParent.context(row.traceparent()))
                    .setAttribute("pinfold.pin.id", row.pinId())
                    .setAttribute("pinfold.node.id", row.nodeId())
                    .setAttribute("pinfold.cid", row.cid())
                    .setAttribute("pinfold.reconcile.attempt", row.attempts() + 1L)
                    .startSpan();
            Scope scope = span.makeCurrent();
            Uni<T> started;
            try {
                started = work.get();
            } catch (RuntimeException e) {
                end(span, scope, e);
                throw e;
            }
            return started.onTermination().invoke((item, failure, cancelled) ->
                    end(span, scope, failure != null ? failure : cancelled ? new java.util.concurrent.CancellationException("cancelled") : null));
        });
    }

    private static void end(Span span, Scope scope, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }
        span.end();
        scope.close();
    }
}
