package io.pinfold.pin.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.pin.reconcile.KuboHttp;
import io.pinfold.pin.tenant.AdminAccess;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.CuttablePostgresTestResource;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A tenant's rules on content against real Kubo nodes, PostgreSQL and Kafka (same app and resources as
 * PinEventsConsumerTest): a DAG past a size cap ends failed naming the rule, never pinned; a root whose codec, hash
 * function or CID the rules do not allow is refused over REST (422) and dead-lettered as an event.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = CuttablePostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_consumer_test"))
class ContentRulesTest {
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final KuboNode first = KuboNodes.shared().first();
    private final KuboNode second = KuboNodes.shared().second();

    @Inject
    AgroalDataSource database;

    @Test
    void aDagPastItsSizeCapEndsFailedNamingTheRuleAndIsPinnedNowhere() throws Exception {
        await().atMost(SETTLE).until(() -> count("SELECT count(*) FROM kubo_node WHERE state = 'active'") >= 2);
        AdmissionFixtures.Tenant bytesCapped = AdmissionFixtures.tenant("bytes-cap", "{\"maxDagBytes\":20000}");
        AdmissionFixtures.Tenant blocksCapped = AdmissionFixtures.tenant("blocks-cap", "{\"maxDagBlocks\":10}");
        // 1 KiB chunks: 60 leaves of 1 KiB (and a root) on kubo-1 only; the other node fetches while dag stat walks.
        String big = KuboHttp.addRandom(first.rpcUrl(), 60_000);
        String small = KuboHttp.addRandom(first.rpcUrl(), 3_000);
        String overBytes = pin(bytesCapped, big);
        String overBlocks = pin(blocksCapped, KuboHttp.addRandom(first.rpcUrl(), 30_000));
        String underCaps = pin(bytesCapped, small);

        await().atMost(SETTLE).until(() -> "failed".equals(status(bytesCapped, overBytes).path("status")));
        Response refused = status(bytesCapped, overBytes);
        assertThat(refused.<String>path("info.admission_rule")).isEqualTo("maxDagBytes");
        assertThat(refused.<String>path("info.failure")).contains("admission rule maxDagBytes: the DAG passed 20000 bytes");
        await().atMost(SETTLE).until(() -> "failed".equals(status(blocksCapped, overBlocks).path("status")));
        assertThat(status(blocksCapped, overBlocks).<String>path("info.admission_rule")).isEqualTo("maxDagBlocks");
        await().atMost(SETTLE).until(() -> "pinned".equals(status(bytesCapped, underCaps).path("status")));

        assertThat(KuboHttp.pinned(first.rpcUrl(), big)).isFalse();
        assertThat(KuboHttp.pinned(second.rpcUrl(), big)).isFalse();
        assertThat(count("SELECT count(*) FROM node_pin WHERE pin_id = '" + overBytes + "' AND status <> 'failed'")).isZero();
    }

    @Test
    void aRootTheRulesDoNotAllowIsRefusedOverRestAndDeadLetteredAsAnEvent() throws Exception {
        Cid listed = dagPb(Multihash.of(0x12, random(32)));
        Cid byPath = dagPb(Multihash.of(0x12, random(32)));
        String allowedPrefix = listed.toString().substring(0, 20);
        AdmissionFixtures.Tenant tenant = AdmissionFixtures.tenant("roots", "{\"allowedCodecs\":[\"dag-pb\"],\"allowedHashFunctions\":[\"sha2-256\"],"
                + "\"allowedPrefixes\":[\"" + allowedPrefix + "\",\"/ipfs/" + byPath.toV0() + "\"]}");
        String raw = Cid.v1(Codec.RAW, Multihash.of(0x12, random(32))).toString();
        String sha512 = dagPb(Multihash.of(0x13, random(64))).toString();
        String unlisted = dagPb(Multihash.of(0x12, random(32))).toString();

        AdminAccess.bearer(tenant.token()).body("{\"cid\":\"" + raw + "\"}").post("/pins").then().statusCode(422)
                .body("error.reason", equalTo("ADMISSION_REFUSED"))
                .body("error.details", equalTo("cid: admission rule allowedCodecs: the root's codec raw is not one of [dag-pb]"));
        AdminAccess.bearer(tenant.token()).body("{\"cid\":\"" + sha512 + "\"}").post("/pins").then().statusCode(422)
                .body("error.details", equalTo("cid: admission rule allowedHashFunctions: the root's hash function sha2-512 is not one of [sha2-256]"));
        AdminAccess.bearer(tenant.token()).body("{\"cid\":\"" + unlisted + "\"}").post("/pins").then().statusCode(422)
                .body("error.details", startsWith("cid: admission rule allowedPrefixes: cid " + unlisted + " matches none of"));
        AdminAccess.bearer(tenant.token()).body("{\"cid\":\"" + listed + "\"}").post("/pins").then().statusCode(202);
        AdminAccess.bearer(tenant.token()).body("{\"cid\":\"" + byPath + "\"}").post("/pins").then().statusCode(202);

        AdmissionFixtures.Event rawEvent = AdmissionFixtures.request(tenant.name(), raw);
        AdmissionFixtures.Event sha512Event = AdmissionFixtures.request(tenant.name(), sha512);
        AdmissionFixtures.Event unlistedEvent = AdmissionFixtures.request(tenant.name(), unlisted);
        AdmissionFixtures.Event allowedEvent = AdmissionFixtures.request(tenant.name(), byPath.toV0().toString());
        for (AdmissionFixtures.Event event : java.util.List.of(rawEvent, sha512Event, unlistedEvent, allowedEvent)) {
            event.publish();
        }
        assertThat(AdmissionFixtures.deadLetterReason(rawEvent.id())).contains("cid: admission rule allowedCodecs: the root's codec raw");
        assertThat(AdmissionFixtures.deadLetterReason(sha512Event.id())).contains("cid: admission rule allowedHashFunctions: the root's hash function sha2-512");
        assertThat(AdmissionFixtures.deadLetterReason(unlistedEvent.id())).contains("cid: admission rule allowedPrefixes");
        await().atMost(SETTLE).until(() -> count("SELECT count(*) FROM desired_pin WHERE pin_id = '" + allowedEvent.pinId() + "'") == 1);
        assertThat(count("SELECT count(*) FROM desired_pin WHERE tenant = '" + tenant.name() + "'")).isEqualTo(3);

        AdminAccess.operator().body("{\"allowedCodecs\":[\"dag-pbb\"],\"maxDagBytes\":-1,\"allowedPrefixes\":[\"/ipfs/nope\"]}")
                .put("/admin/tenants/" + tenant.id() + "/admission").then().statusCode(400)
                .body("error.details", org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("maxDagBytes: must be at least 0"),
                        org.hamcrest.Matchers.containsString("allowedCodecs[0]: 'dag-pbb' is no multicodec codec name"),
                        org.hamcrest.Matchers.containsString("allowedPrefixes[0]: '/ipfs/nope' is no /ipfs/<cid> path")));
        AdminAccess.operator().get("/admin/tenants/" + tenant.id() + "/admission").then().statusCode(200)
                .body("allowedCodecs[0]", equalTo("dag-pb")).body("requireSignedEvents", equalTo(false));
    }

    private static String pin(AdmissionFixtures.Tenant tenant, String cid) {
        return AdminAccess.bearer(tenant.token()).body("{\"cid\":\"" + cid + "\"}").post("/pins").then().statusCode(202).extract().path("requestid");
    }

    private static Response status(AdmissionFixtures.Tenant tenant, String pinId) {
        return AdminAccess.bearer(tenant.token()).get("/pins/" + pinId);
    }

    private static Cid dagPb(Multihash multihash) {
        return Cid.v1(Codec.DAG_PB, multihash);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private long count(String sql) throws Exception {
        try (var connection = database.getConnection(); var query = connection.createStatement(); var rows = query.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
