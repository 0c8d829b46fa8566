package io.pinfold.edge.denylist;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pinfold.edge.readiness.ReadToEnd;
import io.pinfold.events.Topic;
import io.pinfold.runtime.kafka.KafkaClientConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the compacted pinfold.denylist whole into {@link DenylistEntries} from the first offset at every start,
 * then follows it. Every copy of the edge reads every partition, so it assigns them itself (no consumer group,
 * nothing committed). A plain consumer on its own thread rather than a messaging channel: the reader knows the
 * exact position after each applied batch, which is what "read to the end" ({@link ReadToEnd}) compares.
 */
@ApplicationScoped
public class DenylistTopicReader {
    private static final Logger LOG = Logger.getLogger(DenylistTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final DenylistRecords records;
    private final ReadToEnd progress;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    @Inject
    public DenylistTopicReader(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, DenylistEntries entries,
                               MeterRegistry registry) {
        this(kafkaConfig, Topic.DENYLIST.topicName(), new DenylistRecords(entries, registry));
        Gauge.builder("pinfold.edge.denylist.entries", entries, DenylistEntries::size)
                .description("denylist entries the edge holds").register(registry);
    }

    /** For a topic other than pinfold.denylist. */
    public DenylistTopicReader(Map<String, Object> kafkaConfig, String topic, DenylistRecords records) {
        Map<String, Object> config = new HashMap<>(KafkaClientConfig.consumer(kafkaConfig));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-edge-denylist-" + Long.toHexString(System.nanoTime()));
        this.consumerConfig = Map.copyOf(config);
        this.topic = topic;
        this.records = records;
        this.progress = new ReadToEnd(topic);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public ReadToEnd progress() {
        return progress;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "pinfold-denylist-reader");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            List<TopicPartition> partitions = List.of();
            while (running) {
                try {
                    if (partitions.isEmpty()) {
                        partitions = assign(kafka);
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                        records.apply(record);
                    }
                    // Everything before each position has been applied in this thread just now.
                    for (TopicPartition partition : partitions) {
                        progress.reached(partition.partition(), kafka.position(partition));
                    }
                } catch (WakeupException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("reading %s failed (%s); retrying in %d s", topic, e.toString(), RETRY.toSeconds());
                    pause();
                }
            }
        } finally {
            consumer = null;
        }
    }

    /** Assigns every partition from its first offset; none while the topic does not exist yet (the provisioner creates it). */
    private List<TopicPartition> assign(KafkaConsumer<String, byte[]> kafka) {
        List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            LOG.debugf("%s does not exist yet; looking again in %d s", topic, RETRY.toSeconds());
            pause();
            return List.of();
        }
        List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<Integer, Long> starts = partitions.stream().collect(Collectors.toMap(TopicPartition::partition, kafka::position));
        Map<Integer, Long> ends = kafka.endOffsets(partitions).entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().partition(), Map.Entry::getValue));
        progress.assigned(starts, ends);
        LOG.infof("reading %s from the start: %d partition(s), end offsets at start %s", topic, partitions.size(), ends);
        return partitions;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
