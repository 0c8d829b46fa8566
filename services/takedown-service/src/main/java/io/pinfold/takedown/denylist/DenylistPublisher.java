package io.pinfold.takedown.denylist;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.denylist.DenylistEntry;
import io.pinfold.denylist.DoubleHashFunction;
import io.pinfold.denylist.DoubleHashes;
import io.pinfold.denylist.Hints;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.Topic;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.outbox.Outbox;
import io.pinfold.takedown.InOrder;
import io.pinfold.takedown.access.Actor;
import io.pinfold.takedown.audit.AuditAction;
import io.pinfold.takedown.audit.AuditEntry;
import io.pinfold.takedown.audit.AuditTrail;
import io.pinfold.takedown.notice.LegalBasis;
import io.pinfold.takedown.notice.ParsedTarget;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Turns accepted targets into denylist entries and takes them away again, inside the caller's transaction: each
 * entry row, its event on pinfold.denylist (through the outbox) and its audit record commit together or not at all.
 *
 * <p>Every published entry is also appended to the .deny feed ({@link DenylistFeed}): its rule when added, the
 * negated rule when its key is tombstoned.
 *
 * <p>Several notices can block the same entry (same key): each holds a row, the topic carries the latest holder's
 * entry, and only when the last holder goes does a tombstone remove the key. Each key is locked (transaction-scoped
 * advisory lock, keys in sorted order) before its holders are read, so a restore and a concurrent acceptance of the
 * same entry cannot both believe they are the last and leave a tombstone over a live block.
 */
@ApplicationScoped
public class DenylistPublisher {
    private final Outbox outbox;
    private final AuditTrail audit;
    private final DenylistConfig config;
    private final DenylistFeed feed;
    private final MeterRegistry metrics;
    private final EventCodec codec = new EventCodec();

    public DenylistPublisher(Outbox outbox, AuditTrail audit, DenylistConfig config, DenylistFeed feed, MeterRegistry metrics) {
        this.outbox = outbox;
        this.audit = audit;
        this.config = config;
        this.feed = feed;
        this.metrics = metrics;
    }

    private record Planned(DenylistEntry entry, Cid cid, boolean doubleHashed) {
    }

    /** Blocks the targets for the notice; answers the entry keys, sorted. */
    @WithSpan("denylist.block")
    public Uni<List<String>> block(UUID noticeId, LegalBasis basis, List<ParsedTarget> targets, Actor actor, String reason) {
        Hints hints = Hints.of(noticeId.toString(), basis.legalReason(), basis.status());
        // One entry per key: a notice may name the same content twice (a CIDv0 and a CIDv1 of it, say).
        TreeMap<String, Planned> byKey = new TreeMap<>();
        for (ParsedTarget target : targets) {
            DenylistEntry entry = target.entry(hints);
            Planned planned = config.doubleHash() && !entry.path().prefix()
                    ? new Planned(DoubleHashes.hide(entry, DoubleHashFunction.SHA2_256), null, true)
                    : new Planned(entry, target.cid(), false);
            byKey.putIfAbsent(planned.entry().key(), planned);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Span.current().setAttribute("pinfold.denylist.entries", byKey.size());
        List<AuditEntry> records = new ArrayList<>();
        // Every key lock first, in key order, then the global feed and audit locks: one order for every transaction.
        return InOrder.each(new ArrayList<>(byKey.keySet()), DenylistPublisher::lock)
                .chain(() -> InOrder.each(new ArrayList<>(byKey.entrySet()), item -> {
                    String key = item.getKey();
                    Planned planned = item.getValue();
                    DenylistEntryAdded event = DenylistEntryAdded.of(planned.entry(), planned.cid(), reason, noticeId.toString());
                    DenylistEntryRow row = new DenylistEntryRow();
                    row.entryKey = key;
                    row.noticeId = noticeId;
                    row.rule = event.rule();
                    row.kind = event.kind().json();
                    row.legalBasis = basis.code();
                    row.status = event.status();
                    row.doubleHashed = planned.doubleHashed();
                    row.event = codec.encodeToString(event);
                    row.createdAt = now;
                    row.createdBy = actor.name();
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("key", key);
                    details.put("rule", event.rule());
                    details.put("noticeId", noticeId.toString());
                    details.put("legalBasis", basis.code());
                    details.put("status", event.status());
                    details.put("doubleHashed", planned.doubleHashed());
                    records.add(new AuditEntry(actor.name(), AuditAction.DENYLIST_ENTRY_ADDED, subject(key), reason, details));
                    return row.persist()
                            .chain(() -> outbox.append(EventEnvelope.create(PinfoldSource.TAKEDOWN_SERVICE, event)))
                            .chain(() -> feed.blocked(planned.entry()))
                            .invoke(() -> count("added"));
                }))
                .chain(() -> InOrder.each(records, audit::append))
                .replaceWith(() -> List.copyOf(byKey.keySet()));
    }

    /** Removes every entry the notice holds: a tombstone for each key no other notice holds, else that holder's entry again. */
    @WithSpan("denylist.unblock")
    public Uni<Integer> unblock(UUID noticeId, Actor actor, String reason) {
        List<AuditEntry> records = new ArrayList<>();
        return DenylistEntryRow.<DenylistEntryRow>list("noticeId = ?1 order by entryKey", noticeId)
                .chain(rows -> InOrder.each(rows, row -> lock(row.entryKey))
                        .chain(() -> InOrder.each(rows, row -> row.delete()
                                .chain(Panache::flush)
                                .chain(() -> DenylistEntryRow.<DenylistEntryRow>find("entryKey = ?1 order by createdAt desc, noticeId", row.entryKey)
                                        .<DenylistEntryRow>firstResult())
                                .chain(remaining -> {
                                    DenylistEntryAdded removed = codec.decode(DenylistEntryAdded.class, row.event);
                                    Uni<Void> publish;
                                    if (remaining == null) {
                                        publish = outbox.appendTombstone(Topic.DENYLIST, row.entryKey, PinfoldSource.TAKEDOWN_SERVICE)
                                                .chain(() -> feed.removed(removed.entry()));
                                    } else {
                                        DenylistEntryAdded kept = codec.decode(DenylistEntryAdded.class, remaining.event);
                                        publish = outbox.append(EventEnvelope.create(PinfoldSource.TAKEDOWN_SERVICE, kept))
                                                .chain(() -> feed.blocked(kept.entry()));
                                    }
                                    Map<String, Object> details = new LinkedHashMap<>();
                                    details.put("key", row.entryKey);
                                    details.put("rule", row.rule);
                                    details.put("noticeId", noticeId.toString());
                                    details.put("tombstoned", remaining == null);
                                    details.put("stillBlockedBy", remaining == null ? null : remaining.noticeId.toString());
                                    records.add(new AuditEntry(actor.name(), AuditAction.DENYLIST_ENTRY_REMOVED, subject(row.entryKey), reason, details));
                                    return publish.invoke(() -> count("removed"));
                                })))
                        .chain(() -> InOrder.each(records, audit::append))
                        .replaceWith(rows.size()));
    }

    private static Uni<Integer> lock(String key) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:lockKey, 0))", Integer.class)
                .setParameter("lockKey", EntryLocks.PREFIX + key)
                .getSingleResult());
    }

    /** Audit subjects hold 500 characters; a long path's full key is in the details. */
    private static String subject(String key) {
        return key.length() <= 500 ? key : key.substring(0, 497) + "...";
    }

    private void count(String change) {
        Counter.builder("pinfold.denylist.changes").description("Denylist entries added and removed by notices")
                .tag("change", change).register(metrics).increment();
    }
}
