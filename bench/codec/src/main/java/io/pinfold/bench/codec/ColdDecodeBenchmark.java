package io.pinfold.bench.codec;

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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cold: the first {@value #RECORDS} decodes in a fresh JVM (one per fork, each fork runs one method), as the edge
 * decodes denylist entries: too rarely for the JIT to have compiled the path. Setup encodes the records (loading
 * Jackson and the event classes for writing), so the figure is the decode path's own class loading,
 * interpretation and reflection. Each codec is constructed inside the measured call, as a consumer's first use.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 5, jvmArgsAppend = { "-Xms256m", "-Xmx256m" })
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ColdDecodeBenchmark {

    static final int RECORDS = 300;

    @Param({ SampleRecords.DENYLIST, SampleRecords.PIN_REQUESTED })
    public String kind;

    private SampleRecords records;

    @Setup
    public void setUp() {
        records = SampleRecords.of(kind, RECORDS);
    }

    @Benchmark
    public void decode(Blackhole sink) {
        EventCodec codec = new EventCodec();
        for (int i = 0; i < RECORDS; i++) {
            sink.consume(codec.decode(records.keys()[i], records.headers().get(i), records.values()[i]));
        }
    }

    @Benchmark
    public void decodeBaseline(Blackhole sink) {
        BaselineDecode baseline = new BaselineDecode();
        for (int i = 0; i < RECORDS; i++) {
            sink.consume(baseline.decode(records.keys()[i], records.headers().get(i), records.values()[i]));
        }
    }
}
