package io.pinfold.runtime.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The client configuration a Pinfold service gives Kafka (its {@code kafka.*} keys: bootstrap servers, and on a
 * SASL/TLS cluster {@code security.protocol}, {@code sasl.*}, {@code ssl.*}), narrowed to what one client type
 * knows, so clients made by hand (topic admin, state readers) reach the same cluster the same way as the
 * messaging channels. Keys the client type does not know are left out instead of being logged as unused.
 */
public final class KafkaClientConfig {

    private KafkaClientConfig() {
    }

    /** For an {@link org.apache.kafka.clients.admin.Admin}. */
    public static Map<String, Object> admin(Map<String, Object> serviceConfig) {
        return known(serviceConfig, AdminClientConfig.configNames());
    }

    /** For a {@link org.apache.kafka.clients.consumer.KafkaConsumer}; the caller adds deserializers and group settings. */
    public static Map<String, Object> consumer(Map<String, Object> serviceConfig) {
        return known(serviceConfig, ConsumerConfig.configNames());
    }

    private static Map<String, Object> known(Map<String, Object> serviceConfig, Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        serviceConfig.forEach((key, value) -> {
            if (names.contains(key) && value != null) {
                config.put(key, value);
            }
        });
        if (!config.containsKey(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalStateException("kafka.bootstrap.servers: not configured");
        }
        return config;
    }
}
