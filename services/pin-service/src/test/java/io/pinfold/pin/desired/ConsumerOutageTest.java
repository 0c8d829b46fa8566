package io.pinfold.pin.desired;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.pinfold.testsupport.kafka.TopicProbe;
import io.pinfold.testsupport.net.CuttableLink;
import io.pinfold.testsupport.quarkus.CuttablePostgresTestResource;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * pin-service's consumer when processing fails: the database cut off for 10 s (through a {@link CuttableLink}, the
 * shared PostgreSQL keeps running) and a record that always fails. Retry bound in tests: 20 s (application.properties).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = CuttablePostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_consumer_test"))
class ConsumerOutageTest {

    /** Health and metrics answer on the management interface; Quarkus injects its URL with the /q root path. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    @Inject
    AgroalDataSource database;

    CuttableLink postgres;

    @org.junit.jupiter.api.BeforeEach
    void tenant() throws Exception {
        PinTopic.ensureTenant(database);
    }

    @Test
    void recordsPublishedWhileTheDatabaseIsCutOffAreAllAppliedOnceItIsBack() throws Exception {
        String warmUp = "warm-" + UUID.randomUUID();
        PinTopic.publish(PinTopic.request(warmUp));
        await().atMost(Duration.ofSeconds(20)).until(() -> PinTopic.exists(database, warmUp));

        List<String> during = new ArrayList<>();
        postgres.cut();
        try {
            for (int i = 0; i < 20; i++) {
                String pinId = "outage-" + i + "-" + UUID.randomUUID();
                during.add(pinId);
                PinTopic.publish(PinTopic.request(pinId));
                Thread.sleep(500); // spread over the 10 s outage, so records arrive before, while and after retries
            }
        } finally {
            postgres.restore();
        }

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertThat(during).allMatch(pinId -> exists(pinId)));
        // and none of them went to the dead-letter topic
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.shared().await("pinfold.pins.dlq",
                record -> during.stream().anyMatch(pinId -> new String(record.value()).contains(pinId)), Duration.ofSeconds(2));
        assertThat(dead).isEmpty();
    }

    @Test
    void aRecordThatAlwaysFailsIsDeadLetteredWithItsReasonAndTheRecordsAfterItAreApplied() throws Exception {
        // A real database error for this one record only: a trigger refuses pins whose id starts with "poison-".
        PinTopic.execute(database, """
                CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger AS $$
                BEGIN
                    IF NEW.pin_id LIKE 'poison-%' THEN
                        RAISE EXCEPTION 'simulated storage fault for %', NEW.pin_id;
                    END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql""");
        PinTopic.execute(database, "DROP TRIGGER IF EXISTS refuse_poison ON desired_pin");
        PinTopic.execute(database, "CREATE TRIGGER refuse_poison BEFORE INSERT ON desired_pin FOR EACH ROW EXECUTE FUNCTION refuse_poison()");
        try {
            String poison = "poison-" + UUID.randomUUID();
            String after = "after-poison-" + UUID.randomUUID();
            var poisonEvent = PinTopic.request(poison);
            PinTopic.publish(poisonEvent);
            PinTopic.publish(PinTopic.request(after));

            // While it retries past stuck-after (5 s in tests), readiness names the channel, the record and the error.
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> management().get("/q/health/ready").then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'Kafka consumers' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'Kafka consumers' }.data.pins", containsString("simulated storage fault")));

            List<ConsumerRecord<String, byte[]>> dead = TopicProbe.shared().await("pinfold.pins.dlq",
                    record -> poisonEvent.metadata().id().equals(TopicProbe.header(record, "ce_id")), Duration.ofSeconds(40));
            assertThat(dead).hasSize(1);
            assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason"))
                    .startsWith("gave up after ").contains("simulated storage fault for " + poison);
            assertThat(TopicProbe.header(dead.get(0), "dead-letter-topic")).isEqualTo("pinfold.pins");
            assertThat(TopicProbe.header(dead.get(0), "dead-letter-offset")).matches("\\d+");

            await().atMost(Duration.ofSeconds(20)).until(() -> PinTopic.exists(database, after));
            assertThat(PinTopic.exists(database, poison)).isFalse();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> management().get("/q/health/ready").then()
                    .body("checks.find { it.name == 'Kafka consumers' }.status", equalTo("UP")));
        } finally {
            PinTopic.execute(database, "DROP TRIGGER IF EXISTS refuse_poison ON desired_pin");
        }
    }

    private boolean exists(String pinId) {
        try {
            return PinTopic.exists(database, pinId);
        } catch (Exception e) {
            return false;
        }
    }

    private io.restassured.specification.RequestSpecification management() {
        return io.pinfold.testsupport.quarkus.ManagementPort.given(management);
    }
}
