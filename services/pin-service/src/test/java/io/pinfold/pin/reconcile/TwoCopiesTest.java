package io.pinfold.pin.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two reconcilers in one process, each with its own leases, stand for two pin-service copies (this copy's own
 * scheduled reconciler is off). They split the nodes, never call one node at once, and when one is killed the other
 * takes its nodes over within the lease TTL (3 s in tests).
 */
@QuarkusTest
@TestProfile(TwoCopiesTest.WithoutOwnReconciler.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_test"))
class TwoCopiesTest {
    private static final int ROUNDS = 3;
    private static final int PINS_PER_NODE = 12;

    public static class WithoutOwnReconciler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pinfold.reconcile.enabled", "false");
        }
    }

    @Inject
    Reconcilers reconcilers;

    @ConfigProperty(name = "pinfold.reconcile.lease-ttl")
    Duration leaseTtl;

    private final KuboNode first = KuboNodes.shared().first();
    private final KuboNode second = KuboNodes.shared().second();

    /** A copy driven by its own thread: a tick every 300 ms, until killed. */
    private final class Copy implements AutoCloseable {
        final Reconciler reconciler;
        final AtomicBoolean alive = new AtomicBoolean(true);
        final Thread thread;

        Copy(String owner, WatchedPinning.Watch watch) {
            reconciler = reconcilers.create(owner, new WatchedPinning(reconcilers.kubo(), owner, watch));
            thread = new Thread(() -> {
                while (alive.get()) {
                    try {
                        VertxContextSupport.subscribeAndAwait(reconciler::tick);
                    } catch (Throwable e) {
                        // a failed tick is retried, as the scheduler does
                    }
                    sleep(300);
                }
            }, "copy-" + owner);
            thread.start();
        }

        /** kill -9: no more ticks, running calls die with the process, the leases are left to expire. */
        void kill() throws InterruptedException {
            alive.set(false);
            reconciler.stop();
            thread.join();
        }

        @Override
        public void close() throws Exception {
            if (alive.get()) {
                kill();
            }
            try {
                VertxContextSupport.subscribeAndAwait(() -> reconciler.leases().releaseAll());
            } catch (Throwable e) {
                throw new IllegalStateException("leases of " + reconciler.leases().owner() + " not given back", e);
            }
        }
    }

    /** A restarted app (own profile) registers its configured nodes a moment after start. */
    @BeforeEach
    void nodesRegistered() {
        await().atMost(Duration.ofSeconds(30)).until(() -> PinRows.column(
                "SELECT id FROM kubo_node WHERE id IN ('kubo-1', 'kubo-2') AND state = 'active'").size() == 2);
    }

    @Test
    void twoCopiesSplitTheNodesNeverCallOneAtOnceAndTakeOverAKilledCopysNodesWithinTheLeaseTime() throws Exception {
        WatchedPinning.Watch watch = new WatchedPinning.Watch();
        long slowestTakeOver = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            List<String> pins = new ArrayList<>();
            try (Copy a = new Copy("copy-a-" + round, watch); Copy b = new Copy("copy-b-" + round, watch)) {
                pins.addAll(somePins(round));
                awaitAllPinned(pins, Duration.ofSeconds(60));
                assertThat(watch.violations).as("round %d: calls of two copies on one node at once", round).isEmpty();
                await().atMost(leaseTtl.plusSeconds(10)).untilAsserted(() -> {
                    assertThat(a.reconciler.leases().held()).as("copy a has a share of the nodes").isNotEmpty();
                    assertThat(b.reconciler.leases().held()).as("copy b has a share of the nodes").isNotEmpty();
                });
                assertThat(PinRows.column("SELECT count(DISTINCT owner) FROM reconcile_lease WHERE expires_at > now()"))
                        .as("round %d: the nodes are split between the two copies", round).containsExactly("2");

                a.kill();
                long killedAt = System.nanoTime();
                List<String> every = PinRows.column("SELECT id FROM kubo_node");
                while (!b.reconciler.leases().held().containsAll(every)) {
                    assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("round %d: take-over of %s", round, every)
                            .isLessThan(leaseTtl.plusSeconds(5));
                    sleep(50);
                }
                slowestTakeOver = Math.max(slowestTakeOver, System.nanoTime() - killedAt);
                List<String> more = somePins(round * 100);
                awaitAllPinned(more, Duration.ofSeconds(60));
                assertThat(watch.violations).as("round %d after the kill: calls of two copies on one node at once", round).isEmpty();
            }
        }
        System.out.printf("two copies: %d rounds, slowest take-over %d ms (lease TTL %d ms), calls by copy %s%n", ROUNDS,
                slowestTakeOver / 1_000_000, leaseTtl.toMillis(), watch.callsByOwner);
        assertThat(watch.violations).as("calls of two copies on one node at once").isEmpty();
    }

    /** Pins on both nodes, content fetched from the other node, two tenants sharing some content. */
    private List<String> somePins(int round) {
        List<String> pins = new ArrayList<>();
        for (int i = 0; i < PINS_PER_NODE; i++) {
            String onFirst = KuboHttp.addRandom(second.rpcUrl(), 3_000);
            String onSecond = KuboHttp.addRandom(first.rpcUrl(), 3_000);
            pins.add(PinRows.request("tenant-" + round, onFirst, "kubo-1"));
            pins.add(PinRows.request("tenant-" + round, onSecond, "kubo-2"));
            if (i % 3 == 0) {
                pins.add(PinRows.request("other-" + round, onFirst, "kubo-1"));
            }
        }
        return pins;
    }

    private static void awaitAllPinned(List<String> pins, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        String in = "'" + String.join("','", pins) + "'";
        while (true) {
            List<String> open = PinRows.column("SELECT pin_id || ' ' || node_id || ' ' || status FROM node_pin WHERE pin_id IN (" + in
                    + ") AND status <> 'pinned'");
            if (open.isEmpty()) {
                return;
            }
            assertThat(System.nanoTime()).as("still not pinned: %s", open).isLessThan(deadline);
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
