package io.pinfold.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientConfigTest {
    private static final Map<String, Object> SASL_TLS_SERVICE = Map.of(
            "bootstrap.servers", "kafka-1.internal:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"pinfold\" password=\"secret\";",
            "ssl.truststore.location", "/etc/pinfold/truststore.p12",
            "ssl.truststore.password", "changeit",
            "group.id", "gc-service",
            "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");

    @Test
    void theAdminClientGetsTheSecuritySettingsOfTheService() {
        assertThat(KafkaClientConfig.admin(SASL_TLS_SERVICE))
                .containsEntry("bootstrap.servers", "kafka-1.internal:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", SASL_TLS_SERVICE.get("sasl.jaas.config"))
                .containsEntry("ssl.truststore.location", "/etc/pinfold/truststore.p12")
                .containsEntry("ssl.truststore.password", "changeit")
                .doesNotContainKeys("group.id", "key.deserializer");
    }

    @Test
    void aConsumerGetsThemTooWithItsOwnKeys() {
        assertThat(KafkaClientConfig.consumer(SASL_TLS_SERVICE))
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", SASL_TLS_SERVICE.get("sasl.jaas.config"))
                .containsEntry("group.id", "gc-service");
    }

    @Test
    void noBootstrapServersIsNamed() {
        assertThatThrownBy(() -> KafkaClientConfig.admin(Map.of("security.protocol", "SSL")))
                .hasMessage("kafka.bootstrap.servers: not configured");
    }
}
