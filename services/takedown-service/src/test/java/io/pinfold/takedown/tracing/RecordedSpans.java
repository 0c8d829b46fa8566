package io.pinfold.takedown.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Test-only: every span the service ends, kept in memory (the newest 20,000) so a test can read a trace back with
 * its parentage. Quarkus adds each SpanExporter bean to the SDK beside the OTLP exporter (quarkus.otel.traces.exporter
 * = cdi, the default), batched like it. No Jaeger is built on this machine, and the assertion is on the
 * service's own spans, so the SDK's exporter interface is the boundary here; JaegerTest covers export over OTLP.
 */
@Singleton
public class RecordedSpans implements SpanExporter {
    private static final int KEEP = 20_000;
    private final ConcurrentLinkedDeque<SpanData> spans = new ConcurrentLinkedDeque<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
        for (SpanData span : batch) {
            spans.addLast(span);
            if (spans.size() > KEEP) {
                spans.pollFirst();
            }
        }
        return CompletableResultCode.ofSuccess();
    }

    public List<SpanData> ofTrace(String traceId) {
        return spans.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
