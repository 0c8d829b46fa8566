package io.pinfold.bench.denylist;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.IntPredicate;

import io.pinfold.denylist.ContentRequest;
import io.pinfold.denylist.Denylist;

/**
 * Lookups per second of CPU time on one thread: the same lookups as {@link LookupBenchmark} (same lists, same
 * prepared requests, library and baseline), timed with the thread's CPU clock instead of the wall clock. On a machine
 * shared with other work, JMH's wall-clock throughput measures how much of a core the benchmark was given; CPU time
 * measures what a lookup costs a core, which is what "lookups/s on one core" asks. It still moves with cache and
 * hyper-thread contention, so each figure is the best of several rounds, and library and baseline alternate.
 *
 * <p>{@code bench/denylist/run --cpu-time}; the lists are the cached ones of {@code run}.
 */
public final class CpuTimeLookups {

    private static final int ROUNDS = 5;
    private static final int PASSES = 10;

    private CpuTimeLookups() {
    }

    public static void main(String[] args) throws Exception {
        GeneratedLists generated = BenchLists.generated();
        generated.ensure(java.nio.file.Path.of(System.getProperty(BenchLists.DIR)));
        System.out.printf(Locale.ROOT, "lookups per CPU-second, 1 thread, 1%% hits, best of %d rounds × %d passes over %,d requests%n",
                ROUNDS, PASSES, Requests.COUNT);
        System.out.printf(Locale.ROOT, "%-32s %16s %16s %10s%n", "", "library", "baseline", "lib/base");
        for (String list : new String[] { "plain", "double" }) {
            Requests requests = new Requests(generated, list.equals("plain"), 7);
            Denylist library = BenchLists.library(list);
            NaiveDenylist baseline = BenchLists.baseline(list);
            IntPredicate libraryBlock = n -> library.matchBlock(requests.cids[n]).isPresent();
            IntPredicate baselineBlock = n -> baseline.matchBlock(requests.cids[n]) != null;
            IntPredicate libraryRequest = n -> library.match(ContentRequest.parse(requests.urls[n])).isPresent();
            IntPredicate baselineRequest = n -> baseline.match(requests.urls[n]) != null;
            row("matchBlock      " + list, libraryBlock, baselineBlock, requests.hits);
            row("gatewayRequest  " + list, libraryRequest, baselineRequest, requests.hits);
        }
    }

    private static void row(String name, IntPredicate library, IntPredicate baseline, int hits) {
        double bestLibrary = 0;
        double bestBaseline = 0;
        for (int round = 0; round < ROUNDS; round++) {
            bestLibrary = Math.max(bestLibrary, perCpuSecond(library, hits));
            bestBaseline = Math.max(bestBaseline, perCpuSecond(baseline, hits));
        }
        System.out.printf(Locale.ROOT, "%-32s %,16.0f %,16.0f %10.2f%n", name, bestLibrary, bestBaseline, bestLibrary / bestBaseline);
    }

    /** One round: every prepared request PASSES times; checks the hit count so nothing is optimised away. */
    private static double perCpuSecond(IntPredicate lookup, int hits) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        int found = 0;
        for (int pass = 0; pass < PASSES; pass++) {
            for (int n = 0; n < Requests.COUNT; n++) {
                found += lookup.test(n) ? 1 : 0;
            }
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        if (found != hits * PASSES) {
            throw new IllegalStateException("expected " + hits * PASSES + " hits, got " + found);
        }
        return (double) Requests.COUNT * PASSES / (cpu / 1e9);
    }
}
