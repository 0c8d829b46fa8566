package io.pinfold.testsupport.tracing;

import java.util.Map;
import java.util.Optional;

/** One span of a trace as Jaeger stores it; {@code parentSpanId} is empty for a root span. */
public record TraceSpan(String traceId, String spanId, Optional<String> parentSpanId, String serviceName,
        String operationName, Map<String, String> tags) {
}
