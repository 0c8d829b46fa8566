package io.pinfold.bench.codec;

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

/**
 * The event codec benchmark in one run: JMH steady state ({@link DecodeBenchmark}) and cold start
 * ({@link ColdDecodeBenchmark}), each beside the pre-cache baseline measured in the same run, printed with ratios.
 * System properties: {@code pinfold.bench.quick} (short iterations while developing), {@code pinfold.bench.log}.
 */
public final class CodecBench {

    private CodecBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Boolean.getBoolean("pinfold.bench.quick");
        String log = System.getProperty("pinfold.bench.log");
        ChainedOptionsBuilder steady = options(log, DecodeBenchmark.class);
        ChainedOptionsBuilder cold = options(log, ColdDecodeBenchmark.class);
        if (quick) {
            steady.forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3);
            cold.forks(2);
        }
        Collection<RunResult> results = new ArrayList<>();
        System.err.println("JMH: steady state (log: " + log + ")");
        results.addAll(new Runner(steady.build()).run());
        System.err.println("JMH: cold start");
        results.addAll(new Runner(cold.build()).run());
        print(scores(results), quick);
    }

    private static ChainedOptionsBuilder options(String log, Class<?> benchmark) {
        ChainedOptionsBuilder options = new OptionsBuilder().include(benchmark.getName() + "\\.").shouldFailOnError(true);
        if (log != null) {
            options.output(log.replace(".log", "-" + benchmark.getSimpleName() + ".log"));
        }
        return options;
    }

    /** "Class.method/kind" → {score, error}. */
    private static Map<String, double[]> scores(Collection<RunResult> results) {
        Map<String, double[]> scores = new HashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            scores.put(name + "/" + result.getParams().getParam("kind"),
                    new double[] { result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError() });
        }
        return scores;
    }

    private static void print(Map<String, double[]> scores, boolean quick) {
        List<String> out = new ArrayList<>();
        Runtime runtime = Runtime.getRuntime();
        out.add(String.format(Locale.ROOT, "Pinfold event codec benchmark, %s, %d cores, %s %s (%s)%s",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), runtime.availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), System.getProperty("os.arch"), quick ? ", QUICK (not for quoting)" : ""));
        out.add("");
        out.add("steady state, EventCodec.decode(key, headers, value), µs/op    codec           baseline        codec/baseline");
        for (String kind : new String[] { SampleRecords.DENYLIST, SampleRecords.PIN_REQUESTED, SampleRecords.PIN_STATUS }) {
            double[] codec = scores.get("DecodeBenchmark.decode/" + kind);
            double[] base = scores.get("DecodeBenchmark.decodeBaseline/" + kind);
            out.add(String.format(Locale.ROOT, "  %-22s                                      %7.2f ±%4.0f%%   %7.2f ±%4.0f%%   %6.3f",
                    kind, codec[0] / 1000, pct(codec), base[0] / 1000, pct(base), codec[0] / base[0]));
        }
        out.add("");
        out.add(String.format(Locale.ROOT, "cold start, first %d decodes in a fresh JVM, ms (µs/decode)    codec              baseline           codec/baseline",
                ColdDecodeBenchmark.RECORDS));
        for (String kind : new String[] { SampleRecords.DENYLIST, SampleRecords.PIN_REQUESTED }) {
            double[] codec = scores.get("ColdDecodeBenchmark.decode/" + kind);
            double[] base = scores.get("ColdDecodeBenchmark.decodeBaseline/" + kind);
            out.add(String.format(Locale.ROOT, "  %-22s                                      %6.1f (%6.0f)    %6.1f (%6.0f)    %6.3f",
                    kind, codec[0] / 1000, codec[0] / ColdDecodeBenchmark.RECORDS, base[0] / 1000,
                    base[0] / ColdDecodeBenchmark.RECORDS, codec[0] / base[0]));
        }
        out.add("(codec/baseline < 1: the codec is cheaper; baseline = the decode path before the shape cache, same run)");
        out.forEach(System.out::println);
    }

    private static double pct(double[] score) {
        return 100 * score[1] / score[0];
    }
}
