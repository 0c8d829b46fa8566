package io.pinfold.testsupport.tracing;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A trace read back from Jaeger: its id and every span, whichever service sent it. */
public record Trace(String traceId, List<TraceSpan> spans) {

    /** The services that took part, e.g. both the producer and the consumer of an event. */
    public Set<String> services() {
        Set<String> services = new TreeSet<>();
        spans.forEach(span -> services.add(span.serviceName()));
        return services;
    }

    public List<TraceSpan> spansOf(String service) {
        return spans.stream().filter(span -> span.serviceName().equals(service)).toList();
    }
}
