package io.pinfold.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

class HousekeepingSamplerTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private final Sampler sampler = new HousekeepingSampler(Sampler.parentBased(Sampler.alwaysOn()));

    @Test
    void aClientSpanWithoutParentIsDropped() {
        assertThat(decide(Context.root(), SpanKind.CLIENT)).isEqualTo(SamplingDecision.DROP);
    }

    @Test
    void aClientSpanInsideWorkIsKept() {
        assertThat(decide(sampledParent(), SpanKind.CLIENT)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    @Test
    void rootSpansOfRequestsMessagesAndJobsAreKept() {
        for (SpanKind kind : List.of(SpanKind.SERVER, SpanKind.CONSUMER, SpanKind.PRODUCER, SpanKind.INTERNAL)) {
            assertThat(decide(Context.root(), kind)).as(kind.name()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        }
    }

    private SamplingDecision decide(Context parent, SpanKind kind) {
        return sampler.shouldSample(parent, TRACE, "SELECT outbox_event", kind, Attributes.empty(), List.of()).getDecision();
    }

    private static Context sampledParent() {
        SpanContext parent = SpanContext.create(TRACE, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
        return Context.root().with(Span.wrap(parent));
    }
}
