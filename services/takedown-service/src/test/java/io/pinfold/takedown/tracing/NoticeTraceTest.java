package io.pinfold.takedown.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A notice's way through the outbox to Kafka is one trace: the relay's publish span of each record is a descendant
 * of the request that wrote it (intake → notice.receive → pinfold.takedowns publish; decision → notice.decide →
 * pinfold.denylist and pinfold.takedowns publish), though the relay sends it later, from another thread.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "takedown_service_test"))
class NoticeTraceTest {
    static final String OPERATOR = "pf_test-admin-token-for-takedown-service-tests";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RecordedSpans recorded;

    @Test
    void intakeAndDecisionEachReachKafkaInOneTrace() {
        String reviewer = given().header("Authorization", "Bearer " + OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("label", "trace test reviewer")).post("/admin/tokens").then().statusCode(201).extract().path("token");
        Map<String, Object> notice = new HashMap<>();
        notice.put("legalBasis", "malware");
        notice.put("complainant", "Trace Test");
        notice.put("contact", "trace@example.com");
        notice.put("targets", List.of(randomCid().toString()));

        String intakeTrace = hex(16);
        String intakeParent = hex(8);
        String id = given().header("traceparent", "00-" + intakeTrace + "-" + intakeParent + "-01").header("X-Forwarded-For", "10.11.0.1")
                .contentType(ContentType.JSON).body(notice).post("/notices").then().statusCode(201).extract().path("id");
        assertPublishedUnder(intakeTrace, intakeParent, "notice.receive", List.of("pinfold.takedowns publish"));

        String decisionTrace = hex(16);
        String decisionParent = hex(8);
        given().header("traceparent", "00-" + decisionTrace + "-" + decisionParent + "-01").header("Authorization", "Bearer " + reviewer)
                .contentType(ContentType.JSON).body(Map.of("decision", "accept", "reason", "malware confirmed"))
                .post("/notices/" + id + "/decision").then().statusCode(200);
        assertPublishedUnder(decisionTrace, decisionParent, "notice.decide", List.of("pinfold.denylist publish", "pinfold.takedowns publish"));
    }

    /**
     * Waits for a producer span of each topic in the trace, then walks each one's parents: through a span named
     * {@code operation} to the service's HTTP server span, whose parent is the caller's span.
     */
    private void assertPublishedUnder(String traceId, String callerSpan, String operation, List<String> publishes) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(recorded.ofTrace(traceId))
                .extracting(SpanData::getName).containsAll(publishes));
        List<SpanData> spans = recorded.ofTrace(traceId);
        Map<String, SpanData> byId = spans.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity(), (a, b) -> a));
        for (String publish : publishes) {
            SpanData producer = spans.stream().filter(span -> span.getName().equals(publish)).findFirst().orElseThrow();
            assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
            List<SpanData> ancestors = new ArrayList<>();
            Optional<SpanData> parent = Optional.ofNullable(byId.get(producer.getParentSpanId()));
            while (parent.isPresent()) {
                ancestors.add(parent.get());
                parent = Optional.ofNullable(byId.get(parent.get().getParentSpanId()));
            }
            assertThat(ancestors).as("%s's ancestors in trace %s (all spans: %s)", publish, traceId, names(spans))
                    .extracting(SpanData::getName).contains(operation);
            SpanData root = ancestors.get(ancestors.size() - 1);
            assertThat(root.getKind()).as("the outermost span of the service is the HTTP request").isEqualTo(SpanKind.SERVER);
            assertThat(root.getParentSpanId()).as("the request continues the caller's trace").isEqualTo(callerSpan);
        }
    }

    private static List<String> names(List<SpanData> spans) {
        return spans.stream().map(span -> span.getName() + "(" + span.getSpanId() + "<-" + span.getParentSpanId() + ")").toList();
    }

    private static String hex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static Cid randomCid() {
        byte[] digest = new byte[32];
        RANDOM.nextBytes(digest);
        return Cid.v1(Codec.RAW, Multihash.of(0x12, digest));
    }
}
