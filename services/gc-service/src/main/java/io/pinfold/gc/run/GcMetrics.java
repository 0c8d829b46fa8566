package io.pinfold.gc.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.pinfold.runtime.metrics.OwnedGauges;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * gc-service's run metrics (names in README): runs by outcome, blocks and bytes freed, run and lock durations, and
 * runs this copy is driving now.
 */
@ApplicationScoped
public class GcMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger running = new AtomicInteger();
    private final OwnedGauges gauges;

    public GcMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.gauges = new OwnedGauges(registry);
        gauges.register("pinfold.gc.runs.active", "GC runs this copy is driving now", Tags.empty(), running, AtomicInteger::get);
    }

    @PreDestroy
    void close() {
        gauges.close();
    }

    void started() {
        running.incrementAndGet();
    }

    void ended() {
        running.decrementAndGet();
    }

    void finished(GcRun run) {
        Counter.builder("pinfold.gc.runs").description("GC runs by how they ended")
                .tags("node", run.nodeId, "mode", run.mode, "trigger", run.trigger, "outcome", run.outcome)
                .register(registry).increment();
        Counter.builder("pinfold.gc.blocks.removed").description("Blocks removed by GC")
                .tags("node", run.nodeId, "mode", run.mode).register(registry).increment(run.blocksRemoved);
        Counter.builder("pinfold.gc.bytes.freed").description("Bytes freed by GC").baseUnit("bytes")
                .tags("node", run.nodeId, "mode", run.mode).register(registry).increment(run.bytesFreed);
        if (run.durationMillis != null) {
            Timer.builder("pinfold.gc.run.duration").description("Wall-clock time of GC runs")
                    .tags("mode", run.mode, "outcome", run.outcome).register(registry).record(Duration.ofMillis(run.durationMillis));
        }
        if (run.lockMillis != null) {
            Timer.builder("pinfold.gc.lock.duration").description("How long GC held the node's GC lock")
                    .tags("mode", run.mode).register(registry).record(Duration.ofMillis(run.lockMillis));
        }
    }
}
