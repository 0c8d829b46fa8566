package io.pinfold.bench.codec;

import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.kafka.BaselineDecode;
import io.pinfold.events.kafka.EventCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Steady state: one {@code EventCodec.decode(key, headers, value)} of a valid record (headers, JSON, shape check,
 * the record's own validation), cycling through 1,024 distinct records; the baseline is the pre-cache path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = { "-Xms256m", "-Xmx256m" })
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecodeBenchmark {

    private static final int RECORDS = 1024;

    @Param({ SampleRecords.DENYLIST, SampleRecords.PIN_REQUESTED, SampleRecords.PIN_STATUS })
    public String kind;

    private SampleRecords records;
    private final EventCodec codec = new EventCodec();
    private final BaselineDecode baseline = new BaselineDecode();
    private int next;

    @Setup
    public void setUp() {
        records = SampleRecords.of(kind, RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            records.check(i, codec.decode(records.keys()[i], records.headers().get(i), records.values()[i]).data());
            records.check(i, baseline.decode(records.keys()[i], records.headers().get(i), records.values()[i]).data());
        }
    }

    @Benchmark
    public EventEnvelope<EventData> decode() {
        int i = next++ & (RECORDS - 1);
        return codec.decode(records.keys()[i], records.headers().get(i), records.values()[i]);
    }

    @Benchmark
    public EventEnvelope<EventData> decodeBaseline() {
        int i = next++ & (RECORDS - 1);
        return baseline.decode(records.keys()[i], records.headers().get(i), records.values()[i]);
    }
}
