package io.pinfold.systemtest.tracing;

import io.pinfold.testsupport.tracing.Trace;
import io.pinfold.testsupport.tracing.TraceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The parent links of one trace read from Jaeger, to check who caused what across services. */
public final class SpanTree {

    private final Trace trace;
    private final Map<String, TraceSpan> bySpanId;

    public SpanTree(Trace trace) {
        this.trace = trace;
        this.bySpanId = trace.spans().stream().collect(Collectors.toMap(TraceSpan::spanId, Function.identity(), (a, b) -> a));
    }

    /** Spans without a parent; a trace that starts at one REST call has exactly one. */
    public List<TraceSpan> roots() {
        return trace.spans().stream().filter(span -> span.parentSpanId().isEmpty()).toList();
    }

    /** The parent span, when it is in this trace. */
    public Optional<TraceSpan> parent(TraceSpan span) {
        return span.parentSpanId().map(bySpanId::get);
    }

    /** Parent, grandparent, … up to the root or to a parent missing from the trace. */
    public List<TraceSpan> ancestors(TraceSpan span) {
        List<TraceSpan> chain = new ArrayList<>();
        for (Optional<TraceSpan> next = parent(span); next.isPresent() && chain.size() <= bySpanId.size(); next = parent(next.get())) {
            chain.add(next.get());
        }
        return chain;
    }

    /** The spans of a service with that OpenTelemetry span kind ("server", "producer", "consumer"…). */
    public List<TraceSpan> spansOf(String service, String kind) {
        return trace.spansOf(service).stream().filter(span -> kind.equals(span.tags().get("span.kind"))).toList();
    }

    /** One line per span, for failure messages: service, operation, kind, span id → parent id. */
    public String describe() {
        return trace.spans().stream()
                .map(span -> span.serviceName() + " '" + span.operationName() + "' " + span.tags().getOrDefault("span.kind", "?")
                        + " " + span.spanId() + " → " + span.parentSpanId().orElse("(root)"))
                .collect(Collectors.joining("\n  ", "trace " + trace.traceId() + ":\n  ", ""));
    }
}
