package io.pinfold.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.testsupport.kafka.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What really reached a topic on the test broker, read from its start with a throwaway consumer group. */
public final class TopicRecords {
    private TopicRecords() {
    }

    /** A consumer from the earliest offset in a group of its own. */
    public static KafkaConsumer<String, byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Reads {@code topic} from its start until {@code count} records match or {@code atMost} passes, and asserts
     * exactly {@code count} did; answers them in partition, then offset order.
     */
    public static List<ConsumerRecord<String, byte[]>> await(String topic, Predicate<ConsumerRecord<String, byte[]>> matching, int count,
                                                             Duration atMost) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matching.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        assertThat(found).as("records on %s", topic).hasSize(count);
        found.sort(Comparator.comparing((ConsumerRecord<String, byte[]> r) -> r.partition()).thenComparing(ConsumerRecord::offset));
        return found;
    }

    /** What a consumer reading from the start holds: each key's last record (records of one key share a partition, in order). */
    public static Map<String, ConsumerRecord<String, byte[]>> latestByKey(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, ConsumerRecord<String, byte[]>> latest = new HashMap<>();
        records.forEach(record -> latest.put(record.key(), record));
        return latest;
    }
}
