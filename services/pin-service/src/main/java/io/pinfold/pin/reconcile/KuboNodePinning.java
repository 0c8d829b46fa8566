package io.pinfold.pin.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.error.KuboException;
import io.pinfold.kubo.error.KuboNotPinnedException;
import io.pinfold.kubo.pin.PinAddOptions;
import io.pinfold.kubo.pin.PinLsEntry;
import io.pinfold.kubo.pin.PinLsOptions;
import io.pinfold.kubo.pin.PinProgress;
import io.pinfold.kubo.pin.PinType;
import io.pinfold.runtime.kubo.KuboClients;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * The reconciler's calls over the Kubo RPC (libs/kubo-client). Every call is a client span ("kubo pin/add") and
 * is timed in {@code pinfold.reconcile.kubo.calls{node, call, outcome}}; failures also count in
 * {@code pinfold.reconcile.kubo.errors{node, call, error}} by the client's error type.
 */
@ApplicationScoped
public class KuboNodePinning implements NodePinning {
    private final KuboClients clients;
    private final ReconcileConfig config;
    private final MeterRegistry registry;
    private final Tracer tracer;

    public KuboNodePinning(KuboClients clients, ReconcileConfig config, MeterRegistry registry, Tracer tracer) {
        this.clients = clients;
        this.config = config;
        this.registry = registry;
        this.tracer = tracer;
    }

    @Override
    public Uni<Void> probe(ReconcileNode node) {
        return call(node, "id", null, () -> client(node).withTimeout(config.probeTimeout()).id().replaceWithVoid());
    }

    @Override
    public Uni<Void> connect(ReconcileNode node, String multiaddr) {
        return call(node, "swarm/connect", multiaddr, () -> client(node).swarm().connect(multiaddr));
    }

    @Override
    public Multi<PinProgress> pinAdd(ReconcileNode node, String cid) {
        return stream(node, "pin/add", cid, () -> client(node).withStreamIdleTimeout(config.fetchIdleTimeout())
                .pin().addWithProgress(cid, PinAddOptions.recursivePin()));
    }

    @Override
    public Multi<io.pinfold.kubo.dag.DagStat> dagStat(ReconcileNode node, String cid) {
        return stream(node, "dag/stat", cid, () -> client(node).withStreamIdleTimeout(config.fetchIdleTimeout()).dag().statWithProgress(cid));
    }

    @Override
    public Uni<Void> pinRm(ReconcileNode node, String cid) {
        return call(node, "pin/rm", cid, () -> client(node).pin().rm(cid, true).replaceWithVoid()
                .onFailure(KuboNotPinnedException.class).recoverWithNull()); // already gone: what we wanted
    }

    @Override
    public Multi<String> recursivePins(ReconcileNode node) {
        return stream(node, "pin/ls", null, () -> client(node).pin().ls(PinLsOptions.ofType(PinType.RECURSIVE)))
                .map(PinLsEntry::cid);
    }

    private KuboClient client(ReconcileNode node) {
        return clients.forNode(node.rpcUrl());
    }

    private <T> Uni<T> call(ReconcileNode node, String call, String cid, Supplier<Uni<T>> body) {
        return Uni.createFrom().deferred(() -> {
            Span span = startSpan(node, call, cid);
            Timer.Sample sample = Timer.start(registry);
            Uni<T> started;
            try (Scope ignored = span.makeCurrent()) {
                started = body.get();
            }
            return started
                    .onItem().invoke(() -> finish(span, sample, node, call, null))
                    .onFailure().invoke(failure -> finish(span, sample, node, call, failure))
                    .onCancellation().invoke(() -> finish(span, sample, node, call, new java.util.concurrent.CancellationException("cancelled")));
        });
    }

    private <T> Multi<T> stream(ReconcileNode node, String call, String cid, Supplier<Multi<T>> body) {
        return Multi.createFrom().deferred(() -> {
            Span span = startSpan(node, call, cid);
            Timer.Sample sample = Timer.start(registry);
            Multi<T> started;
            try (Scope ignored = span.makeCurrent()) {
                started = body.get();
            }
            return started
                    .onCompletion().invoke(() -> finish(span, sample, node, call, null))
                    .onFailure().invoke(failure -> finish(span, sample, node, call, failure))
                    .onCancellation().invoke(() -> finish(span, sample, node, call, new java.util.concurrent.CancellationException("cancelled")));
        });
    }

    private Span startSpan(ReconcileNode node, String call, String cid) {
        var builder = tracer.spanBuilder("kubo " + call).setSpanKind(SpanKind.CLIENT).setParent(Context.current())
                .setAttribute("pinfold.node.id", node.id());
        if (cid != null) {
            builder.setAttribute("pinfold.cid", cid);
        }
        return builder.startSpan();
    }

    private void finish(Span span, Timer.Sample sample, ReconcileNode node, String call, Throwable failure) {
        String outcome = failure == null ? "ok" : "error";
        sample.stop(Timer.builder("pinfold.reconcile.kubo.calls").description("Kubo RPC calls of the reconciler")
                .tag("node", node.id()).tag("call", call).tag("outcome", outcome).register(registry));
        if (failure != null) {
            Counter.builder("pinfold.reconcile.kubo.errors").description("Failed Kubo RPC calls of the reconciler, by error type")
                    .tag("node", node.id()).tag("call", call).tag("error", errorKind(failure)).register(registry).increment();
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }
        span.end();
    }

    private static String errorKind(Throwable failure) {
        return failure instanceof KuboException ? failure.getClass().getSimpleName() : "other";
    }
}
