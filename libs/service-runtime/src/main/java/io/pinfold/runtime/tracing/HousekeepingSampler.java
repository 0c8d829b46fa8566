package io.pinfold.runtime.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Keeps traces about work, not about polling. A client span (a SQL statement, an HTTP call) with no parent
 * comes from housekeeping — the outbox relay's 100 ms poll, a readiness probe asking Kubo who it is — and
 * would otherwise be a trace of its own ten times a second. Work that matters starts its own span (a request,
 * a Kafka record, a {@code @WithSpan} job), so everything under it is still traced.
 */
public final class HousekeepingSampler implements Sampler {
    private final Sampler delegate;

    public HousekeepingSampler(Sampler delegate) {
        this.delegate = delegate;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                       Attributes attributes, List<LinkData> parentLinks) {
        boolean root = !Span.fromContext(parentContext).getSpanContext().isValid();
        if (root && spanKind == SpanKind.CLIENT) {
            return SamplingResult.drop();
        }
        return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "HousekeepingSampler{" + delegate.getDescription() + "}";
    }
}
