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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * New pins do not wait for the reconciler's tick: rows inserted for a node start at once (the insert's NOTIFY), and a
 * node's next due row starts as soon as a call ends. Ticks here are 20 s apart and node-concurrency is 4, so twelve
 * pins done within 15 s cannot come from ticks (one tick at most in any 15 s, four pins per tick).
 */
@QuarkusTest
@TestProfile(WorkBetweenTicksTest.SlowTicks.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_ticks_test"))
class WorkBetweenTicksTest {
    private static final Duration TICK = Duration.ofSeconds(20);
    private final KuboNode first = KuboNodes.shared().first();

    public static class SlowTicks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pinfold.reconcile.interval", TICK.toSeconds() + "s",
                    "pinfold.reconcile.lease-ttl", "120s",
                    "pinfold.reconcile.node-concurrency", "4",
                    "pinfold.reconcile.down-grace", "120s");
        }
    }

    @Test
    void insertedPinsStartAtOnceAndFreedSlotsAreRefilledBetweenTicks() {
        // A tick must first have found kubo-1 active and taken its lease; that first pin may wait for it.
        await().atMost(Duration.ofSeconds(90)).until(() -> PinRows.column("SELECT id FROM kubo_node WHERE id = 'kubo-1' AND state = 'active'").size() == 1);
        String firstPin = PinRows.request("tenant-ticks", KuboHttp.addRandom(first.rpcUrl(), 500), "kubo-1");
        await().atMost(TICK.multipliedBy(4)).until(() -> "pinned".equals(PinRows.nodeStatus(firstPin, "kubo-1")));

        List<String> cids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            cids.add(KuboHttp.addRandom(first.rpcUrl(), 500));
        }
        List<String> pins = cids.stream().map(cid -> PinRows.request("tenant-ticks", cid, "kubo-1")).toList();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> pins.stream().allMatch(pin -> "pinned".equals(PinRows.nodeStatus(pin, "kubo-1"))));
        assertThat(pins).allMatch(pin -> "pinned".equals(PinRows.nodeStatus(pin, "kubo-1")));
    }
}
