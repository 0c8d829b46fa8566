package io.pinfold.edge.denylist;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pinfold.denylist.ContentRequest;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.Topic;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jboss.logging.Logger;

/**
 * Runs synthetic entry-added records and their tombstones through the same apply path as pinfold.denylist's
 * ({@link DenylistRecords}: CloudEvent decoding, rule translation, matcher insert and removal), on a scratch
 * {@link DenylistEntries} that no request sees, on a thread of its own at start.
 *
 * <p>Why: the apply path of an entry runs in the JVM's interpreter until the JIT has seen it a few thousand times. An
 * edge whose topic is short at start (a new cluster, a fresh copy resuming from its snapshot) otherwise applies its
 * first live entries at interpreter speed; bench/edge-takedown measured 5-80 ms per entry on the loaded development
 * machine against under 1 ms for a tombstone, most of the edge's share of a takedown's delay.
 */
@ApplicationScoped
public class DenylistWarmUp {
    private static final Logger LOG = Logger.getLogger(DenylistWarmUp.class);

    private final DenylistWarmUpConfig config;

    public DenylistWarmUp(DenylistWarmUpConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        int records = config.warmUpRecords();
        if (records <= 0) {
            return;
        }
        Thread thread = new Thread(() -> {
            long started = System.nanoTime();
            try {
                run(records);
                LOG.infof("warmed the denylist apply path with %d entries in %d ms", records, (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warnf("warming the denylist apply path failed (the edge works without it): %s", e.toString());
            }
        }, "pinfold-denylist-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Applies {@code records} synthetic entries, matches each, then removes it; returns the entries matched. */
    static int run(int records) {
        DenylistEntries scratch = new DenylistEntries();
        DenylistRecords apply = new DenylistRecords(scratch, new SimpleMeterRegistry());
        EventCodec codec = new EventCodec();
        String topic = Topic.DENYLIST.topicName();
        int matched = 0;
        for (int i = 0; i < records; i++) {
            byte[] data = ("pinfold denylist warm-up " + i).getBytes(StandardCharsets.UTF_8);
            String cid = Cid.v1(Codec.RAW, Multihash.of(0x00, data)).toString();
            DenylistEntryAdded entry = DenylistEntryAdded.of("/ipfs/" + cid, 410, null, null, "warm-up-" + i);
            EventEnvelope<DenylistEntryAdded> event = EventEnvelope.create(PinfoldSource.TAKEDOWN_SERVICE, entry);
            String key = entry.recordKey();
            apply.apply(record(topic, i, key, codec.encode(entry), new RecordHeaders(CloudEventHeaders.write(event))));
            if (scratch.match(ContentRequest.ipfs(cid, "")).isPresent()) {
                matched++;
            }
            apply.apply(record(topic, i, key, null, new RecordHeaders()));
        }
        return matched;
    }

    private static ConsumerRecord<String, byte[]> record(String topic, long offset, String key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 0, offset, System.currentTimeMillis(), TimestampType.CREATE_TIME, key.length(),
                value == null ? -1 : value.length, key, value, headers, Optional.empty());
    }
}
