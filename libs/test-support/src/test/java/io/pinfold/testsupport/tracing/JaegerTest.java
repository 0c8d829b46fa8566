package io.pinfold.testsupport.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JaegerTest {

    private final Jaeger jaeger = Jaeger.shared();

    @Test
    void spansSentOverOtlpAreReadBackAsOneTrace() {
        String service = "test-support-probe-" + UUID.randomUUID().toString().substring(0, 8);
        String traceId;
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), service))))
                .addSpanProcessor(SimpleSpanProcessor.create(OtlpGrpcSpanExporter.builder()
                        .setEndpoint(jaeger.otlpEndpoint()).build()))
                .build();
        try {
            Tracer tracer = provider.get("io.pinfold.testsupport");
            Span parent = tracer.spanBuilder("publish pin.requested").startSpan();
            try (Scope ignored = parent.makeCurrent()) {
                tracer.spanBuilder("receive pin.requested").setAttribute("pinfold.cid", "bafkqaaa").startSpan().end();
            } finally {
                parent.end();
            }
            traceId = parent.getSpanContext().getTraceId();
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }

        Trace trace = jaeger.query().awaitTrace(service, "publish pin.requested",
                found -> found.traceId().equals(traceId), Duration.ofSeconds(30));

        assertThat(trace.services()).containsExactly(service);
        assertThat(trace.spans()).hasSize(2);
        TraceSpan root = trace.spans().stream().filter(span -> span.parentSpanId().isEmpty()).findFirst().orElseThrow();
        TraceSpan child = trace.spans().stream().filter(span -> span.parentSpanId().isPresent()).findFirst().orElseThrow();
        assertThat(root.operationName()).isEqualTo("publish pin.requested");
        assertThat(child.parentSpanId()).contains(root.spanId());
        assertThat(child.tags()).containsEntry("pinfold.cid", "bafkqaaa");
        assertThat(jaeger.query().trace(traceId)).map(Trace::traceId).contains(traceId);
        assertThat(jaeger.query().services()).contains(service);
    }

    @Test
    void waitingForATraceThatNeverCameSaysWhatWasSearched() {
        assertThatThrownBy(() -> jaeger.query().awaitTrace("no-such-service", "no-such-operation", Duration.ofMillis(300)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no matching trace of service 'no-such-service', operation 'no-such-operation'");
    }

    @Test
    void anUnknownTraceIdIsEmpty() {
        assertThat(jaeger.query().trace("00000000000000000000000000000001")).isEqualTo(Optional.empty());
    }
}
