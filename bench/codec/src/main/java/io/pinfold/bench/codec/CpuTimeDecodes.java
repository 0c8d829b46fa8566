package io.pinfold.bench.codec;

import io.pinfold.events.kafka.BaselineDecode;
import io.pinfold.events.kafka.EventCodec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * For a shared machine: CPU time of the decoding thread per decode (JMH's average time is wall clock, so at a load
 * of 15 on 2 cores it measures the share of a core the fork got). Codec and baseline alternate in one JVM, rounds of
 * {@value #PASSES} passes over 1,024 records, after {@value #WARM_UP_ROUNDS} warm-up rounds; the best round of each
 * is printed with the ratio. Still moved by cache and hyper-thread contention: quote it with the load.
 */
public final class CpuTimeDecodes {

    private static final int RECORDS = 1024;
    private static final int PASSES = 20;
    private static final int WARM_UP_ROUNDS = 10;
    private static final int ROUNDS = 15;

    private CpuTimeDecodes() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "Pinfold event codec, CPU time per decode (best of %d rounds of %,d decodes), %d cores, load %.1f%n",
                ROUNDS, PASSES * RECORDS, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("                          codec µs   baseline µs   codec/baseline");
        for (String kind : new String[] { SampleRecords.DENYLIST, SampleRecords.PIN_REQUESTED, SampleRecords.PIN_STATUS }) {
            SampleRecords records = SampleRecords.of(kind, RECORDS);
            EventCodec codec = new EventCodec();
            BaselineDecode baseline = new BaselineDecode();
            for (int i = 0; i < RECORDS; i++) {
                records.check(i, codec.decode(records.keys()[i], records.headers().get(i), records.values()[i]).data());
                records.check(i, baseline.decode(records.keys()[i], records.headers().get(i), records.values()[i]).data());
            }
            long bestCodec = Long.MAX_VALUE;
            long bestBaseline = Long.MAX_VALUE;
            for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
                long start = threads.getCurrentThreadCpuTime();
                int sink = 0;
                for (int pass = 0; pass < PASSES; pass++) {
                    for (int i = 0; i < RECORDS; i++) {
                        sink += codec.decode(records.keys()[i], records.headers().get(i), records.values()[i]).key().length();
                    }
                }
                long codecNanos = threads.getCurrentThreadCpuTime() - start;
                start = threads.getCurrentThreadCpuTime();
                for (int pass = 0; pass < PASSES; pass++) {
                    for (int i = 0; i < RECORDS; i++) {
                        sink += baseline.decode(records.keys()[i], records.headers().get(i), records.values()[i]).key().length();
                    }
                }
                long baselineNanos = threads.getCurrentThreadCpuTime() - start;
                if (sink == 0) {
                    throw new IllegalStateException("nothing decoded");
                }
                if (round >= WARM_UP_ROUNDS) {
                    bestCodec = Math.min(bestCodec, codecNanos);
                    bestBaseline = Math.min(bestBaseline, baselineNanos);
                }
            }
            double codecMicros = bestCodec / 1000.0 / (PASSES * RECORDS);
            double baselineMicros = bestBaseline / 1000.0 / (PASSES * RECORDS);
            System.out.printf(Locale.ROOT, "  %-22s  %8.2f      %8.2f        %6.3f%n", kind, codecMicros, baselineMicros, codecMicros / baselineMicros);
        }
        System.out.printf(Locale.ROOT, "load after: %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
