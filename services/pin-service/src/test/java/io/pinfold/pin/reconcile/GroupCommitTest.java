package io.pinfold.pin.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The group commit under the reconciler's attempt writes: who gets which result, what waits, what is left out. */
class GroupCommitTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A write that answers item * 10 after {@code millis}, recording each batch and how many run at once. */
    private static final class SlowWrite {
        final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final long millis;

        SlowWrite(long millis) {
            this.millis = millis;
        }

        Uni<List<Integer>> write(List<Integer> items) {
            batches.add(List.copyOf(items));
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            return Uni.createFrom().item(items.stream().map(i -> i * 10).toList())
                    .onItem().delayIt().by(Duration.ofMillis(millis))
                    .onTermination().invoke(running::decrementAndGet);
        }
    }

    @Test
    void aLoneItemIsWrittenAtOnceAndGetsItsResult() {
        SlowWrite write = new SlowWrite(1);
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(vertx, 64, write::write, size -> { });
        assertThat(commit.submit(7).await().atMost(Duration.ofSeconds(5))).isEqualTo(70);
        assertThat(write.batches).containsExactly(List.of(7));
    }

    /**
     * 2,000 submitters on 8 threads against a write of 20 ms: every one gets its own result, no item is written twice
     * or lost, one batch runs at a time, and they shared transactions (far fewer batches than items), each at most
     * maxBatch long. Five rounds.
     */
    @Test
    void concurrentSubmittersShareBatchesAndEachGetsItsOwnResult() throws Exception {
        for (int round = 0; round < 5; round++) {
            SlowWrite write = new SlowWrite(20);
            List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
            GroupCommit<Integer, Integer> commit = new GroupCommit<>(vertx, 50, write::write, sizes::add);
            int n = 2000;
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(new CompletableFuture<>());
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t;
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = first; i < n; i += 8) {
                        int item = i;
                        commit.submit(item).subscribe().with(results.get(item)::complete, results.get(item)::completeExceptionally);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < n; i++) {
                assertThat(results.get(i).get()).as("result of item %d", i).isEqualTo(i * 10);
            }
            List<Integer> written = write.batches.stream().flatMap(List::stream).sorted().toList();
            assertThat(written).hasSize(n).doesNotHaveDuplicates();
            assertThat(write.mostAtOnce.get()).as("batches written at once").isEqualTo(1);
            assertThat(write.batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 50));
            assertThat(write.batches.size()).as("batches for %d items", n).isLessThan(n / 10);
            assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(n);
        }
    }

    @Test
    void aFailedWriteFailsEveryItemOfItsBatchAndTheNextBatchStillRuns() {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(vertx, 64, items -> calls.incrementAndGet() == 1
                ? Uni.createFrom().failure(new IllegalStateException("database gone"))
                : Uni.createFrom().item(items), size -> { });
        assertThatThrownBy(() -> commit.submit(1).await().atMost(Duration.ofSeconds(5))).hasMessageContaining("database gone");
        assertThat(commit.submit(2).await().atMost(Duration.ofSeconds(5))).isEqualTo(2);
    }

    @Test
    void aWriteAnsweringTheWrongNumberOfResultsFailsItsItems() {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(vertx, 64, items -> Uni.createFrom().item(List.of()), size -> { });
        assertThatThrownBy(() -> commit.submit(1).await().atMost(Duration.ofSeconds(5))).hasMessageContaining("answered 0 results");
    }

    /** An item cancelled while an earlier batch is being written is left out of the next one. */
    @Test
    void anItemCancelledBeforeItsBatchIsNotWritten() throws Exception {
        SlowWrite write = new SlowWrite(300);
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(vertx, 64, write::write, size -> { });
        CompletableFuture<Integer> first = commit.submit(1).subscribeAsCompletionStage();
        Thread.sleep(50); // batch [1] is being written
        Cancellable cancelled = commit.submit(2).subscribe().with(ignored -> { });
        CompletableFuture<Integer> third = commit.submit(3).subscribeAsCompletionStage();
        cancelled.cancel();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(10);
        assertThat(third.get(5, TimeUnit.SECONDS)).isEqualTo(30);
        assertThat(write.batches).containsExactly(List.of(1), List.of(3));
    }

    /** Each caller continues on the Vert.x context it submitted from, not on the batch's (sessions are bound to contexts). */
    @Test
    void eachCallerResumesOnItsOwnContext() throws Exception {
        SlowWrite write = new SlowWrite(20);
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(vertx, 64, write::write, size -> { });
        int callers = 20;
        Set<Integer> wrong = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(callers);
        for (int i = 0; i < callers; i++) {
            int item = i;
            Context context = vertx.getOrCreateContext();
            Context own = ((io.vertx.core.impl.ContextInternal) context).duplicate();
            own.runOnContext(ignored -> commit.submit(item).subscribe().with(result -> {
                if (Vertx.currentContext() != own) {
                    wrong.add(item);
                }
                done.countDown();
            }, failure -> done.countDown()));
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong).as("callers resumed on another context").isEmpty();
        assertThat(write.batches.size()).isLessThan(callers);
    }
}
