package io.pinfold.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Exactly-once effect for consumers: call {@link #firstDelivery} inside the transaction that applies an
 * event; it records the event id and says whether it was new. Insert-or-nothing, never check-then-insert.
 */
@ApplicationScoped
public class Inbox {

    public Uni<Boolean> firstDelivery(String consumer, String eventId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO inbox_event (consumer, event_id) VALUES (:consumer, :id) ON CONFLICT DO NOTHING")
                .setParameter("consumer", consumer)
                .setParameter("id", eventId)
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }
}
