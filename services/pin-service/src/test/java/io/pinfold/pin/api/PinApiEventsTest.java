package io.pinfold.pin.api;

import static io.pinfold.pin.api.PinsApi.freshCid;
import static io.pinfold.pin.api.PinsApi.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinfold.testsupport.kafka.TopicProbe;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.ManagementPort;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the API announces on pinfold.pins (through the outbox, keyed by request id), and that pin-service does not take it back in. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_api_test"))
class PinApiEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @BeforeEach
    void nodes() {
        PinsApi.nodesRegistered();
    }

    @Test
    void addReplaceAndDeleteAreAnnouncedOncePerChangeKeyedByTheRequestId() throws Exception {
        var acme = tenant("events");
        String cid = freshCid();
        String first = acme.pinId("{\"cid\":\"" + cid + "\",\"name\":\"v1\",\"meta\":{\"app\":\"x\"}}");
        String newCid = freshCid();
        String second = acme.call().body("{\"cid\":\"" + newCid + "\"}").post("/pins/" + first).then().statusCode(202).extract().path("requestid");
        acme.call().delete("/pins/" + second).then().statusCode(202);

        List<ConsumerRecord<String, byte[]>> records = TopicProbe.shared().await("pinfold.pins",
                record -> Set.of(first, second).contains(record.key()), Duration.ofSeconds(20));
        assertThat(records).extracting(record -> TopicProbe.header(record, "ce_type") + " " + record.key())
                .containsExactlyInAnyOrder("io.pinfold.pin.requested " + first, "io.pinfold.pin.replaced " + second,
                        "io.pinfold.pin.removed " + second);
        JsonNode requested = data(records, "io.pinfold.pin.requested");
        assertThat(requested.path("pinId").asText()).isEqualTo(first);
        assertThat(requested.path("tenant").asText()).isEqualTo(acme.name());
        assertThat(requested.path("cid").asText()).isEqualTo(cid);
        assertThat(requested.path("meta").path("app").asText()).isEqualTo("x");
        JsonNode replaced = data(records, "io.pinfold.pin.replaced");
        assertThat(replaced.path("replacedPinId").asText()).isEqualTo(first);
        assertThat(replaced.path("previousCid").asText()).isEqualTo(cid);
        assertThat(replaced.path("cid").asText()).isEqualTo(newCid);
    }

    @Test
    void pinServicesOwnEventsReadBackFromTheTopicAreSkippedNeitherAppliedAgainNorDeadLettered() throws Exception {
        var acme = tenant("own");
        double skippedBefore = skipped();
        String first = acme.pinId("{\"cid\":\"" + freshCid() + "\"}");
        String second = acme.call().body("{\"cid\":\"" + freshCid() + "\"}").post("/pins/" + first).then().statusCode(202).extract().path("requestid");
        acme.call().delete("/pins/" + second).then().statusCode(202);
        String kept = acme.pinId("{\"cid\":\"" + freshCid() + "\"}");

        List<ConsumerRecord<String, byte[]>> published = TopicProbe.shared().await("pinfold.pins",
                record -> Set.of(first, second, kept).contains(record.key()), Duration.ofSeconds(20));
        assertThat(published).hasSize(4);
        Set<String> eventIds = new java.util.HashSet<>();
        published.forEach(record -> eventIds.add(TopicProbe.header(record, "ce_id")));
        // The consumer has read them once the skip counter moved past them; none of them may be refused. Generous
        // bound: in one CI run the app's new consumer group got its first records of three partitions of the
        // just-created topic 20-25 s after they were published (the others at once).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> skipped() >= skippedBefore + 4);
        assertThat(TopicProbe.shared().await("pinfold.pins.dlq", record -> eventIds.contains(TopicProbe.header(record, "ce_id")),
                Duration.ofSeconds(3))).isEmpty();
        assertThat(PinsApi.column("SELECT used_pins FROM tenant WHERE id = '" + acme.id() + "'")).containsExactly("1");
        assertThat(PinsApi.column("SELECT pin_id FROM desired_pin WHERE removed_at IS NULL AND tenant = '" + acme.name() + "'")).containsExactly(kept);
    }

    private double skipped() {
        String metrics = ManagementPort.given(management).get("/q/metrics").then().extract().asString();
        return metrics.lines().filter(line -> line.startsWith("pinfold_pins_own_events_skipped_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static JsonNode data(List<ConsumerRecord<String, byte[]>> records, String type) throws Exception {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (type.equals(TopicProbe.header(record, "ce_type"))) {
                return JSON.readTree(record.value());
            }
        }
        throw new AssertionError("no " + type);
    }
}
