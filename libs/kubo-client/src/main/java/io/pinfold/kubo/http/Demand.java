package io.pinfold.kubo.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a streamed answer runs ahead of its subscriber: items emitted minus items requested.
 * Requests come from any thread; emits and pause/resume happen on the response's event loop.
 */
final class Demand {

    private final AtomicLong requested = new AtomicLong();
    private long emitted;
    private boolean paused;

    void requested(long n) {
        if (n > 0) {
            requested.accumulateAndGet(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
        }
    }

    void emitted() {
        emitted++;
    }

    /** Items emitted that the subscriber has not asked for yet (they wait in the emitter's buffer). */
    long backlog() {
        return Math.max(0, emitted - requested.get());
    }

    boolean paused() {
        return paused;
    }

    void pausing() {
        paused = true;
    }

    void resumed() {
        paused = false;
    }
}
