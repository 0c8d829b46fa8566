package io.pinfold.gc.purge;

import io.pinfold.events.Topic;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.denylist.DenylistEntryKind;
import io.pinfold.events.kafka.EventValidator;
import io.pinfold.events.kafka.Validation;
import io.pinfold.runtime.consume.ResilientDelivery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * pinfold.denylist → purges: content blocked as a whole (kind cid) is to be purged from every node, recorded against
 * the entry's notice; a tombstone (the entry lifted) drops the purges not done yet. Other kinds (a path inside content,
 * names, double hashes) block reads, not content, and purge nothing. Idempotent (upsert, delete by key).
 */
@ApplicationScoped
public class DenylistConsumer {
    static final String CHANNEL = "denylist";

    private final EventValidator validator = new EventValidator();
    private final ResilientDelivery delivery;
    private final PurgeLedger ledger;

    public DenylistConsumer(ResilientDelivery delivery, PurgeLedger ledger) {
        this.delivery = delivery;
        this.ledger = ledger;
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
            return ledger.lifted(removal.key());
        }
        var accepted = (Validation.Accepted) verdict;
        // The multihash names the content (and is all matchers key on); the CID is optional on the topic: an entry
        // made from a rule or imported from an outside list has none, and is purged all the same.
        if (!(accepted.event().data() instanceof DenylistEntryAdded entry) || entry.kind() != DenylistEntryKind.CID
                || entry.multihash() == null) {
            return Uni.createFrom().voidItem();
        }
        return ledger.blocked(entry.recordKey(), entry.cid(), entry.multihash(), entry.noticeId());
    }
}
