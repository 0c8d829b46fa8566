package io.pinfold.pin.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.pin.tenant.AdminAccess;
import io.pinfold.testsupport.kafka.TopicProbe;
import io.pinfold.testsupport.quarkus.CuttablePostgresTestResource;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signed pin events on the real broker (same app and resources as PinEventsConsumerTest): a tenant that requires
 * signatures gets pins from events signed by its registered keys, and nothing else; every refusal is dead-lettered
 * with its reason; a replayed event is one pin.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = CuttablePostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_consumer_test"))
class SignedPinEventsTest {
    private static final String CID = "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    private static final String SIGNED = "{\"requireSignedEvents\":true}";
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource database;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    @Test
    void aSignedEventIsPinnedOnceEvenWhenReplayedWhileRestNeedsNoSignature() throws Exception {
        AdmissionFixtures.Tenant tenant = AdmissionFixtures.tenant("signed", SIGNED);
        KeyPair pair = AdmissionFixtures.ed25519();
        String keyId = AdmissionFixtures.register(tenant, Base64.getEncoder().encodeToString(AdmissionFixtures.raw(pair)));

        AdmissionFixtures.Event event = AdmissionFixtures.request(tenant.name(), CID).signedBy(pair, keyId);
        event.publish();
        event.publish(); // the same signed record again: a replay within the window
        // Behind both in the same partition (same key): an altered copy under a new id, refused. Once its dead letter is
        // there, the replay before it has been consumed too.
        AdmissionFixtures.Event altered = AdmissionFixtures.request(tenant.name(), CID).signedBy(pair, keyId);
        altered = new AdmissionFixtures.Event(event.pinId(), altered.id(), event.key(), altered.headers(),
                AdmissionFixtures.encode(new PinRequested(event.pinId(), tenant.name(), CID, "altered after signing", null, null, null)));
        altered.publish();

        assertThat(AdmissionFixtures.deadLetterReason(altered.id()))
                .contains("ce_pinfoldsignature: not a valid Ed25519 signature by publisher key '" + keyId + "'");
        await().atMost(SETTLE).until(() -> count("SELECT count(*) FROM desired_pin WHERE pin_id = '" + event.pinId() + "'") == 1);
        assertThat(count("SELECT used_pins FROM tenant WHERE id = '" + tenant.id() + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM desired_pin WHERE pin_id = '" + event.pinId() + "' AND cid = '" + CID + "'")).isEqualTo(1);
        assertThat(TopicProbe.shared().await("pinfold.pins.dlq", record -> event.id().equals(TopicProbe.header(record, "ce_id")), Duration.ofSeconds(2)))
                .as("a replay is no error: applied once, never dead-lettered").isEmpty();

        // The tenant's own token over REST needs no signature.
        String pinId = AdminAccess.bearer(tenant.token()).body("{\"cid\":\"" + CID + "\"}").post("/pins")
                .then().statusCode(202).extract().path("requestid");
        assertThat(count("SELECT count(*) FROM desired_pin WHERE pin_id = '" + pinId + "'")).isEqualTo(1);
    }

    @Test
    void unsignedUnknownKeyAlteredStaleAndFutureEventsAreDeadLetteredWithTheirReason() throws Exception {
        AdmissionFixtures.Tenant tenant = AdmissionFixtures.tenant("refuse", SIGNED);
        KeyPair pair = AdmissionFixtures.ed25519();
        String keyId = AdmissionFixtures.register(tenant, Base64.getUrlEncoder().withoutPadding().encodeToString(AdmissionFixtures.raw(pair)));
        KeyPair stranger = AdmissionFixtures.ed25519();
        String otherTenantsKey = AdmissionFixtures.register(AdmissionFixtures.tenant("other", "{}"),
                Base64.getEncoder().encodeToString(AdmissionFixtures.raw(stranger)));

        AdmissionFixtures.Event unsigned = AdmissionFixtures.request(tenant.name(), CID);
        AdmissionFixtures.Event strangersKey = AdmissionFixtures.request(tenant.name(), CID).signedBy(stranger, otherTenantsKey);
        AdmissionFixtures.Event wrongKey = AdmissionFixtures.request(tenant.name(), CID).signedBy(stranger, keyId);
        AdmissionFixtures.Event signed = AdmissionFixtures.request(tenant.name(), CID).signedBy(pair, keyId);
        AdmissionFixtures.Event alteredTime = signed.withHeader("ce_time", Instant.now().plusSeconds(1).toString());
        AdmissionFixtures.Event stale = AdmissionFixtures.request(tenant.name(), CID, Instant.now().minus(Duration.ofMinutes(6))).signedBy(pair, keyId);
        AdmissionFixtures.Event future = AdmissionFixtures.request(tenant.name(), CID, Instant.now().plus(Duration.ofMinutes(5))).signedBy(pair, keyId);
        List.of(unsigned, strangersKey, wrongKey, alteredTime, stale, future).forEach(AdmissionFixtures.Event::publish);

        assertThat(AdmissionFixtures.deadLetterReason(unsigned.id()))
                .contains("ce_pinfoldsignature: tenant '" + tenant.name() + "' requires pin events signed by one of its publisher keys");
        assertThat(AdmissionFixtures.deadLetterReason(strangersKey.id()))
                .contains("ce_pinfoldkeyid: no publisher key '" + otherTenantsKey + "' is registered for tenant '" + tenant.name() + "'");
        assertThat(AdmissionFixtures.deadLetterReason(wrongKey.id())).contains("ce_pinfoldsignature: not a valid Ed25519 signature");
        assertThat(AdmissionFixtures.deadLetterReason(alteredTime.id())).contains("ce_pinfoldsignature: not a valid Ed25519 signature");
        assertThat(AdmissionFixtures.deadLetterReason(stale.id())).contains("ce_time: the signed event is stale")
                .contains("pinfold.admission.max-event-age (300 s)");
        assertThat(AdmissionFixtures.deadLetterReason(future.id())).contains("ahead of this copy's clock");
        for (AdmissionFixtures.Event refused : List.of(unsigned, strangersKey, wrongKey, alteredTime, stale, future)) {
            assertThat(count("SELECT count(*) FROM desired_pin WHERE pin_id = '" + refused.pinId() + "'")).as(refused.pinId()).isZero();
        }
    }

    @Test
    void aRevokedKeysLaterSignaturesAreRefusedAndKeysAreValidatedNamingTheField() throws Exception {
        AdmissionFixtures.Tenant tenant = AdmissionFixtures.tenant("revoke", SIGNED);
        KeyPair pair = AdmissionFixtures.ed25519();
        String keyId = AdmissionFixtures.register(tenant, "z" + com.apicatalog.base.Base58.encode(AdmissionFixtures.raw(pair)));
        AdmissionFixtures.Event before = AdmissionFixtures.request(tenant.name(), CID).signedBy(pair, keyId);
        before.publish();
        await().atMost(SETTLE).until(() -> count("SELECT count(*) FROM desired_pin WHERE pin_id = '" + before.pinId() + "'") == 1);

        AdminAccess.operator().delete("/admin/tenants/" + tenant.id() + "/publisher-keys/" + keyId).then().statusCode(200)
                .body("revokedAt", org.hamcrest.Matchers.notNullValue());
        AdminAccess.operator().get("/admin/tenants/" + tenant.id() + "/publisher-keys").then().statusCode(200)
                .body("[0].id", org.hamcrest.Matchers.equalTo(keyId)).body("[0].revokedAt", org.hamcrest.Matchers.notNullValue())
                .body("[0].publicKey", org.hamcrest.Matchers.equalTo(Base64.getEncoder().encodeToString(AdmissionFixtures.raw(pair))));
        AdmissionFixtures.Event after = AdmissionFixtures.request(tenant.name(), CID).signedBy(pair, keyId);
        after.publish();
        assertThat(AdmissionFixtures.deadLetterReason(after.id())).contains("ce_pinfoldkeyid: publisher key '" + keyId + "' of tenant '"
                + tenant.name() + "' was revoked at");
        assertThat(count("SELECT count(*) FROM desired_pin WHERE pin_id = '" + after.pinId() + "'")).isZero();

        AdminAccess.operator().body("{\"publicKey\":\"" + Base64.getEncoder().encodeToString(new byte[31]) + "\",\"label\":\"short\"}")
                .post("/admin/tenants/" + tenant.id() + "/publisher-keys").then().statusCode(400)
                .body("error.details", org.hamcrest.Matchers.equalTo("publicKey: must decode to the raw 32-byte Ed25519 public key, decoded to 31 bytes"));
        AdminAccess.operator().body("{\"publicKey\":\"not a key!\",\"label\":\"bad\"}")
                .post("/admin/tenants/" + tenant.id() + "/publisher-keys").then().statusCode(400)
                .body("error.details", org.hamcrest.Matchers.startsWith("publicKey: is neither base64 nor multibase"));
        AdminAccess.bearer(tenant.token()).body("{\"publicKey\":\"" + Base64.getEncoder().encodeToString(AdmissionFixtures.raw(pair)) + "\",\"label\":\"x\"}")
                .post("/admin/tenants/" + tenant.id() + "/publisher-keys").then().statusCode(403);
        io.pinfold.testsupport.quarkus.ManagementPort.given(management).get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/admin/tenants/{id}/publisher-keys/{keyId}"))
                .body(org.hamcrest.Matchers.containsString("/admin/tenants/{id}/admission"));
    }

    private long count(String sql) throws Exception {
        try (var connection = database.getConnection(); var query = connection.createStatement(); var rows = query.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
