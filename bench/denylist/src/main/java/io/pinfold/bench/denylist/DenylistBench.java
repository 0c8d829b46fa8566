package io.pinfold.bench.denylist;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.pinfold.denylist.Denylist;

/**
 * The whole denylist benchmark in one run: generates the lists (deterministic, cached), measures the
 * memory the loaded matcher and the baseline hold, runs the JMH lookup and load benchmarks (each in its
 * own fork), and prints absolute figures with ratios against the baseline measured in this same run.
 * Configured by system properties (see bench/denylist/run): {@code pinfold.bench.dir}, {@code .seed},
 * {@code .entries}, {@code .quick} (short iterations while developing), {@code .log} (JMH's own output).
 */
public final class DenylistBench {

    private static final double MIB = 1024.0 * 1024.0;
    private static final String[] LISTS = { "plain", "double" };

    private DenylistBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty(BenchLists.DIR));
        GeneratedLists generated = BenchLists.generated();
        long start = System.nanoTime();
        generated.ensure(dir);
        System.err.printf("lists ready in %s (%.1f s)%n", dir, (System.nanoTime() - start) / 1e9);
        boolean quick = Boolean.getBoolean("pinfold.bench.quick");

        Map<String, double[]> memory = new HashMap<>();
        for (String list : LISTS) {
            System.err.println("memory: " + list);
            Denylist library = BenchLists.library(list);
            long libraryGraph = RetainedHeap.graph(library);
            long libraryCounted = library.footprintBytes();
            int size = library.size();
            library = null;
            long libraryDelta = RetainedHeap.heapDelta(() -> BenchLists.library(list), quick ? 1 : 3);
            NaiveDenylist naive = BenchLists.baseline(list);
            long naiveGraph = RetainedHeap.graph(naive);
            naive = null;
            long naiveDelta = RetainedHeap.heapDelta(() -> BenchLists.baseline(list), 1);
            memory.put(list, new double[] { libraryGraph, libraryDelta, libraryCounted, naiveGraph, naiveDelta, size });
        }

        String log = System.getProperty("pinfold.bench.log");
        Collection<RunResult> results = new ArrayList<>();
        ChainedOptionsBuilder lookups = options(log, LookupBenchmark.class);
        ChainedOptionsBuilder loads = options(log, LoadBenchmark.class);
        if (quick) {
            lookups.warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(2).measurementTime(TimeValue.seconds(1));
            loads.warmupIterations(0).measurementIterations(1);
        }
        System.err.println("JMH: lookups (log: " + log + ")");
        results.addAll(new Runner(lookups.build()).run());
        System.err.println("JMH: loads");
        results.addAll(new Runner(loads.build()).run());

        print(generated, memory, scores(results), quick);
    }

    private static ChainedOptionsBuilder options(String log, Class<?> benchmark) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .jvmArgsAppend("-D" + BenchLists.DIR + "=" + System.getProperty(BenchLists.DIR),
                        "-D" + BenchLists.SEED + "=" + System.getProperty(BenchLists.SEED, "383"),
                        "-D" + BenchLists.ENTRIES + "=" + System.getProperty(BenchLists.ENTRIES, "1000000"))
                .shouldFailOnError(true);
        if (log != null) {
            // one file per class: JMH truncates its output file on every run
            options.output(log.replace(".log", "-" + benchmark.getSimpleName() + ".log"));
        }
        return options;
    }

    /** "method/list" → {score, error}. */
    private static Map<String, double[]> scores(Collection<RunResult> results) {
        Map<String, double[]> scores = new HashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            scores.put(method + "/" + result.getParams().getParam("list"),
                    new double[] { result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError() });
        }
        return scores;
    }

    private static void print(GeneratedLists generated, Map<String, double[]> memory, Map<String, double[]> scores, boolean quick) {
        List<String> out = new ArrayList<>();
        Runtime runtime = Runtime.getRuntime();
        out.add(String.format(Locale.ROOT, "Pinfold denylist benchmark, %s, %d cores, %s %s (%s)%s",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), runtime.availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), System.getProperty("os.arch"), quick ? ", QUICK (short iterations, not for quoting)" : ""));
        out.add(String.format(Locale.ROOT, "lists: %,d entries each, seed %s; plain = /ipfs/CIDv0|v1 (+5%% path, 1%% /ipns key, 1%% domain), double = badbits //hex sha256",
                generated.entries(), System.getProperty(BenchLists.SEED, "383")));
        out.add("");
        out.add("memory held: JOL graph (heap delta after full GC) [library's own count]   library                        baseline HashMap       library/baseline");
        for (String list : LISTS) {
            double[] m = memory.get(list);
            out.add(String.format(Locale.ROOT, "  %-6s %,9d rules                              %7.1f MiB (%6.1f) [%6.1f]   %7.1f MiB (%6.1f)   %6.2f",
                    list, (long) m[5], m[0] / MIB, m[1] / MIB, m[2] / MIB, m[3] / MIB, m[4] / MIB, m[0] / m[3]));
        }
        out.add("");
        out.add("lookups/s, 1 thread, 1% hits                            library               baseline HashMap       library/baseline");
        for (String method : new String[] { "matchBlock", "gatewayRequest" }) {
            for (String list : LISTS) {
                double[] lib = scores.get(method + "/" + list);
                double[] base = scores.get(method + "Baseline/" + list);
                out.add(String.format(Locale.ROOT, "  %-15s %-6s                                %,11.0f ±%4.0f%%   %,11.0f ±%4.0f%%   %6.2f",
                        method, list, lib[0], 100 * lib[1] / lib[0], base[0], 100 * base[1] / base[0], lib[0] / base[0]));
            }
        }
        out.add("");
        out.add("parse + load of the whole list, ms      library      baseline HashMap   readLine only   library/readLine   library/baseline");
        for (String list : LISTS) {
            double lib = scores.get("parseAndLoad/" + list)[0];
            double base = scores.get("parseAndLoadBaseline/" + list)[0];
            double lines = scores.get("readLinesBaseline/" + list)[0];
            out.add(String.format(Locale.ROOT, "  %-6s                               %,9.0f      %,9.0f         %,9.0f        %6.2f             %6.2f",
                    list, lib, base, lines, lib / lines, lib / base));
        }
        out.add("");
        double worstMemory = Math.max(memory.get("plain")[0], memory.get("double")[0]) / MIB;
        double worstMemoryBase = Math.max(memory.get("plain")[3], memory.get("double")[3]) / MIB;
        double block = Math.min(scores.get("matchBlock/plain")[0], scores.get("matchBlock/double")[0]);
        double blockBase = Math.min(scores.get("matchBlockBaseline/plain")[0], scores.get("matchBlockBaseline/double")[0]);
        double gateway = Math.min(scores.get("gatewayRequest/plain")[0], scores.get("gatewayRequest/double")[0]);
        double gatewayBase = Math.min(scores.get("gatewayRequestBaseline/plain")[0], scores.get("gatewayRequestBaseline/double")[0]);
        out.add(String.format(Locale.ROOT, "memory %s entries: %.1f MiB (goal ≤ 64 MiB) %s; baseline %.1f MiB, ratio %.2f",
                generated.entries() == 1_000_000 ? "1M" : String.format(Locale.ROOT, "%,d", generated.entries()), worstMemory, worstMemory <= 64 ? "MET" : "MISSED", worstMemoryBase, worstMemory / worstMemoryBase));
        out.add(String.format(Locale.ROOT, "lookups/s/core: %,.0f matchBlock (goal ≥ 1M) %s; baseline %,.0f, ratio %.2f",
                block, block >= 1e6 ? "MET" : "MISSED", blockBase, block / blockBase));
        out.add(String.format(Locale.ROOT, "lookups/s/core: %,.0f whole gateway request from a URL (goal ≥ 1M) %s; baseline %,.0f, ratio %.2f",
                gateway, gateway >= 1e6 ? "MET" : "MISSED", gatewayBase, gateway / gatewayBase));
        out.add("(worst of plain and double-hashed; ratios: library/baseline, > 1 = library faster for lookups/s, < 1 = less memory or time)");
        out.forEach(System.out::println);
    }
}
