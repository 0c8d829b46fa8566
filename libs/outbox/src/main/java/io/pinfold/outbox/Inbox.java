package io.pinfold.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Exactly-once effect for consumers: call {@link #firstDelivery} inside the transaction that applies an
 * event; it records the event and says whether it was new. Insert-or-nothing, never check-then-insert.
 * An event is identified by (ce_source, ce_id), as CloudEvents defines uniqueness: two publishers may
 * use the same id for different events. Entries are purged after {@code pinfold.inbox.retention} ({@link InboxPurge}).
 */
@ApplicationScoped
public class Inbox {

    public Uni<Boolean> firstDelivery(String consumer, String source, String eventId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO inbox_event (consumer, source, event_id) VALUES (:consumer, :source, :id) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter("consumer", consumer)
                .setParameter("source", source)
                .setParameter("id", eventId)
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }
}
