package io.pinfold.edge.denylist;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.denylist.ContentRequest;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.Topic;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.denylist.DenylistEntryKind;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import java.security.MessageDigest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pinfold.testsupport.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The edge's denylist reader on a real broker, on a compacted topic of its own: it must not call itself read to
 * the end before every entry that existed at its start is applied, tombstones included.
 */
class DenylistTopicReaderTest {
    private static final int ENTRIES = 20_000;
    private static final int REMOVED = 2_000;
    private static final EventCodec CODEC = new EventCodec();

    private final String topic = "readtoend-" + UUID.randomUUID().toString().substring(0, 8) + ".denylist";
    private final Map<String, Object> kafka = Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers());
    private DenylistTopicReader reader;

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.stop();
        }
    }

    @Test
    void readToTheEndOnlyOnceEveryEntryOfTheStartIsApplied() throws Exception {
        createCompactedTopic();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers(),
                "linger.ms", 20), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < ENTRIES; i++) {
                producer.send(entryRecord(i));
            }
            for (int i = 0; i < REMOVED; i++) {
                producer.send(new ProducerRecord<>(topic, key(i), null));
            }
            producer.flush();
        }
        DenylistEntries entries = new DenylistEntries();
        DenylistApplyLatency latency = new DenylistApplyLatency(new SimpleMeterRegistry());
        reader = new DenylistTopicReader(kafka, topic, new DenylistRecords(entries), DenylistCheckpoints.NONE, latency);
        reader.start();

        // The first moment it says "read to the end", the entries must already be complete.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!reader.progress().caughtUp()) {
            assertThat(Instant.now()).as("read to the end within 60 s: %s", reader.progress().describe()).isBefore(deadline);
            Thread.onSpinWait();
        }
        int atCatchUp = entries.size();

        assertThat(atCatchUp).as("entries held when the reader first said it was read to the end").isEqualTo(ENTRIES - REMOVED);
        assertThat(entries.entry(key(0))).as("removed by a tombstone").isEmpty();
        assertThat(entries.entry(key(ENTRIES - 1))).isPresent();
        assertThat(entries.match(ContentRequest.ipfs(cid(ENTRIES - 1).toString(), ""))).as("a held entry blocks").isPresent();
        assertThat(entries.match(ContentRequest.ipfs(cid(0).toString(), ""))).as("a removed entry does not").isEmpty();
        assertThat(latency.timer().count()).as("records read at start are not timed (they are as old as the topic)").isZero();
    }

    @Test
    void anEmptyTopicIsReadToTheEndAtOnceAndLaterRecordsStillApply() throws Exception {
        createCompactedTopic();
        DenylistEntries entries = new DenylistEntries();
        DenylistApplyLatency latency = new DenylistApplyLatency(new SimpleMeterRegistry());
        reader = new DenylistTopicReader(kafka, topic, new DenylistRecords(entries), DenylistCheckpoints.NONE, latency);
        reader.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!reader.progress().caughtUp()) {
            assertThat(Instant.now()).as(reader.progress().describe()).isBefore(deadline);
            Thread.sleep(20);
        }
        long sentAt;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            sentAt = System.currentTimeMillis();
            producer.send(entryRecord(ENTRIES + 1)).get();
        }
        while (entries.entry(key(ENTRIES + 1)).isEmpty()) {
            assertThat(Instant.now()).as("a record after the start is applied").isBefore(deadline.plusSeconds(30));
            Thread.sleep(20);
        }
        assertThat(reader.progress().caughtUp()).isTrue();
        // Timed once, from the record's timestamp (the producer's send) to applied: within what this thread saw.
        while (latency.timer().count() == 0) {
            assertThat(Instant.now()).as("the live record is timed").isBefore(deadline.plusSeconds(30));
            Thread.sleep(5);
        }
        long timedBy = System.currentTimeMillis();
        assertThat(latency.timer().count()).isEqualTo(1);
        assertThat(latency.timer().max(TimeUnit.MILLISECONDS)).isBetween(0.0, (double) (timedBy - sentAt + 1));
    }

    /** Entry i: a CID entry for the sha2-256 of "i", as takedown-service publishes it (CloudEvents binary mode). */
    private ProducerRecord<String, byte[]> entryRecord(int i) {
        Cid cid = cid(i);
        DenylistEntryAdded entry = DenylistEntryAdded.of("/ipfs/" + cid, 410, null, null, "N-" + i);
        EventEnvelope<DenylistEntryAdded> event = EventEnvelope.create(PinfoldSource.TAKEDOWN_SERVICE, entry);
        return new ProducerRecord<>(topic, null, event.key(), CODEC.encode(entry), CloudEventHeaders.write(event));
    }

    private static String key(int i) {
        return cid(i).multihash().toBase32();
    }

    private static Cid cid(int i) {
        try {
            return Cid.v1(Codec.RAW, Multihash.of(0x12, MessageDigest.getInstance("SHA-256").digest(Integer.toString(i).getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void createCompactedTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()))) {
            // The contract's compacted settings, three partitions so the reader follows more than one.
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1).configs(Topic.DENYLIST.spec().configs()))).all().get(10, TimeUnit.SECONDS);
        }
    }
}
