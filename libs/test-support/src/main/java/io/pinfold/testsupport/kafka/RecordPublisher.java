package io.pinfold.testsupport.kafka;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes records to the real broker the way an outside system would: the plain Kafka client, nothing of Pinfold's. */
public final class RecordPublisher {
    private final String bootstrapServers;

    public RecordPublisher(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static RecordPublisher shared() {
        return new RecordPublisher(KafkaBroker.shared().bootstrapServers());
    }

    /**
     * Sends one record (a null value is a tombstone) and waits for the broker's acknowledgement; returns where it
     * landed (partition and offset), for tests of ordering and redelivery.
     */
    public RecordMetadata publish(String topic, String key, List<Header> headers, byte[] value) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing to " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
