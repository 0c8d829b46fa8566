package io.pinfold.pin.denylist;

import io.pinfold.events.Topic;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.denylist.DenylistEntryKind;
import io.pinfold.events.kafka.EventValidator;
import io.pinfold.events.kafka.Validation;
import io.pinfold.pin.reconcile.PinAggregate;
import io.pinfold.runtime.consume.ResilientDelivery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Applies pinfold.denylist (compacted) to blocked_content. An entry that blocks whole content (kind cid) makes every
 * wanted per-node row of that multihash due at once, so the reconciler removes the copies and fails the pins with
 * the entry's reason; its tombstone deletes the entry and queues the pins it had failed again. Other kinds (a path
 * inside content, an IPNS name, a double hash) do not block a pin of the content itself and are not kept.
 * Applying is idempotent (upsert / delete by key), so a redelivered record changes nothing.
 */
@ApplicationScoped
public class DenylistConsumer {
    private static final Logger LOG = Logger.getLogger(DenylistConsumer.class);
    static final String CHANNEL = "denylist";

    private final EventValidator validator = new EventValidator();
    private final ResilientDelivery delivery;

    public DenylistConsumer(ResilientDelivery delivery) {
        this.delivery = delivery;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onEntry(Message<byte[]> message) {
        return delivery.deliver(CHANNEL, message, this::apply);
    }

    private Uni<Void> apply(ConsumerRecord<String, byte[]> record) {
        Validation verdict = validator.validate(Topic.DENYLIST, record.key(), record.headers(), record.value());
        if (verdict instanceof Validation.Rejected rejected) {
            return Uni.createFrom().failure(rejected.toException());
        }
        if (verdict instanceof Validation.Removal removal) {
            return Panache.withTransaction(() -> unblock(removal.key()));
        }
        var accepted = (Validation.Accepted) verdict;
        if (!(accepted.event().data() instanceof DenylistEntryAdded entry) || entry.kind() != DenylistEntryKind.CID) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> block(entry, accepted.event().metadata().time().atOffset(ZoneOffset.UTC)));
    }

    private Uni<Void> block(DenylistEntryAdded entry, java.time.OffsetDateTime at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                INSERT INTO blocked_content (entry_key, multihash, status, reason, notice_id, added_at)
                                VALUES (:key, :multihash, :status, :reason, :notice, :at)
                                ON CONFLICT (entry_key) DO UPDATE SET multihash = EXCLUDED.multihash, status = EXCLUDED.status,
                                    reason = EXCLUDED.reason, notice_id = EXCLUDED.notice_id""")
                        .setParameter("key", entry.recordKey())
                        .setParameter("multihash", entry.multihash())
                        .setParameter("status", entry.status())
                        .setParameter("reason", entry.reason())
                        .setParameter("notice", entry.noticeId())
                        .setParameter("at", at)
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery("""
                                        UPDATE node_pin SET next_attempt_at = now()
                                        WHERE multihash = :multihash AND wanted AND status <> 'failed'""")
                                .setParameter("multihash", entry.multihash())
                                .executeUpdate()))
                .invoke(rows -> LOG.infof("content %s blocked (%d per-node pins to remove)", entry.multihash(), rows))
                .replaceWithVoid();
    }

    private Uni<Void> unblock(String key) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                WITH gone AS (DELETE FROM blocked_content WHERE entry_key = :key RETURNING multihash)
                                UPDATE node_pin SET status = 'queued', attempts = 0, failure_reason = NULL, next_attempt_at = now()
                                WHERE multihash IN (SELECT multihash FROM gone) AND wanted AND status = 'failed'
                                  AND failure_reason LIKE :blocked
                                  AND NOT EXISTS (SELECT 1 FROM blocked_content b WHERE b.multihash = node_pin.multihash AND b.entry_key <> :key)""")
                        .setParameter("key", key)
                        .setParameter("blocked", PinAggregate.BLOCKED_PREFIX + "%")
                        .executeUpdate())
                .invoke(rows -> LOG.infof("denylist entry %s removed (%d per-node pins queued again)", key, rows))
                .replaceWithVoid();
    }
}
