package io.pinfold.edge.denylist;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pinfold.edge.readiness.ReadToEnd;
import io.pinfold.events.Topic;
import io.pinfold.runtime.kafka.KafkaClientConfig;
import io.pinfold.runtime.metrics.OwnedGauges;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
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
import org.apache.kafka.common.ClusterResource;
import org.apache.kafka.common.ClusterResourceListener;
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
    private final DenylistCheckpoints checkpoints;
    private final DenylistApplyLatency latency;
    private final ClusterIdDeserializer keys = new ClusterIdDeserializer();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    /** The bean's own gauges; none on the readers tests build by hand. */
    private OwnedGauges gauges;

    @Inject
    public DenylistTopicReader(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, DenylistEntries entries,
                               MeterRegistry registry, DenylistCheckpoints checkpoints) {
        this(kafkaConfig, Topic.DENYLIST.topicName(), new DenylistRecords(entries, registry), checkpoints, new DenylistApplyLatency(registry));
        this.gauges = new OwnedGauges(registry);
        gauges.register("pinfold.edge.denylist.entries", "denylist entries the edge holds", Tags.empty(), entries, DenylistEntries::size);
    }

    @PreDestroy
    void closeGauges() {
        if (gauges != null) {
            gauges.close();
        }
    }

    /** For a topic other than pinfold.denylist. */
    public DenylistTopicReader(Map<String, Object> kafkaConfig, String topic, DenylistRecords records) {
        this(kafkaConfig, topic, records, DenylistCheckpoints.NONE);
    }

    /** For a topic other than pinfold.denylist, resuming and reporting through {@code checkpoints}. */
    public DenylistTopicReader(Map<String, Object> kafkaConfig, String topic, DenylistRecords records, DenylistCheckpoints checkpoints) {
        this(kafkaConfig, topic, records, checkpoints, new DenylistApplyLatency(new SimpleMeterRegistry()));
    }

    /** For a topic other than pinfold.denylist, also timing each live record from its timestamp to applied. */
    public DenylistTopicReader(Map<String, Object> kafkaConfig, String topic, DenylistRecords records, DenylistCheckpoints checkpoints,
                               DenylistApplyLatency latency) {
        Map<String, Object> config = new HashMap<>(KafkaClientConfig.consumer(kafkaConfig));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-edge-denylist-" + Long.toHexString(System.nanoTime()));
        this.consumerConfig = Map.copyOf(config);
        this.topic = topic;
        this.records = records;
        this.progress = new ReadToEnd(topic);
        this.checkpoints = checkpoints;
        this.latency = latency;
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
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig, keys, new ByteArrayDeserializer())) {
            consumer = kafka;
            List<TopicPartition> partitions = List.of();
            while (running) {
                try {
                    if (partitions.isEmpty()) {
                        partitions = assign(kafka);
                        continue;
                    }
                    boolean live = progress.caughtUp();
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                        records.apply(record);
                        if (live) {
                            latency.applied(record);
                        }
                    }
                    // Everything before each position has been applied in this thread just now.
                    Map<Integer, Long> positions = new HashMap<>();
                    for (TopicPartition partition : partitions) {
                        long position = kafka.position(partition);
                        positions.put(partition.partition(), position);
                        progress.reached(partition.partition(), position);
                    }
                    checkpoints.applied(keys.clusterId(), positions, progress.caughtUp());
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

    /**
     * Assigns every partition, from the offsets the denylist already reflects (the local snapshot) when they fit the
     * topic, else from its first offset; none while the topic does not exist yet (the provisioner creates it).
     */
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
        Map<Integer, Long> resume = checkpoints.resumeFrom();
        if (!resume.isEmpty()) {
            String refused = refusal(kafka, partitions, resume);
            if (refused == null) {
                partitions.forEach(partition -> {
                    Long next = resume.get(partition.partition());
                    if (next != null) {
                        kafka.seek(partition, next);
                    }
                });
                LOG.infof("resuming %s from the local snapshot's offsets %s", topic, resume);
            } else {
                LOG.warnf("not resuming %s from the local snapshot: %s; reading it whole", topic, refused);
                checkpoints.resumeRefused(refused);
            }
        }
        Map<Integer, Long> starts = partitions.stream().collect(Collectors.toMap(TopicPartition::partition, kafka::position));
        Map<Integer, Long> ends = kafka.endOffsets(partitions).entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().partition(), Map.Entry::getValue));
        progress.assigned(starts, ends);
        LOG.infof("reading %s from the start: %d partition(s), end offsets at start %s", topic, partitions.size(), ends);
        return partitions;
    }

    /** Why the resume offsets cannot be used on this topic, or null when they can. */
    private String refusal(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions, Map<Integer, Long> resume) {
        String expected = checkpoints.resumeClusterId();
        String actual = keys.clusterId();
        if (expected != null && actual != null && !expected.equals(actual)) {
            return "it was taken on Kafka cluster " + expected + ", this is cluster " + actual;
        }
        Map<TopicPartition, Long> firsts = kafka.beginningOffsets(partitions);
        Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            Long next = resume.get(partition.partition());
            if (next == null) {
                continue;
            }
            if (next < firsts.get(partition)) {
                return "partition " + partition.partition() + " now starts at " + firsts.get(partition)
                        + ", after the snapshot's offset " + next + " (records it never saw were deleted)";
            }
            if (next > ends.get(partition)) {
                return "partition " + partition.partition() + " ends at " + ends.get(partition)
                        + ", before the snapshot's offset " + next + " (the topic was recreated)";
            }
        }
        return null;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Record keys as text; also learns the cluster id from the consumer's metadata (Kafka's ClusterResourceListener). */
    private static final class ClusterIdDeserializer extends StringDeserializer implements ClusterResourceListener {
        private volatile String clusterId;

        @Override
        public void onUpdate(ClusterResource cluster) {
            clusterId = cluster.clusterId();
        }

        String clusterId() {
            return clusterId;
        }
    }
}
