package io.pinfold.testsupport.kafka;

import io.pinfold.testsupport.stack.DockerEngine;
import io.pinfold.testsupport.stack.FreePorts;
import io.pinfold.testsupport.stack.LocalPart;
import io.pinfold.testsupport.stack.StackSetting;
import java.util.List;
import java.util.Map;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Kafka broker for tests, one per JVM: the one named by PINFOLD_KAFKA_BOOTSTRAP (./pinfold test
 * starts it once for the whole build), else a Testcontainers broker where Docker runs, else a KRaft
 * broker from deploy/local/parts/kafka.sh on free ports. Parts started here stop when the JVM exits.
 */
public final class KafkaBroker {

    /** Same Kafka version as the local broker (root pom's kafka.broker.version). */
    static final String CONTAINER_IMAGE = "apache/kafka:4.1.2";

    private static KafkaBroker shared;

    private final String bootstrapServers;
    private final String origin;
    /** The local part behind a broker started from deploy/local/parts/kafka.sh, else null. */
    private final LocalPart part;

    private KafkaBroker(String bootstrapServers, String origin) {
        this(bootstrapServers, origin, null);
    }

    private KafkaBroker(String bootstrapServers, String origin, LocalPart part) {
        this.bootstrapServers = bootstrapServers;
        this.origin = origin;
        this.part = part;
    }

    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = StackSetting.of("PINFOLD_KAFKA_BOOTSTRAP")
                    .map(bootstrap -> new KafkaBroker(bootstrap, "PINFOLD_KAFKA_BOOTSTRAP"))
                    .orElseGet(() -> DockerEngine.available() ? inContainer() : local());
        }
        return shared;
    }

    /**
     * A broker of the caller's own, never the shared one nor the one the environment names: for a test that
     * must see only its own records on compacted topics, or run consumer groups a running stack also uses.
     * Stopped when the JVM exits.
     */
    public static KafkaBroker isolated() {
        return DockerEngine.available() ? inContainer() : local();
    }

    /**
     * A broker of the caller's own that the test may {@link #stop()} and {@link #start()} again on the same port with
     * its data (a KRaft broker from deploy/local/parts/kafka.sh, Docker or not). Stopped when the JVM exits.
     */
    public static KafkaBroker stoppable() {
        return local();
    }

    /** Stops a {@link #stoppable()} broker, keeping its data (clients see Kafka down). */
    public void stop() {
        stoppablePart().stop();
    }

    /** Starts a stopped {@link #stoppable()} broker again, on the same port, with the data it had. */
    public void start() {
        stoppablePart().start();
    }

    private LocalPart stoppablePart() {
        if (part == null) {
            throw new IllegalStateException(this + " cannot be stopped by a test; use KafkaBroker.stoppable()");
        }
        return part;
    }

    /** host:port list for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Where the broker came from: the environment variable, "testcontainers" or "local". */
    public String origin() {
        return origin;
    }

    private static KafkaBroker inContainer() {
        @SuppressWarnings("resource") // stopped by Testcontainers' own reaper when the JVM exits
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(CONTAINER_IMAGE))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        container.start();
        return new KafkaBroker(container.getBootstrapServers(), "testcontainers");
    }

    private static KafkaBroker local() {
        List<Integer> ports = FreePorts.take(2);
        String bootstrap = "127.0.0.1:" + ports.get(0);
        LocalPart part = LocalPart.inTemporaryState("kafka", Map.of(
                "PINFOLD_KAFKA_BOOTSTRAP", bootstrap,
                "PINFOLD_KAFKA_CONTROLLER_PORT", Integer.toString(ports.get(1)))).start();
        return new KafkaBroker(bootstrap, "local", part);
    }

    @Override
    public String toString() {
        return "Kafka " + bootstrapServers + " (" + origin + ")";
    }
}
