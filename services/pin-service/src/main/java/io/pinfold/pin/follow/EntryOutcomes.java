package io.pinfold.pin.follow;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.follow.FollowOutcome;
import io.pinfold.events.follow.FollowResolved;
import io.pinfold.outbox.Outbox;
import io.pinfold.pin.desired.DesiredPin;
import io.pinfold.pin.desired.PinInput;
import io.pinfold.pin.desired.PinRequests;
import io.pinfold.pin.follow.resolve.TargetResolver.Resolved;
import io.pinfold.pin.tenant.Tenant;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes what one claimed visit of an entry came to, in ONE transaction: the new target's pin (through
 * {@link PinRequests}, so quotas, the denylist and pin.requested apply as for REST), the versions kept and those
 * whose grace ended unpinned, the resolution record, io.pinfold.follow.resolved in the outbox, the next due time
 * and the claim handed back. So a copy that dies halfway leaves nothing half-made, and a copy whose claim was
 * taken over (its token no longer on the row) writes nothing at all. A failed resolution changes no pin.
 */
@ApplicationScoped
public class EntryOutcomes {
    public static final String META_LIST = "pinfold.follow.list";
    public static final String META_ENTRY = "pinfold.follow.entry";

    private final PinRequests pins;
    private final Outbox outbox;
    private final FollowConfig config;

    public EntryOutcomes(PinRequests pins, Outbox outbox, FollowConfig config) {
        this.pins = pins;
        this.outbox = outbox;
        this.config = config;
    }

    /** What the resolution gave: a path, or why it failed; both null for a visit that only unpins expired versions. */
    public record Result(Resolved resolved, String error, long durationMs) {
        static Result unpinOnly() {
            return new Result(null, null, 0);
        }
    }

    /** @return the recorded resolution, or null when the claim was lost (or there was nothing to record) */
    public Uni<FollowResolution> record(EntryLeases.Claim claim, String trigger, Result result) {
        return Panache.withTransaction(() -> FollowEntry.<FollowEntry>findById(claim.entryId(), LockModeType.PESSIMISTIC_WRITE)
                .chain(entry -> {
                    if (entry == null || !claim.token().equals(entry.leaseToken)) {
                        return Uni.createFrom().nullItem();
                    }
                    return FollowList.<FollowList>findById(entry.listId).chain(list -> Tenant.<Tenant>findById(list.tenantId)
                            .chain(tenant -> apply(entry, list, tenant, trigger, result)));
                }));
    }

    private Uni<FollowResolution> apply(FollowEntry entry, FollowList list, Tenant tenant, String trigger, Result result) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        FollowResolution resolution = new FollowResolution();
        resolution.id = UUID.randomUUID();
        resolution.entryId = entry.id;
        resolution.listId = list.id;
        resolution.resolvedAt = now;
        resolution.trigger = trigger;
        resolution.durationMs = result.durationMs();
        resolution.previousPath = entry.currentPath;
        entry.leaseOwner = null;
        entry.leaseToken = null;
        entry.leaseUntil = null;

        if (result.error() != null) {
            entry.failures += 1;
            entry.lastError = result.error();
            entry.nextResolveAt = now.plus(backoff(list, entry.failures));
            resolution.outcome = "failed";
            resolution.error = result.error();
            return finish(entry, list, tenant, resolution, List.of());
        }
        Uni<Void> pinned = Uni.createFrom().voidItem();
        if (result.resolved() != null) {
            Resolved resolved = result.resolved();
            entry.failures = 0;
            entry.lastError = null;
            entry.resolvedAt = now;
            entry.nextResolveAt = nextSchedule(list, now);
            resolution.path = resolved.path();
            resolution.outcome = resolved.path().equals(entry.currentPath) ? "unchanged" : "changed";
            entry.currentPath = resolved.path();
            pinned = keep(entry, list, tenant, resolved, now, resolution);
        }
        return pinned.chain(() -> retireOld(entry, list, now))
                .chain(() -> unpinExpired(entry, tenant, now))
                .chain(unpinned -> {
                    if (result.resolved() == null) {
                        if (unpinned.isEmpty()) {
                            return Panache.getSession().chain(session -> session.flush()).replaceWith((FollowResolution) null);
                        }
                        resolution.outcome = "unpinned";
                        resolution.path = entry.currentPath;
                    }
                    return finish(entry, list, tenant, resolution, unpinned);
                });
    }

    /** The resolved target's version: revived when the entry still holds it, else a new pin of the tenant's. */
    private Uni<Void> keep(FollowEntry entry, FollowList list, Tenant tenant, Resolved resolved, OffsetDateTime now,
                           FollowResolution resolution) {
        return FollowVersion.<FollowVersion>find("entryId = ?1 and cid = ?2 and unpinnedAt is null", entry.id, resolved.cid())
                .firstResult()
                .chain(held -> {
                    if (held != null) {
                        if (!"unchanged".equals(resolution.outcome)) {
                            held.currentSince = now;
                        }
                        held.unpinAfter = null;
                        held.path = resolved.path();
                        return Uni.createFrom().voidItem();
                    }
                    PinInput pin = new PinInput(resolved.cid(), pinName(entry), List.of(), FollowMeta.forPin(list, entry));
                    return pins.create(tenant.id, pin).chain(placed -> {
                        resolution.pinned = placed.pinId();
                        if ("unchanged".equals(resolution.outcome)) {
                            resolution.outcome = "changed"; // same path as recorded, but its pin was gone: pinned again
                        }
                        FollowVersion version = new FollowVersion();
                        version.id = UUID.randomUUID();
                        version.entryId = entry.id;
                        version.pinId = placed.pinId();
                        version.cid = resolved.cid();
                        version.path = resolved.path();
                        version.firstSeenAt = now;
                        version.currentSince = now;
                        return version.persist().replaceWithVoid();
                    });
                });
    }

    /** Versions past the newest N (by when they last became current) get their unpin time: now + the list's grace. */
    private static Uni<Void> retireOld(FollowEntry entry, FollowList list, OffsetDateTime now) {
        return FollowVersion.<FollowVersion>list("entryId = ?1 and unpinnedAt is null", entry.id).invoke(live -> {
            List<FollowVersion> newestFirst = new ArrayList<>(live);
            newestFirst.sort(Comparator.comparing((FollowVersion version) -> version.currentSince).reversed());
            for (int i = list.keepVersions; i < newestFirst.size(); i++) {
                FollowVersion old = newestFirst.get(i);
                if (old.unpinAfter == null) {
                    old.unpinAfter = now.plusSeconds(list.graceSeconds);
                }
            }
        }).replaceWithVoid();
    }

    /** Removes the pins of versions whose grace ended (a pin the tenant already removed is only marked). */
    private Uni<List<String>> unpinExpired(FollowEntry entry, Tenant tenant, OffsetDateTime now) {
        return FollowVersion.<FollowVersion>list("entryId = ?1 and unpinnedAt is null and unpinAfter <= ?2 order by pinId", entry.id, now)
                .chain(expired -> {
                    List<String> removed = new ArrayList<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (FollowVersion version : expired) {
                        chain = chain.chain(() -> DesiredPin.<DesiredPin>find("pinId = ?1 and removedAt is null", version.pinId).firstResult())
                                .chain(live -> {
                                    version.unpinnedAt = now;
                                    if (live == null) {
                                        return Uni.createFrom().voidItem();
                                    }
                                    removed.add(version.pinId);
                                    return pins.remove(tenant.id, version.pinId);
                                });
                    }
                    return chain.replaceWith(removed);
                });
    }

    private Uni<FollowResolution> finish(FollowEntry entry, FollowList list, Tenant tenant, FollowResolution resolution,
                                         List<String> unpinned) {
        resolution.unpinned = String.join(" ", unpinned);
        FollowResolved event = new FollowResolved(entry.id.toString(), list.name, tenant.name, entry.target, resolution.trigger,
                FollowOutcome.valueOf(resolution.outcome.toUpperCase(java.util.Locale.ROOT)), resolution.path, resolution.previousPath,
                resolution.pinned, unpinned.isEmpty() ? null : unpinned, resolution.error == null ? null : clip(resolution.error));
        return resolution.<FollowResolution>persist()
                .call(() -> outbox.append(EventEnvelope.create(PinfoldSource.PIN_SERVICE, event)))
                .call(() -> Panache.getSession().chain(session -> session.flush()));
    }

    private static OffsetDateTime nextSchedule(FollowList list, OffsetDateTime now) {
        long jitterMs = list.jitterSeconds == 0 ? 0 : ThreadLocalRandom.current().nextLong(list.jitterSeconds * 1000L + 1);
        return now.plusSeconds(list.intervalSeconds).plus(Duration.ofMillis(jitterMs));
    }

    /** retry-initial-backoff doubling per consecutive failure, capped by retry-max-backoff and by the list's interval. */
    Duration backoff(FollowList list, int failures) {
        Duration wait = config.retryInitialBackoff();
        for (int i = 1; i < failures && wait.compareTo(config.retryMaxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        Duration cap = config.retryMaxBackoff().compareTo(Duration.ofSeconds(list.intervalSeconds)) < 0
                ? config.retryMaxBackoff() : Duration.ofSeconds(list.intervalSeconds);
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    private static String pinName(FollowEntry entry) {
        return entry.target.length() <= PinInput.MAX_NAME ? entry.target : entry.target.substring(0, PinInput.MAX_NAME);
    }

    private static String clip(String error) {
        return error.length() <= 2048 ? error : error.substring(0, 2045) + "...";
    }
}
