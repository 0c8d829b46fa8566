package io.pinfold.pin.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventMetadata;
import io.pinfold.events.EventType;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.pin.tenant.AdminAccess;
import io.pinfold.testsupport.kafka.RecordPublisher;
import io.pinfold.testsupport.kafka.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Tenants with admission rules, publisher keys, and pin events signed as an outside publisher signs them. */
final class AdmissionFixtures {
    static final String SOURCE = "/datasets/ingest";
    private static final EventCodec CODEC = new EventCodec();

    private AdmissionFixtures() {
    }

    record Tenant(String id, String name, String token) {
    }

    /** A fresh tenant with these rules (a JSON body for PUT /admin/tenants/{id}/admission) and one API token. */
    static Tenant tenant(String prefix, String rulesJson) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String id = AdminAccess.createTenant(name);
        AdminAccess.operator().body(rulesJson).put("/admin/tenants/" + id + "/admission").then().statusCode(200);
        return new Tenant(id, name, AdminAccess.issueToken(id, "admission test"));
    }

    static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** The raw 32 key bytes: the last 32 of the JDK's X.509 encoding. */
    static byte[] raw(KeyPair pair) {
        byte[] encoded = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    /** Registers the key for the tenant over the admin API; answers its key id. */
    static String register(Tenant tenant, String publicKeyText) {
        return AdminAccess.operator().body("{\"publicKey\":\"" + publicKeyText + "\",\"label\":\"ingest\"}")
                .post("/admin/tenants/" + tenant.id() + "/publisher-keys").then().statusCode(201).extract().path("id");
    }

    /** A pin.requested record as it goes on pinfold.pins: key, headers, value. */
    record Event(String pinId, String id, String key, List<Header> headers, byte[] value) {
        Event withHeader(String name, String value) {
            List<Header> all = new ArrayList<>(headers);
            all.removeIf(header -> header.key().equals(name));
            all.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
            return new Event(pinId, id, key, List.copyOf(all), this.value);
        }

        Event withValue(byte[] other) {
            return new Event(pinId, id, key, headers, other);
        }

        /** Signed as the contract says: Ed25519 over "pinfold-event-signature-v1\n" id \n source \n time \n hex(sha256(value)). */
        Event signedBy(KeyPair pair, String keyId) throws Exception {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(EventSignature.signedBytes(header(CloudEventHeaders.ID), header(CloudEventHeaders.SOURCE), header(CloudEventHeaders.TIME), value));
            return withHeader(EventSignature.SIGNATURE_HEADER, Base64.getEncoder().encodeToString(signer.sign()))
                    .withHeader(EventSignature.KEY_ID_HEADER, keyId);
        }

        String header(String name) {
            return headers.stream().filter(header -> header.key().equals(name)).reduce((a, b) -> b)
                    .map(header -> new String(header.value(), StandardCharsets.UTF_8)).orElseThrow();
        }

        void publish() {
            RecordPublisher.shared().publish("pinfold.pins", key, headers, value);
        }
    }

    static Event request(String tenant, String cid, Instant time) {
        String pinId = "adm-" + UUID.randomUUID();
        PinRequested data = new PinRequested(pinId, tenant, cid, null, null, null, null);
        EventMetadata metadata = new EventMetadata(UUID.randomUUID().toString(), SOURCE, EventType.PIN_REQUESTED, time, cid, null);
        EventEnvelope<PinRequested> event = new EventEnvelope<>(pinId, metadata, data);
        return new Event(pinId, metadata.id(), event.key(), CloudEventHeaders.write(event), CODEC.encode(data));
    }

    static Event request(String tenant, String cid) {
        return request(tenant, cid, Instant.now());
    }

    static byte[] encode(PinRequested data) {
        return CODEC.encode(data);
    }

    /** The dead-letter reason of the one DLQ record of event {@code id}. */
    static String deadLetterReason(String id) {
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.shared().await("pinfold.pins.dlq",
                record -> id.equals(TopicProbe.header(record, "ce_id")), Duration.ofSeconds(30));
        assertThat(dead).as("dead letters of event " + id).hasSize(1);
        return TopicProbe.header(dead.get(0), "dead-letter-reason");
    }
}
