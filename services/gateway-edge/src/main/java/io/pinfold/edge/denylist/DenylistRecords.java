package io.pinfold.edge.denylist;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventData;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.kafka.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies one pinfold.denylist record to {@link DenylistEntries}: an entry-added event replaces its key's rules, a
 * tombstone removes the key. A record that breaks the contract is logged with its reason, counted
 * ({@code pinfold.consumer.records{channel=denylist,outcome=skipped}}) and skipped: every edge copy re-reads the whole
 * topic, so the takedown-service side, not each edge, is where such a record gets dead-lettered.
 */
public final class DenylistRecords {
    private static final Logger LOG = Logger.getLogger(DenylistRecords.class);

    private final DenylistEntries entries;
    private final EventCodec codec = new EventCodec();
    private final Counter applied;
    private final Counter skipped;

    public DenylistRecords(DenylistEntries entries, MeterRegistry registry) {
        this.entries = entries;
        this.applied = Counter.builder("pinfold.consumer.records").tag("channel", "denylist").tag("outcome", "applied").register(registry);
        this.skipped = Counter.builder("pinfold.consumer.records").tag("channel", "denylist").tag("outcome", "skipped").register(registry);
    }

    public DenylistRecords(DenylistEntries entries) {
        this(entries, new SimpleMeterRegistry());
    }

    public void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            skip(record, "the record has no key (the contract keys every entry)");
            return;
        }
        if (record.value() == null) {
            entries.remove(record.key());
            applied.increment();
            return;
        }
        try {
            EventEnvelope<EventData> event = codec.decode(record.key(), record.headers(), record.value());
            if (!(event.data() instanceof DenylistEntryAdded added)) {
                skip(record, "event type " + event.type() + " does not belong on this topic");
                return;
            }
            entries.put(record.key(), added);
            applied.increment();
        } catch (RuntimeException e) {
            skip(record, e.getMessage());
        }
    }

    private void skip(ConsumerRecord<String, byte[]> record, String reason) {
        skipped.increment();
        LOG.warnf("skipped %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(), record.key(), reason);
    }
}
