package io.pinfold.bench.denylist;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.pinfold.denylist.Denylist;

/**
 * Parse + load of a whole 1M-entry list from its file into a matcher, one shot per iteration, against
 * the floor of just reading the lines ({@code BufferedReader.readLine}) and against the naive map.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = { "-Xms3g", "-Xmx3g" })
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class LoadBenchmark {

    @Param({ "plain", "double" })
    public String list;

    @Benchmark
    public Denylist parseAndLoad() throws IOException {
        return BenchLists.library(list);
    }

    @Benchmark
    public NaiveDenylist parseAndLoadBaseline() throws IOException {
        return BenchLists.baseline(list);
    }

    @Benchmark
    public long readLinesBaseline() throws IOException {
        long chars = 0;
        try (BufferedReader in = Files.newBufferedReader(BenchLists.file(list), StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                chars += line.length();
            }
        }
        return chars;
    }
}
