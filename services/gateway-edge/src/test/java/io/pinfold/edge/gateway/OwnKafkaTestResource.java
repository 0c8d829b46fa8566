package io.pinfold.edge.gateway;

import io.pinfold.testsupport.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A Kafka broker of the test class's own ({@link KafkaBroker#isolated()}): its pinfold.nodes holds only the nodes the
 * test announces, so no other test's node (a dead one, or one without the content) is in the pool.
 */
public class OwnKafkaTestResource implements QuarkusTestResourceLifecycleManager {
    static volatile String bootstrap;

    @Override
    public Map<String, String> start() {
        bootstrap = KafkaBroker.isolated().bootstrapServers();
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    @Override
    public void stop() {
        // stopped when the JVM exits
    }
}
