package io.pinfold.bench.denylist;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.openjdk.jol.info.GraphLayout;

/**
 * Memory held by a loaded matcher, measured two ways: JOL's {@link GraphLayout} walks the object graph
 * from the matcher and adds up every object's real size in this JVM (headers, padding, compressed
 * oops); and, as a cross-check, the used heap after a full GC with the matcher held minus the used heap
 * before it was built (median of several rounds; exact with the serial collector, which the run script
 * selects for this JVM).
 */
final class RetainedHeap {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private RetainedHeap() {
    }

    /** Bytes reachable from the object: the retained size when nothing else shares its parts. */
    static long graph(Object root) {
        return GraphLayout.parseInstance(root).totalSize();
    }

    /** Used-heap difference with what {@code build} returns held, median of {@code rounds}. */
    static long heapDelta(Callable<Object> build, int rounds) throws Exception {
        long[] deltas = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long before = usedAfterGc();
            Object held = build.call();
            long after = usedAfterGc();
            Reference.reachabilityFence(held);
            deltas[r] = after - before;
        }
        Arrays.sort(deltas);
        return deltas[rounds / 2];
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
