package io.pinfold.edge.denylist;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How long a pinfold.denylist record took from its Kafka timestamp (set by the producer when it sent it) to the
 * moment this edge applied it, so matching requests see it: {@code pinfold.edge.denylist.apply.latency} (a timer with
 * p50/p99 and a histogram). Counted only for records read live, after the reader caught up with the topic; the records
 * read at start are as old as the topic and say nothing about the takedown delay. Timestamps are milliseconds, from the
 * producer's clock: a clock behind the edge's reads as 0.
 */
public final class DenylistApplyLatency {
    public static final String NAME = "pinfold.edge.denylist.apply.latency";

    private final Timer timer;
    private final Clock clock;

    public DenylistApplyLatency(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    DenylistApplyLatency(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.timer = Timer.builder(NAME)
                .description("from a live pinfold.denylist record's timestamp to the entry (or its removal) applied in the edge's matcher")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .register(registry);
    }

    /** {@code record} was applied just now. */
    public void applied(ConsumerRecord<?, ?> record) {
        if (record.timestamp() < 0) {
            return;
        }
        timer.record(Math.max(0, clock.millis() - record.timestamp()), TimeUnit.MILLISECONDS);
    }

    public Timer timer() {
        return timer;
    }
}
