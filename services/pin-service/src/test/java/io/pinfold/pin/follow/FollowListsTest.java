package io.pinfold.pin.follow;

import static io.pinfold.pin.follow.FollowFixtures.column;
import static io.pinfold.pin.follow.FollowFixtures.content;
import static io.pinfold.pin.follow.FollowFixtures.keyGen;
import static io.pinfold.pin.follow.FollowFixtures.publish;
import static io.pinfold.pin.follow.FollowFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.runtime.kubo.KuboClients;
import io.pinfold.testsupport.dns.DnsServer;
import io.pinfold.testsupport.kafka.TopicProbe;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.DnsTestResource;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Follow lists against real parts: IPNS names published on a real Kubo node and re-published, DNSLink served by a
 * real dnsmasq on loopback whose TXT records the test rewrites, pins through the real API, reconciler and Kafka.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(DnsTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_test"))
class FollowListsTest {
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final int INTERVAL = 4;
    private final KuboNode first = KuboNodes.shared().first();
    private final DnsServer dns = DnsServer.shared();

    @Inject
    KuboClients clients;

    @BeforeEach
    void nodesRegistered() {
        await().atMost(SETTLE).until(() -> column("SELECT id FROM kubo_node WHERE id = 'kubo-1' AND state = 'active' AND swarm_addresses <> ''").size() == 1);
    }

    @Test
    void anIpnsNameAndADnsLinkDomainArePinnedAndFollowedWithinOneIntervalKeepingNVersionsAndUnpinningOlderAfterGrace() {
        FollowFixtures.Tenant tenant = tenant("follow");
        String a1 = content(clients, first);
        String d1 = content(clients, first);
        FollowFixtures.Key key = keyGen(first);
        publish(clients, first, key, a1);
        String domain = "site-" + UUID.randomUUID().toString().substring(0, 8) + ".pinfold.test";
        dns.txt("_dnslink." + domain, "dnslink=/ipfs/" + d1);
        String ipnsBase32 = Cid.parse(key.id()).toString(); // the same key written as CIDv1 base32 (bafzaa…): any form is one name

        tenant.call().body("{\"name\":\"sites\",\"intervalSeconds\":" + INTERVAL + ",\"keepVersions\":2,\"graceSeconds\":5,"
                        + "\"meta\":{\"team\":\"docs\"},\"entries\":[\"" + ipnsBase32 + "\",\"" + domain + "\"]}")
                .post("/follow-lists").then().statusCode(201);

        await().atMost(SETTLE).until(() -> pinnedCids(tenant, "pinned").containsAll(List.of(a1, d1)));
        JsonPath pin = tenant.call().queryParam("meta", "{\"pinfold.follow.list\":\"sites\"}").get("/pins").then().statusCode(200).extract().jsonPath();
        assertThat(pin.getList("results.pin.meta.team")).containsOnly("docs");
        assertThat(pin.getList("results.pin.meta.'pinfold.follow.entry'")).hasSize(2).doesNotHaveDuplicates();

        // Re-published and rewritten: the new targets are pinned within one interval (+ a tick and the work itself).
        String a2 = content(clients, first);
        String d2 = content(clients, first);
        publish(clients, first, key, a2);
        dns.txt("_dnslink." + domain, "dnslink=/ipfs/" + d2);
        long changed = System.nanoTime();
        await().atMost(Duration.ofSeconds(INTERVAL + 3)).pollInterval(Duration.ofMillis(100))
                .until(() -> pinnedCids(tenant, null).containsAll(List.of(a2, d2)));
        System.out.printf("follow lists: new targets pinned %d ms after the change (interval %d s)%n",
                (System.nanoTime() - changed) / 1_000_000, INTERVAL);
        assertThat(pinnedCids(tenant, null)).as("N = 2: the first versions stay").contains(a1, d1);

        String a3 = content(clients, first);
        String d3 = content(clients, first);
        publish(clients, first, key, a3);
        dns.txt("_dnslink." + domain, "dnslink=/ipfs/" + d3);
        await().atMost(Duration.ofSeconds(INTERVAL + 3)).pollInterval(Duration.ofMillis(100))
                .until(() -> pinnedCids(tenant, null).containsAll(List.of(a3, d3)));
        assertThat(pinnedCids(tenant, null)).as("within the 5 s grace the third-newest versions stay pinned").contains(a1, d1);

        await().atMost(Duration.ofSeconds(5 + INTERVAL + 5)).until(() -> !pinnedCids(tenant, null).contains(a1)
                && !pinnedCids(tenant, null).contains(d1));
        assertThat(pinnedCids(tenant, null)).containsExactlyInAnyOrder(a2, a3, d2, d3);

        JsonPath list = tenant.call().get("/follow-lists/sites").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("entries.currentPath")).containsExactlyInAnyOrder("/ipfs/" + a3, "/ipfs/" + d3);
        assertThat(list.getList("entries.name")).contains("/ipns/" + key.id());
        assertThat(list.getList("entries.versions.cid").stream().flatMap(v -> ((List<?>) v).stream()).map(Object::toString))
                .containsExactlyInAnyOrder(a2, a3, d2, d3);

        JsonPath resolutions = tenant.call().queryParam("limit", 1000).get("/follow-lists/sites/resolutions").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> all = resolutions.getList("results");
        assertThat(all).anySatisfy(r -> {
            assertThat(r.get("outcome")).isEqualTo("changed");
            assertThat(r.get("path")).isEqualTo("/ipfs/" + a3);
            assertThat(r.get("previousPath")).isEqualTo("/ipfs/" + a2);
            assertThat(r.get("pinned")).isNotNull();
        });
        assertThat(all).anySatisfy(r -> assertThat(r.get("unpinned")).asList().isNotEmpty());
        assertThat(all).anySatisfy(r -> assertThat(r.get("outcome")).isEqualTo("unchanged"));

        String entryId = column("SELECT e.id FROM follow_entry e JOIN follow_list l ON l.id = e.list_id JOIN tenant t ON t.id = l.tenant_id "
                + "WHERE t.name = '" + tenant.name() + "' AND e.kind = 'dnslink'").get(0);
        var events = TopicProbe.shared().await("pinfold.follows", record -> {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            return value.contains(entryId) && value.contains("\"outcome\":\"changed\"") && value.contains(d3);
        }, SETTLE);
        assertThat(TopicProbe.header(events.get(0), "ce_type")).isEqualTo("io.pinfold.follow.resolved");
        assertThat(events.get(0).key()).isEqualTo(entryId);
    }

    @Test
    void aFailingResolutionKeepsEveryPinAndIsRetriedAndRecorded() {
        FollowFixtures.Tenant tenant = tenant("follow-fail");
        String d1 = content(clients, first);
        String domain = "flaky-" + UUID.randomUUID().toString().substring(0, 8) + ".pinfold.test";
        dns.txt("_dnslink." + domain, "dnslink=/ipfs/" + d1);
        tenant.call().body("{\"name\":\"flaky\",\"intervalSeconds\":2,\"keepVersions\":1,\"graceSeconds\":1,\"entries\":[\"/ipns/" + domain + "\"]}")
                .post("/follow-lists").then().statusCode(201);
        await().atMost(SETTLE).until(() -> pinnedCids(tenant, null).contains(d1));

        dns.txt("_dnslink." + domain); // the record is gone: the DNS refuses the name
        await().atMost(SETTLE).until(() -> tenant.call().get("/follow-lists/flaky").then().extract().jsonPath().getInt("entries[0].failures") >= 3);
        JsonPath list = tenant.call().get("/follow-lists/flaky").then().statusCode(200).extract().jsonPath();
        assertThat(list.getString("entries[0].lastError")).contains("_dnslink." + domain).contains("REFUSED");
        assertThat(list.getString("entries[0].currentPath")).isEqualTo("/ipfs/" + d1);
        assertThat(pinnedCids(tenant, null)).as("a failure unpins nothing, grace or not").containsExactly(d1);
        JsonPath failed = tenant.call().get("/follow-lists/flaky/resolutions").then().statusCode(200).extract().jsonPath();
        assertThat(failed.getString("results[0].outcome")).isEqualTo("failed");
        assertThat(failed.getString("results[0].error")).contains("REFUSED");

        String d2 = content(clients, first);
        dns.txt("_dnslink." + domain, "dnslink=/ipfs/" + d2);
        JsonPath now = tenant.call().post("/follow-lists/flaky/resolve").then().statusCode(200).extract().jsonPath();
        assertThat(now.getList("results")).hasSizeLessThanOrEqualTo(1);
        await().atMost(SETTLE).until(() -> pinnedCids(tenant, null).contains(d2));
        await().atMost(SETTLE).until(() -> pinnedCids(tenant, null).equals(List.of(d2)));
    }

    @Test
    void onDemandResolutionAnswersWhatItResolved() {
        FollowFixtures.Tenant tenant = tenant("follow-demand");
        String a1 = content(clients, first);
        FollowFixtures.Key key = keyGen(first);
        publish(clients, first, key, a1);
        tenant.call().body("{\"name\":\"slow\",\"intervalSeconds\":3600,\"entries\":[]}").post("/follow-lists").then().statusCode(201);
        tenant.call().body("{\"target\":\"/ipns/" + key.id() + "\"}").post("/follow-lists/slow/entries").then().statusCode(201);
        await().atMost(SETTLE).until(() -> pinnedCids(tenant, null).contains(a1));

        String a2 = content(clients, first);
        publish(clients, first, key, a2);
        JsonPath answer = tenant.call().post("/follow-lists/slow/resolve").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getInt("count")).isEqualTo(1);
        assertThat(answer.getString("results[0].outcome")).isEqualTo("changed");
        assertThat(answer.getString("results[0].trigger")).isEqualTo("demand");
        assertThat(answer.getString("results[0].path")).isEqualTo("/ipfs/" + a2);
        assertThat(pinnedCids(tenant, null)).contains(a1, a2);
    }

    /** CIDs of the tenant's follow-list pins (status: that one, or any). */
    private static List<String> pinnedCids(FollowFixtures.Tenant tenant, String status) {
        return tenant.call().queryParam("meta", "{\"pinfold.follow.list\":\"" + listOf(tenant) + "\"}")
                .queryParam("status", status == null ? "queued,pinning,pinned,failed" : status).queryParam("limit", 1000)
                .get("/pins").then().statusCode(200).extract().jsonPath().getList("results.pin.cid", String.class)
                .stream().sorted().collect(Collectors.toList());
    }

    private static String listOf(FollowFixtures.Tenant tenant) {
        return column("SELECT l.name FROM follow_list l JOIN tenant t ON t.id = l.tenant_id WHERE t.name = '" + tenant.name() + "'").get(0);
    }
}
