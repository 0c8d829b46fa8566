package io.pinfold.testsupport.tracing;

import io.pinfold.testsupport.stack.FreePorts;
import io.pinfold.testsupport.stack.LocalPart;
import io.pinfold.testsupport.stack.StackSetting;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Jaeger for tests, one per JVM: the one named by PINFOLD_OTLP_ENDPOINT and PINFOLD_JAEGER_QUERY_URL
 * (./pinfold test starts it), else Jaeger v2 from deploy/local/parts/jaeger.sh on free ports (built once
 * into $PINFOLD_HOME/bin by that script). Traces sent to {@link #otlpEndpoint()} are read back with
 * {@link #query()}.
 */
public final class Jaeger {

    private static Jaeger shared;

    private final String otlpEndpoint;
    private final Optional<String> queryUrl;
    private final String origin;

    private Jaeger(String otlpEndpoint, Optional<String> queryUrl, String origin) {
        this.otlpEndpoint = otlpEndpoint;
        this.queryUrl = queryUrl;
        this.origin = origin;
    }

    public static synchronized Jaeger shared() {
        if (shared == null) {
            shared = StackSetting.of("PINFOLD_OTLP_ENDPOINT")
                    .map(otlp -> new Jaeger(otlp, StackSetting.of("PINFOLD_JAEGER_QUERY_URL"), "PINFOLD_OTLP_ENDPOINT"))
                    .orElseGet(Jaeger::local);
        }
        return shared;
    }

    /** OTLP over gRPC, e.g. http://127.0.0.1:4317, for {@code quarkus.otel.exporter.otlp.endpoint}. */
    public String otlpEndpoint() {
        return otlpEndpoint;
    }

    /** Base URL of the UI and of the query API (/api/services, /api/traces). */
    public String queryUrl() {
        return queryUrl.orElseThrow(() -> new IllegalStateException("PINFOLD_JAEGER_QUERY_URL: not set, so the traces"
                + " sent to " + otlpEndpoint + " cannot be read back; set it to the collector's Jaeger query URL"));
    }

    /** The query URL when known: always for a Jaeger started here, else when PINFOLD_JAEGER_QUERY_URL is set. */
    public Optional<String> knownQueryUrl() {
        return queryUrl;
    }

    public JaegerQuery query() {
        return new JaegerQuery(queryUrl());
    }

    public String origin() {
        return origin;
    }

    private static Jaeger local() {
        List<Integer> ports = FreePorts.take(5);
        LocalPart.inTemporaryState("jaeger", Map.of(
                "PINFOLD_JAEGER_UI_PORT", ports.get(0).toString(),
                "PINFOLD_JAEGER_OTLP_GRPC_PORT", ports.get(1).toString(),
                "PINFOLD_JAEGER_OTLP_HTTP_PORT", ports.get(2).toString(),
                "PINFOLD_JAEGER_QUERY_GRPC_PORT", ports.get(3).toString(),
                "PINFOLD_JAEGER_HEALTH_PORT", ports.get(4).toString())).start();
        return new Jaeger("http://127.0.0.1:" + ports.get(1), Optional.of("http://127.0.0.1:" + ports.get(0)), "local");
    }

    @Override
    public String toString() {
        return "Jaeger OTLP " + otlpEndpoint + queryUrl.map(url -> ", query " + url).orElse("") + " (" + origin + ")";
    }
}
