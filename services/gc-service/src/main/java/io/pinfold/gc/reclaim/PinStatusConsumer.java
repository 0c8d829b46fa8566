package io.pinfold.gc.reclaim;

import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.pinstatus.PinStatus;
import io.pinfold.events.pinstatus.PinStatusChanged;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.gc.index.PinnedRootIndexer;
import io.pinfold.gc.placement.PinPlacements;
import io.pinfold.gc.purge.PurgeLedger;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.outbox.Inbox;
import io.pinfold.runtime.consume.ResilientDelivery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Learns what is reclaimable from pinfold.pin-status: a root unpinned on a node is recorded for that node, pinned
 * there again it is forgotten; and where pins are pinned ({@link PinPlacements}, for the drain rule). Applied once per event (inbox) and acknowledged after the commit; the root's size is
 * asked of the node afterwards, best-effort ({@link RootSizer}), and a pinned root is walked into the block index
 * ahead of targeted runs, best-effort ({@link PinnedRootIndexer}). Other statuses and other event types on the topic
 * are skipped; records that break the contract go to pinfold.pin-status.dlq.
 */
@ApplicationScoped
public class PinStatusConsumer {
    static final String CHANNEL = "pin-status";
    private static final String CONSUMER = "gc-service.pin-status";
    private static final EventCodec CODEC = new EventCodec();

    private final ResilientDelivery delivery;
    private final Inbox inbox;
    private final ReclaimableRoots roots;
    private final RootSizer sizer;
    private final PurgeLedger purges;
    private final PinPlacements placements;
    private final PinnedRootIndexer indexer;

    public PinStatusConsumer(ResilientDelivery delivery, Inbox inbox, ReclaimableRoots roots, RootSizer sizer, PurgeLedger purges,
                             PinPlacements placements, PinnedRootIndexer indexer) {
        this.indexer = indexer;
        this.purges = purges;
        this.placements = placements;
        this.delivery = delivery;
        this.inbox = inbox;
        this.roots = roots;
        this.sizer = sizer;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onPinStatus(Message<byte[]> message) {
        return delivery.deliver(CHANNEL, message, this::apply);
    }

    private Uni<Void> apply(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<EventData> envelope = CODEC.decode(record.key(), record.headers(), record.value());
        if (!(envelope.data() instanceof PinStatusChanged change)) {
            throw new InvalidEventException("ce_type", "'" + envelope.metadata().type().ceType() + "' is not published on pinfold.pin-status");
        }
        if (change.status() != PinStatus.UNPINNED && change.status() != PinStatus.PINNED) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, envelope.metadata().source(), envelope.metadata().id())
                        .chain(first -> !first ? Uni.createFrom().voidItem()
                                : change.status() == PinStatus.UNPINNED
                                        ? roots.unpinned(change.nodeId(), change.cid(), change.pinId())
                                                .chain(() -> placements.unpinned(change.nodeId(), change.pinId()))
                                        : roots.pinned(change.nodeId(), change.cid())
                                                .chain(() -> placements.pinned(change.nodeId(), change.pinId(), change.cid()))))
                // blocked content unpinned there: its purge on the node is due now
                .call(() -> change.status() == PinStatus.UNPINNED
                        ? purges.unpinnedOn(change.nodeId(), Cid.parse(change.cid()).multihash().toBase32())
                        : Uni.createFrom().voidItem())
                .invoke(() -> {
                    if (change.status() == PinStatus.UNPINNED) {
                        sizer.size(change.nodeId(), change.cid());
                    } else {
                        indexer.pinned(change.nodeId(), change.cid()); // walked into the block index ahead of runs
                    }
                });
    }
}
