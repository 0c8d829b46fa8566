package io.pinfold.testsupport.quarkus;

import io.pinfold.testsupport.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus test at the shared real Kafka broker ({@link KafkaBroker#shared()}).
 * Usage: {@code @WithTestResource(KafkaTestResource.class)}. The broker outlives the test class: it is
 * shared by the whole JVM and stopped when the JVM exits.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared with the other test classes of this JVM
    }
}
