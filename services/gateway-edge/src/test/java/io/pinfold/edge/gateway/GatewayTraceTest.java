package io.pinfold.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.testsupport.kafka.RecordPublisher;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.JaegerTestResource;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.tracing.Jaeger;
import io.pinfold.testsupport.tracing.Trace;
import io.pinfold.testsupport.tracing.TraceSpan;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A gateway request's trace joins the upstream call: the edge's client span to the Kubo gateway is a child of its server span. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JaegerTestResource.class)
class GatewayTraceTest {

    @TestHTTPResource("/")
    URL main;

    @Test
    void theUpstreamCallIsAChildSpanOfTheGatewayRequest() throws Exception {
        KuboNode kubo = KuboNodes.shared().first();
        NodeRegistered node = new NodeRegistered("trace-" + UUID.randomUUID().toString().substring(0, 8), kubo.peerId(), kubo.rpc(),
                kubo.gateway(), List.of(), "0.43.1", NodeState.ACTIVE);
        EventEnvelope<?> event = EventEnvelope.create(PinfoldSource.PIN_SERVICE, node);
        RecordPublisher.shared().publish("pinfold.nodes", event.key(), CloudEventHeaders.write(event), new EventCodec().encode(node));

        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String parent = HexFormat.of().formatHex(randomBytes(8));
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(URI.create(main + "ipfs/bafkqaaa"))
                .header("traceparent", "00-" + traceId + "-" + parent + "-01").build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

        // The await above may have sent several requests in this trace (a 503 before the node arrived); the server span
        // of the request that reached Kubo ends, and is exported, after its client span: wait until both are there.
        AtomicReference<TraceSpan> server = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Optional<Trace> found = Jaeger.shared().query().trace(traceId);
            assertThat(found).isPresent();
            List<TraceSpan> spans = found.get().spansOf("gateway-edge");
            TraceSpan client = spans.stream().filter(span -> "client".equals(span.tags().get("span.kind"))).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no client span of the edge yet: " + spans));
            server.set(spans.stream().filter(span -> "server".equals(span.tags().get("span.kind")))
                    .filter(span -> span.spanId().equals(client.parentSpanId().orElse(""))).findFirst()
                    .orElseThrow(() -> new AssertionError("the client span's parent is no server span of the edge: " + spans)));
        });
        assertThat(server.get().parentSpanId()).contains(parent);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
