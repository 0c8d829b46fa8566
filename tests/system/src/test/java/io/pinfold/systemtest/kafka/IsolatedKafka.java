package io.pinfold.systemtest.kafka;

import io.pinfold.testsupport.stack.DockerEngine;
import io.pinfold.testsupport.stack.FreePorts;
import io.pinfold.testsupport.stack.LocalPart;
import java.util.List;
import java.util.Map;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Kafka broker for this system alone, started the way test-support starts one (Testcontainers where
 * Docker runs, else deploy/local/parts/kafka.sh) but never the shared one: pinfold.nodes is compacted and
 * read whole by every edge, and each service's consumer group name is fixed, so on a shared broker this
 * system would see other tests' nodes (the edge would be ready before any announcement) and join the
 * consumer groups of the dev stack's services. Stopped when the test JVM exits.
 */
public final class IsolatedKafka {

    private static final String CONTAINER_IMAGE = "apache/kafka:4.1.2";

    private final String bootstrapServers;

    private IsolatedKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static IsolatedKafka start() {
        return DockerEngine.available() ? inContainer() : local();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    private static IsolatedKafka inContainer() {
        @SuppressWarnings("resource") // stopped by Testcontainers' own reaper when the JVM exits
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(CONTAINER_IMAGE))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        container.start();
        return new IsolatedKafka(container.getBootstrapServers());
    }

    private static IsolatedKafka local() {
        List<Integer> ports = FreePorts.take(2);
        String bootstrap = "127.0.0.1:" + ports.get(0);
        LocalPart.inTemporaryState("kafka", Map.of(
                "PINFOLD_KAFKA_BOOTSTRAP", bootstrap,
                "PINFOLD_KAFKA_CONTROLLER_PORT", Integer.toString(ports.get(1)),
                "PINFOLD_KAFKA_HEAP", "256m")).start();
        return new IsolatedKafka(bootstrap);
    }

    @Override
    public String toString() {
        return "Kafka " + bootstrapServers + " (this system's own)";
    }
}
