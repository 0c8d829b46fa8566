package io.pinfold.runtime.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.events.Topic;
import io.pinfold.events.TopicSpec;
import io.pinfold.testsupport.kafka.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provisioner on a real broker. Each test uses topics of its own (a random prefix before the contract's
 * names), so neither the broker's real Pinfold topics nor other tests are touched.
 */
class TopicProvisionerTest {
    private final String prefix = "contract-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Map<String, Object> service = Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers(),
            "security.protocol", "PLAINTEXT", "group.id", "ignored-by-the-admin-client");
    private TopicProvisioner provisioner;

    @AfterEach
    void stop() {
        if (provisioner != null) {
            provisioner.stop();
        }
    }

    @Test
    void theAdminClientGetsTheServicesKafkaSecuritySettings() {
        provisioner = new TopicProvisioner(Map.of("bootstrap.servers", "kafka-1.internal:9093", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "PLAIN", "ssl.truststore.location", "/etc/pinfold/truststore.p12"), List.of());

        assertThat(provisioner.adminConfig())
                .containsEntry("bootstrap.servers", "kafka-1.internal:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("ssl.truststore.location", "/etc/pinfold/truststore.p12");
    }

    @Test
    void missingTopicsAreCreatedAsTheContractSaysAndReadinessGoesUp() throws Exception {
        List<TopicSpec> specs = List.of(spec(Topic.DENYLIST), spec(Topic.PINS));
        provisioner = new TopicProvisioner(service, specs);
        provisioner.start();

        await().atMost(Duration.ofSeconds(30)).until(provisioner::provisioned);
        assertThat(readiness().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        try (Admin admin = admin()) {
            TopicDescription denylist = admin.describeTopics(List.of(prefix + "pinfold.denylist")).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(prefix + "pinfold.denylist");
            assertThat(denylist.partitions()).hasSize(6);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, prefix + "pinfold.denylist");
            assertThat(admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource)
                    .get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void anExistingTopicThatBreaksTheContractKeepsReadinessDownNamingTheTopicAndTheSetting() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(
                    new NewTopic(prefix + "pinfold.denylist", 6, (short) 1).configs(Map.of("cleanup.policy", "delete")),
                    new NewTopic(prefix + "pinfold.pins", 2, (short) 1).configs(Map.of("cleanup.policy", "delete")),
                    new NewTopic(prefix + "pinfold.nodes", 6, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(10, TimeUnit.SECONDS);
        }
        provisioner = new TopicProvisioner(service, List.of(spec(Topic.DENYLIST), spec(Topic.PINS), spec(Topic.NODES)));
        provisioner.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> !provisioner.mismatches().isEmpty());
        assertThat(provisioner.provisioned()).isFalse();
        assertThat(provisioner.mismatches()).containsExactly(
                "topic " + prefix + "pinfold.denylist: cleanup.policy is delete, the contract needs compact",
                "topic " + prefix + "pinfold.pins: partitions is 2, the contract needs at least 6");
        HealthCheckResponse readiness = readiness();
        assertThat(readiness.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        Optional<Map<String, Object>> data = readiness.getData();
        assertThat(data).isPresent();
        assertThat(data.get()).containsEntry("mismatch-1",
                "topic " + prefix + "pinfold.denylist: cleanup.policy is delete, the contract needs compact");
    }

    private HealthCheckResponse readiness() {
        return new TopicsReadiness(provisioner).call();
    }

    private TopicSpec spec(Topic topic) {
        TopicSpec spec = topic.spec();
        return new TopicSpec(prefix + spec.name(), spec.partitions(), spec.replicationFactor(), spec.configs());
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()));
    }
}
