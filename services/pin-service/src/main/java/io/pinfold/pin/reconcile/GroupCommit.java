package io.pinfold.pin.reconcile;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Group commit: items submitted while a batch is being written wait, and the next batch writes all of them in one
 * go, so under load N changes cost one transaction instead of N, while a change that comes alone waits for nothing
 * but its own write (there is no timer). One batch is written at a time; a batch holds at most {@code maxBatch}
 * items, the rest go in the next. An item whose caller cancelled before its batch was formed is left out.
 *
 * <p>{@code write} answers one result per item, in the items' order; its failure fails every item of the batch.
 * Each caller's Uni completes on the Vert.x context it subscribed on (Hibernate Reactive binds a session to a
 * context: a caller continuing on the batch's context would share it with the other callers).
 */
public final class GroupCommit<T, R> {
    private final Vertx vertx;
    private final int maxBatch;
    private final Function<List<T>, Uni<List<R>>> write;
    private final Consumer<Integer> batchWritten;
    private final Queue<Waiting<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    /** {@code ended}: set when the caller's Uni ended (cancelled, or completed by a batch). */
    private record Waiting<T, R>(T item, Context context, UniEmitter<? super R> emitter, AtomicBoolean ended) {
        void complete(R result) {
            on(() -> emitter.complete(result));
        }

        void fail(Throwable failure) {
            on(() -> emitter.fail(failure));
        }

        private void on(Runnable action) {
            if (context == null || context == Vertx.currentContext()) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }

    /**
     * @param write        writes one batch (on a Vert.x context of its own); one result per item, in order
     * @param batchWritten told the size of each batch written (metrics)
     */
    public GroupCommit(Vertx vertx, int maxBatch, Function<List<T>, Uni<List<R>>> write, Consumer<Integer> batchWritten) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch: at least 1, was " + maxBatch);
        }
        this.vertx = vertx;
        this.maxBatch = maxBatch;
        this.write = write;
        this.batchWritten = batchWritten;
    }

    /** Writes {@code item} with the next batch; the Uni answers its result once that batch committed. */
    public Uni<R> submit(T item) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean ended = new AtomicBoolean();
            emitter.onTermination(() -> ended.set(true));
            queue.add(new Waiting<>(item, Vertx.currentContext(), emitter, ended));
            drain();
        });
    }

    /** Starts the next batch unless one is being written; the batch's end calls this again. */
    private void drain() {
        while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
            List<Waiting<T, R>> batch = new ArrayList<>();
            Waiting<T, R> next;
            while (batch.size() < maxBatch && (next = queue.poll()) != null) {
                if (!next.ended().get()) { // only a cancelled caller has ended before its batch
                    batch.add(next);
                }
            }
            if (batch.isEmpty()) {
                writing.set(false);
                continue; // items may have arrived after the poll found none
            }
            start(batch);
            return;
        }
    }

    private void start(List<Waiting<T, R>> batch) {
        List<T> items = batch.stream().map(Waiting::item).toList();
        FreshContext.run(vertx, () -> write.apply(items)).subscribe().with(results -> {
            finish();
            if (results == null || results.size() != batch.size()) {
                IllegalStateException wrong = new IllegalStateException("a batch of " + batch.size() + " items answered "
                        + (results == null ? "nothing" : results.size() + " results"));
                batch.forEach(waiting -> waiting.fail(wrong));
                return;
            }
            batchWritten.accept(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(results.get(i));
            }
        }, failure -> {
            finish();
            batch.forEach(waiting -> waiting.fail(failure));
        });
    }

    private void finish() {
        writing.set(false);
        drain();
    }
}
