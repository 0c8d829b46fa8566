package io.pinfold.pin.admission;

import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.pin.tenant.Tenant;
import io.pinfold.runtime.consume.RecordRefusedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The signature rule on pin.requested events from outside publishers ({@link EventSignature} says what is signed).
 * An event is checked when its tenant requires signed events, or when it carries a signature at all (a bad signature
 * is never ignored): the key must be one of the tenant's registered keys, not revoked, and the signature must verify.
 * A signed event must also be fresh: ce_time within {@code pinfold.admission.max-event-age} before now and
 * {@code max-future-skew} after, so a captured event cannot be published again later; within the window the same
 * (ce_source, ce_id) is applied once by the inbox, and a new ce_id breaks the signature. Every refusal is the
 * record's fault ({@link RecordRefusedException}): dead-lettered at once with the reason.
 */
@ApplicationScoped
public class SignedEvents {
    private final AdmissionConfig config;
    private final Clock clock;

    public SignedEvents(AdmissionConfig config) {
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** Whether the event was checked as signed (then {@link #checkFresh} applies); fails with the reason when it is refused. */
    public Uni<Boolean> checkSignature(ConsumerRecord<String, byte[]> record, String tenantName) {
        String signature = header(record, EventSignature.SIGNATURE_HEADER);
        String keyId = header(record, EventSignature.KEY_ID_HEADER);
        return Tenant.<Tenant>find("name", tenantName).firstResult().chain(tenant -> {
            if (tenant == null) {
                return Uni.createFrom().item(false); // the pin request itself is refused naming the unknown tenant
            }
            return AdmissionRules.<AdmissionRules>findById(tenant.id).chain(rules -> {
                boolean required = rules != null && rules.requireSignedEvents;
                if (signature == null && keyId == null) {
                    if (required) {
                        throw new RecordRefusedException(EventSignature.SIGNATURE_HEADER + ": tenant '" + tenantName
                                + "' requires pin events signed by one of its publisher keys; this event carries no signature");
                    }
                    return Uni.createFrom().item(false);
                }
                if (signature == null || keyId == null) {
                    throw new RecordRefusedException((signature == null ? EventSignature.SIGNATURE_HEADER : EventSignature.KEY_ID_HEADER)
                            + ": is required with " + (signature == null ? EventSignature.KEY_ID_HEADER : EventSignature.SIGNATURE_HEADER));
                }
                UUID id = keyId(keyId, tenantName);
                return PublisherKey.<PublisherKey>findById(id).map(key -> {
                    verify(record, tenantName, keyId, signature, key, tenant.id);
                    return true;
                });
            });
        });
    }

    /** A signed event's ce_time must lie in [now - max-event-age, now + max-future-skew]. */
    public void checkFresh(Instant time) {
        Instant now = clock.instant();
        Duration age = Duration.between(time, now);
        if (age.compareTo(config.maxEventAge()) > 0) {
            throw new RecordRefusedException(CloudEventHeaders.TIME + ": the signed event is stale: " + time + " is " + age.toSeconds()
                    + " s old, more than pinfold.admission.max-event-age (" + config.maxEventAge().toSeconds() + " s)");
        }
        if (age.negated().compareTo(config.maxFutureSkew()) > 0) {
            throw new RecordRefusedException(CloudEventHeaders.TIME + ": the signed event is dated " + time + ", " + age.negated().toSeconds()
                    + " s ahead of this copy's clock, more than pinfold.admission.max-future-skew (" + config.maxFutureSkew().toSeconds() + " s)");
        }
    }

    private static void verify(ConsumerRecord<String, byte[]> record, String tenantName, String keyId, String signature, PublisherKey key,
                               UUID tenantId) {
        if (key == null || !key.tenantId.equals(tenantId)) {
            throw new RecordRefusedException(EventSignature.KEY_ID_HEADER + ": no publisher key '" + keyId + "' is registered for tenant '"
                    + tenantName + "'");
        }
        if (key.revokedAt != null) {
            throw new RecordRefusedException(EventSignature.KEY_ID_HEADER + ": publisher key '" + keyId + "' of tenant '" + tenantName
                    + "' was revoked at " + key.revokedAt.toInstant());
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new RecordRefusedException(EventSignature.SIGNATURE_HEADER + ": is not base64 (" + e.getMessage() + ")");
        }
        byte[] signed = EventSignature.signedBytes(header(record, CloudEventHeaders.ID), header(record, CloudEventHeaders.SOURCE),
                header(record, CloudEventHeaders.TIME), record.value());
        if (!Ed25519Keys.verify(key.publicKey, signed, signatureBytes)) {
            throw new RecordRefusedException(EventSignature.SIGNATURE_HEADER + ": not a valid Ed25519 signature by publisher key '" + keyId
                    + "' over this event's ce_id, ce_source, ce_time and data (altered, or signed over other bytes)");
        }
    }

    private static UUID keyId(String keyId, String tenantName) {
        try {
            return UUID.fromString(keyId);
        } catch (IllegalArgumentException e) {
            throw new RecordRefusedException(EventSignature.KEY_ID_HEADER + ": no publisher key '" + keyId + "' is registered for tenant '"
                    + tenantName + "' (key ids are UUIDs)");
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
