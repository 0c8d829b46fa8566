package io.pinfold.pin.follow;

import static io.pinfold.pin.follow.FollowFixtures.column;
import static io.pinfold.pin.follow.FollowFixtures.content;
import static io.pinfold.pin.follow.FollowFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.runtime.kubo.KuboClients;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.DnsTestResource;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Two guarantees of follow lists among several copies: one copy at a time per entry, and no pin half-made. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(DnsTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_test"))
class FollowClaimsTest {
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Inject
    FollowCopies copies;

    @Inject
    KuboClients clients;

    @Test
    void twoCopiesClaimingAtOnceNeverHoldTheSameEntry() {
        FollowFixtures.Tenant tenant = tenant("follow-claims");
        String cid = content(clients, KuboNodes.shared().first());
        String entries = IntStream.range(0, 30).mapToObj(i -> "\"/ipfs/" + cid + "/part-" + i + "\"").collect(Collectors.joining(","));
        tenant.call().body("{\"name\":\"many\",\"intervalSeconds\":3600,\"entries\":[" + entries + "]}").post("/follow-lists").then().statusCode(201);
        String listId = column("SELECT l.id FROM follow_list l JOIN tenant t ON t.id = l.tenant_id WHERE t.name = '" + tenant.name() + "'").get(0);
        EntryVisits a = copies.create("copy-a-" + UUID.randomUUID());
        EntryVisits b = copies.create("copy-b-" + UUID.randomUUID());

        int claimedByTwo = 0;
        int claimed = 0;
        for (int round = 0; round < 25; round++) {
            column("UPDATE follow_entry SET next_resolve_at = now(), lease_owner = NULL, lease_token = NULL, lease_until = NULL "
                    + "WHERE list_id = '" + listId + "'");
            var both = Uni.combine().all().unis(a.leases().claimDue(100), b.leases().claimDue(100)).asTuple()
                    .await().atMost(Duration.ofSeconds(30));
            Set<UUID> byA = both.getItem1().stream().map(EntryLeases.Claim::entryId).collect(Collectors.toSet());
            Set<UUID> byB = both.getItem2().stream().map(EntryLeases.Claim::entryId).collect(Collectors.toSet());
            Set<UUID> common = new HashSet<>(byA);
            common.retainAll(byB);
            claimedByTwo += common.size();
            claimed += byA.size() + byB.size();
            Uni.join().all(both.getItem1().stream().map(claim -> a.leases().release(claim)).toList()).andFailFast()
                    .await().atMost(Duration.ofSeconds(30));
            if (!both.getItem2().isEmpty()) {
                Uni.join().all(both.getItem2().stream().map(claim -> b.leases().release(claim)).toList()).andFailFast()
                        .await().atMost(Duration.ofSeconds(30));
            }
        }
        assertThat(claimed).as("the copies claimed entries at all").isGreaterThan(25 * 20);
        assertThat(claimedByTwo).as("entries claimed by both copies at once").isZero();
        assertThat(column("SELECT count(*) FROM follow_entry WHERE list_id = '" + listId + "' AND lease_token IS NOT NULL "
                + "AND lease_owner LIKE 'copy-%'")).containsExactly("0");
    }

    @Test
    void aResolutionThatFailsHalfwayLeavesNoPinHalfMade() throws InterruptedException {
        FollowFixtures.Tenant tenant = tenant("follow-crash");
        String cid = content(clients, KuboNodes.shared().first());
        tenant.call().body("{\"name\":\"crashy\",\"intervalSeconds\":2,\"entries\":[]}").post("/follow-lists").then().statusCode(201);
        String listId = column("SELECT l.id FROM follow_list l JOIN tenant t ON t.id = l.tenant_id WHERE t.name = '" + tenant.name() + "'").get(0);
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // The last write of the outcome's transaction fails, as if the copy died after the pin was made.
        column("CREATE FUNCTION follow_crash_" + suffix + "() RETURNS trigger AS $$ BEGIN IF NEW.list_id = '" + listId
                + "' THEN RAISE EXCEPTION 'crash halfway (test)'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
        column("CREATE TRIGGER follow_crash_" + suffix + " BEFORE INSERT ON follow_resolution FOR EACH ROW EXECUTE FUNCTION follow_crash_" + suffix + "()");
        try {
            String entryId = tenant.call().body("{\"target\":\"/ipfs/" + cid + "\"}").post("/follow-lists/crashy/entries")
                    .then().statusCode(201).extract().path("id");
            Thread.sleep(4_000); // several ticks: the entry is due at once and again after every failed visit
            assertThat(tenant.call().post("/follow-lists/crashy/resolve").then().statusCode(200).extract().jsonPath().getList("results"))
                    .as("an outcome that cannot commit is no resolution").isEmpty();

            assertThat(column("SELECT count(*) FROM desired_pin WHERE meta->>'pinfold.follow.entry' = '" + entryId + "'"))
                    .as("no pin of the entry survived the failed transactions").containsExactly("0");
            assertThat(column("SELECT count(*) FROM follow_version WHERE entry_id = '" + entryId + "'")).containsExactly("0");
            assertThat(column("SELECT count(*) FROM follow_resolution WHERE entry_id = '" + entryId + "'")).containsExactly("0");
            assertThat(column("SELECT used_pins FROM tenant WHERE name = '" + tenant.name() + "'")).containsExactly("0");
        } finally {
            column("DROP TRIGGER follow_crash_" + suffix + " ON follow_resolution");
            column("DROP FUNCTION follow_crash_" + suffix + "()");
        }
        await().atMost(SETTLE).until(() -> column("SELECT count(*) FROM follow_version v JOIN follow_entry e ON e.id = v.entry_id "
                + "WHERE e.list_id = '" + listId + "'").equals(List.of("1")));
        await().atMost(SETTLE).until(() -> Integer.parseInt(column("SELECT count(*) FROM follow_resolution WHERE list_id = '" + listId + "'").get(0)) >= 3);
        assertThat(column("SELECT count(*) FROM desired_pin d JOIN follow_entry e ON d.meta->>'pinfold.follow.entry' = CAST(e.id AS text) "
                + "WHERE e.list_id = '" + listId + "'")).as("exactly one pin once it can commit").containsExactly("1");
        assertThat(column("SELECT used_pins FROM tenant WHERE name = '" + tenant.name() + "'")).containsExactly("1");
    }
}
