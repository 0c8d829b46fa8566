package io.pinfold.bench.denylist;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.pinfold.denylist.ContentRequest;
import io.pinfold.denylist.Denylist;
import io.pinfold.denylist.DenylistEntry;

/**
 * Lookups per second on one thread (so per core) against the 1M-entry lists, 1% hits: a block by its
 * prepared CID ({@code matchBlock}, what a gateway asks per block) and a whole gateway request from its
 * URL path ({@code ContentRequest.parse} + {@code match}). Each has a {@code baseline} twin doing the same
 * with {@link NaiveDenylist} on the same inputs, in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = { "-Xms3g", "-Xmx3g" })
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class LookupBenchmark {

    @State(Scope.Thread)
    public static class Inputs {
        @Param({ "plain", "double" })
        public String list;
        Requests requests;
        int next;

        @Setup(Level.Trial)
        public void prepare() {
            requests = new Requests(BenchLists.generated(), list.equals("plain"), 7);
        }

        int next() {
            return next++ & (Requests.COUNT - 1);
        }
    }

    @State(Scope.Thread)
    public static class Library {
        Denylist denylist;

        @Setup(Level.Trial)
        public void load(Inputs inputs) throws IOException {
            denylist = BenchLists.library(inputs.list);
            int blocks = 0;
            int gateway = 0;
            for (int n = 0; n < Requests.COUNT; n++) {
                blocks += denylist.matchBlock(inputs.requests.cids[n]).isPresent() ? 1 : 0;
                gateway += denylist.match(ContentRequest.parse(inputs.requests.urls[n])).isPresent() ? 1 : 0;
            }
            Checks.sameHits("library", inputs.requests.hits, blocks, gateway);
        }
    }

    @State(Scope.Thread)
    public static class Baseline {
        NaiveDenylist denylist;

        @Setup(Level.Trial)
        public void load(Inputs inputs) throws IOException {
            denylist = BenchLists.baseline(inputs.list);
            int blocks = 0;
            int gateway = 0;
            for (int n = 0; n < Requests.COUNT; n++) {
                blocks += denylist.matchBlock(inputs.requests.cids[n]) != null ? 1 : 0;
                gateway += denylist.match(inputs.requests.urls[n]) != null ? 1 : 0;
            }
            Checks.sameHits("baseline", inputs.requests.hits, blocks, gateway);
        }
    }

    @Benchmark
    public Optional<DenylistEntry> matchBlock(Inputs inputs, Library library) {
        return library.denylist.matchBlock(inputs.requests.cids[inputs.next()]);
    }

    @Benchmark
    public DenylistEntry matchBlockBaseline(Inputs inputs, Baseline baseline) {
        return baseline.denylist.matchBlock(inputs.requests.cids[inputs.next()]);
    }

    @Benchmark
    public Optional<DenylistEntry> gatewayRequest(Inputs inputs, Library library) {
        return library.denylist.match(ContentRequest.parse(inputs.requests.urls[inputs.next()]));
    }

    @Benchmark
    public DenylistEntry gatewayRequestBaseline(Inputs inputs, Baseline baseline) {
        return baseline.denylist.match(inputs.requests.urls[inputs.next()]);
    }
}
