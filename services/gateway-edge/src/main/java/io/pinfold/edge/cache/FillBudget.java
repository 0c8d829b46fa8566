package io.pinfold.edge.cache;

import java.util.concurrent.atomic.AtomicLong;

/** Bytes all bodies being copied into the cache may hold at once, so many concurrent misses cannot fill the heap. */
final class FillBudget {
    private final long max;
    private final AtomicLong used = new AtomicLong();

    FillBudget(long max) {
        this.max = max;
    }

    boolean reserve(long bytes) {
        long now = used.addAndGet(bytes);
        if (now > max) {
            used.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }
}
