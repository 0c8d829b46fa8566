package io.pinfold.takedown.imports;

import static io.pinfold.takedown.imports.Lists.list;
import static io.pinfold.takedown.imports.Lists.rules;
import static io.pinfold.takedown.imports.Lists.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.pinfold.denylist.DenylistEntry;
import io.pinfold.denylist.DenylistParser;
import io.pinfold.denylist.DenylistSink;
import io.pinfold.takedown.TestSql;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * A large list (badbits-shaped: half {@code //hex}, half {@code /ipfs/CID}) served from a loopback HTTP server:
 * it takes effect, a second import answers 304, a third one read whole (no validators) adds nothing. Size from
 * {@code -Dpinfold.bench.import-entries} (default 20,000 in CI; {@code bench/takedown-import/run} uses 500,000)
 * and prints the figures: times, the parse-only baseline of the same bytes in the same run, and heap held.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "takedown_service_test"))
class LargeImportTest {
    static final int ENTRIES = Integer.getInteger("pinfold.bench.import-entries", 20_000);

    @Inject
    AgroalDataSource database;

    @Test
    void aLargeListTakesEffectAndASecondImportAddsNothing() throws Exception {
        String name = "large-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> rules = rules(500, ENTRIES);
        String text = list(rules);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        rules = null;
        text = null;
        long parse = parseOnly(bytes);
        try (ListServer server = new ListServer()) {
            server.serve("/" + name, new String(bytes, StandardCharsets.UTF_8));
            bytes = null;
            source(name, Map.of("url", server.url("/" + name)));
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(heapBefore);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            long started = System.nanoTime();
            JsonPath first = Lists.runNow(name, Duration.ofMinutes(30));
            long took = System.nanoTime() - started;
            sampler.interrupt();
            sampler.join();
            System.gc();
            long heapAfter = memory.getHeapMemoryUsage().getUsed();
            assertThat(first.getString("state")).as(first.prettify()).isEqualTo("completed");
            assertThat(first.getLong("added")).isEqualTo(ENTRIES);

            started = System.nanoTime();
            long outboxAtEnd = count("SELECT count(*) FROM outbox_event");
            while (count("SELECT count(*) FROM outbox_event") > 0 && System.nanoTime() - started < Duration.ofMinutes(10).toNanos()) {
                Thread.sleep(200);
            }
            long drained = System.nanoTime() - started;

            started = System.nanoTime();
            JsonPath second = Lists.runNow(name, Duration.ofMinutes(30));
            long notModified = System.nanoTime() - started;
            assertThat(second.getString("state")).isEqualTo("not-modified");

            server.serve("/" + name, list(rules(500, ENTRIES)), "text/plain", false);
            long feed = count("SELECT max(seq) FROM denylist_feed");
            started = System.nanoTime();
            JsonPath third = Lists.runNow(name, Duration.ofMinutes(30));
            long unchanged = System.nanoTime() - started;
            assertThat(third.getLong("added")).isZero();
            assertThat(third.getLong("unchanged")).isEqualTo(ENTRIES);
            assertThat(count("SELECT max(seq) FROM denylist_feed")).isEqualTo(feed);

            System.out.printf("%nIMPORT BENCH entries=%d bytes=%d cores=%d maxHeap=%d MiB%n", ENTRIES, first.getLong("bytesRead"),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("IMPORT BENCH baseline: parse only (library, no-op sink, same bytes)  %8.2f s%n", parse / 1e9);
            System.out.printf("IMPORT BENCH first import (fetch, read, add %d, feed, outbox)        %8.2f s  = %.1f x baseline, %.0f entries/s%n",
                    ENTRIES, took / 1e9, (double) took / parse, ENTRIES / (took / 1e9));
            System.out.printf("IMPORT BENCH relay: outbox rows left at completion %d, drained to Kafka in %8.2f s%n", outboxAtEnd, drained / 1e9);
            System.out.printf("IMPORT BENCH second import (conditional GET, 304)                     %8.3f s%n", notModified / 1e9);
            System.out.printf("IMPORT BENCH third import (no validators: read whole, 0 added)        %8.2f s  = %.1f x baseline%n",
                    unchanged / 1e9, (double) unchanged / parse);
            System.out.printf("IMPORT BENCH heap (whole test JVM: service + list server holding the list): before %d MiB, peak %d MiB, after GC %d MiB%n",
                    heapBefore >> 20, peak.get() >> 20, heapAfter >> 20);
        }
    }

    /** The same bytes through the library's parser into a sink that only counts: the floor of any import. */
    private static long parseOnly(byte[] bytes) throws Exception {
        LongAdder entries = new LongAdder();
        long started = System.nanoTime();
        new DenylistParser().parse(new ByteArrayInputStream(bytes), new DenylistSink() {
            @Override
            public void entry(long line, DenylistEntry entry) {
                entries.increment();
            }
        });
        long took = System.nanoTime() - started;
        assertThat(entries.sum()).isEqualTo(ENTRIES);
        return took;
    }

    private long count(String sql) {
        return new TestSql(database).count(sql);
    }
}
