package io.pinfold.events.kafka;

import io.pinfold.events.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Headers of a record on a dead-letter topic. The names are those SmallRye Reactive Messaging's
 * {@code dead-letter-queue} failure strategy writes, so a record rejected by a Quarkus consumer
 * (nacked with the {@link Validation.Rejected#toException()}) and one rejected by a plain
 * kafka-clients consumer ({@link #deadLetterRecord}) look the same to the operator.
 */
public final class DeadLetterHeaders {

    /** Why the record was rejected: every violation as {@code field: reason}, joined by "; ". */
    public static final String REASON = "dead-letter-reason";
    /** The underlying error, when there was one beside the reason. */
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private DeadLetterHeaders() {
    }

    /** The original headers (so the ce_ attributes stay readable) plus where the record was and why. */
    public static List<Header> forRejected(Iterable<Header> original, String topic, int partition, long offset,
                                           String reason) {
        List<Header> headers = new ArrayList<>();
        if (original != null) {
            for (Header header : original) {
                if (!header.key().startsWith("dead-letter-")) {
                    headers.add(header);
                }
            }
        }
        headers.add(header(REASON, reason));
        headers.add(header(TOPIC, topic));
        headers.add(header(PARTITION, Integer.toString(partition)));
        headers.add(header(OFFSET, Long.toString(offset)));
        return headers;
    }

    /**
     * The dead-letter copy of {@code record}, for consumers on plain kafka-clients: same key and
     * value, on {@code deadLetterTopic}.
     */
    public static ProducerRecord<String, byte[]> deadLetterRecord(ConsumerRecord<String, byte[]> record,
                                                                  Topic deadLetterTopic,
                                                                  Validation.Rejected rejected) {
        return new ProducerRecord<>(deadLetterTopic.topicName(), null, record.key(), record.value(),
                forRejected(record.headers(), record.topic(), record.partition(), record.offset(), rejected.reason()));
    }

    /** The reason recorded on a dead-letter record, if any. */
    public static Optional<String> reason(Iterable<Header> headers) {
        String reason = null;
        for (Header header : headers) {
            if (header.key().equals(REASON) && header.value() != null) {
                reason = new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return Optional.ofNullable(reason);
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
