package io.pinfold.pin.follow;

import io.pinfold.pin.desired.DesiredPin;
import io.pinfold.pin.desired.PinInput;
import io.pinfold.pin.desired.PinRequests;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A tenant's follow lists and their entries: create, read, change, delete. Removing an entry or a list removes the
 * pins it still holds (through {@link PinRequests}, pin.removed announced), in the transaction that removes it;
 * its entry rows are locked first, so a resolution being recorded meanwhile either lands before (and its pin is
 * removed too) or finds the entry gone and writes nothing.
 */
@ApplicationScoped
public class FollowLists {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int DEFAULT_INTERVAL = 600;
    private static final int DEFAULT_KEEP = 1;
    private static final long DEFAULT_GRACE = 3600;
    private static final int MAX_META = PinInput.MAX_META_ENTRIES - 4;

    private final PinRequests pins;
    private final FollowConfig config;

    public FollowLists(PinRequests pins, FollowConfig config) {
        this.pins = pins;
        this.config = config;
    }

    public Uni<FollowListView> create(UUID tenantId, FollowListBody body) {
        if (body == null) {
            throw RequestRejected.badRequest("body", "a follow list is required, e.g. {\"name\":\"sites\",\"entries\":[\"docs.ipfs.tech\"]}");
        }
        if (body.name() == null || !NAME.matcher(body.name()).matches()) {
            throw RequestRejected.badRequest("name", "must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        List<String> entries = body.entries() == null ? List.of() : body.entries();
        if (entries.size() > config.maxEntries()) {
            throw RequestRejected.badRequest("entries", "at most " + config.maxEntries() + " (pinfold.follow.max-entries), was " + entries.size());
        }
        List<FollowTarget> targets = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            FollowTarget target = FollowTarget.parse("entries[" + i + "]", entries.get(i));
            if (targets.stream().anyMatch(seen -> seen.path().equals(target.path()))) {
                throw RequestRejected.badRequest("entries[" + i + "]", "repeats " + target.path());
            }
            targets.add(target);
        }
        FollowList list = new FollowList();
        list.id = UUID.randomUUID();
        list.tenantId = tenantId;
        list.name = body.name();
        list.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        settings(list, body, true);
        return Panache.withTransaction(() -> FollowList.count("tenantId = ?1", tenantId)
                .chain(count -> {
                    if (count >= config.maxLists()) {
                        throw RequestRejected.conflict("name", "the tenant has " + count + " follow lists, the most allowed (pinfold.follow.max-lists)");
                    }
                    return FollowList.count("tenantId = ?1 and name = ?2", tenantId, list.name);
                })
                .chain(same -> {
                    if (same > 0) {
                        throw RequestRejected.conflict("name", "the tenant already has a follow list named '" + list.name + "'");
                    }
                    return list.persist();
                })
                .chain(() -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (int i = 0; i < targets.size(); i++) {
                        String written = entries.get(i).strip();
                        FollowTarget target = targets.get(i);
                        chain = chain.chain(() -> newEntry(list, written, target).persist().replaceWithVoid());
                    }
                    return chain;
                }))
                .chain(() -> get(tenantId, list.name));
    }

    public Uni<List<FollowListView>> all(UUID tenantId) {
        return Panache.withSession(() -> FollowList.<FollowList>list("tenantId = ?1 order by name", tenantId)
                .chain(lists -> {
                    Uni<List<FollowListView>> views = Uni.createFrom().item(new ArrayList<>());
                    for (FollowList list : lists) {
                        views = views.chain(acc -> view(list).map(view -> {
                            acc.add(view);
                            return acc;
                        }));
                    }
                    return views;
                }));
    }

    public Uni<FollowListView> get(UUID tenantId, String name) {
        return Panache.withSession(() -> find(tenantId, name).chain(this::view));
    }

    /** The list's settings (schedule, versions, grace, pin options); entries are changed one by one. */
    public Uni<FollowListView> update(UUID tenantId, String name, FollowListBody body) {
        if (body == null) {
            throw RequestRejected.badRequest("body", "the list's settings are required");
        }
        if (body.entries() != null) {
            throw RequestRejected.badRequest("entries", "are changed with POST and DELETE on /follow-lists/{name}/entries, not here");
        }
        if (body.name() != null && !body.name().equals(name)) {
            throw RequestRejected.badRequest("name", "a list cannot be renamed");
        }
        return Panache.withTransaction(() -> find(tenantId, name).invoke(list -> settings(list, body, false)))
                .chain(() -> get(tenantId, name));
    }

    public Uni<Void> delete(UUID tenantId, String name) {
        return Panache.withTransaction(() -> find(tenantId, name).chain(list -> FollowEntry.<FollowEntry>list("listId = ?1 order by id", list.id)
                .chain(entries -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (FollowEntry entry : entries) {
                        chain = chain.chain(() -> removeEntry(tenantId, entry));
                    }
                    return chain;
                })
                .chain(() -> list.delete())));
    }

    public Uni<FollowListView.EntryView> addEntry(UUID tenantId, String name, EntryBody body) {
        if (body == null) {
            throw RequestRejected.badRequest("target", "required, e.g. {\"target\":\"docs.ipfs.tech\"}");
        }
        FollowTarget target = FollowTarget.parse("target", body.target());
        return Panache.withTransaction(() -> find(tenantId, name).chain(list -> FollowEntry.count("listId = ?1", list.id)
                .chain(count -> {
                    if (count >= config.maxEntries()) {
                        throw RequestRejected.conflict("target", "the list has " + count + " entries, the most allowed (pinfold.follow.max-entries)");
                    }
                    return FollowEntry.count("listId = ?1 and normalized = ?2", list.id, normalized(target));
                })
                .chain(same -> {
                    if (same > 0) {
                        throw RequestRejected.conflict("target", "the list already follows " + target.path());
                    }
                    FollowEntry entry = newEntry(list, body.target().strip(), target);
                    return entry.persist().replaceWith(FollowListView.entry(entry, List.of()));
                })));
    }

    public Uni<Void> deleteEntry(UUID tenantId, String name, UUID entryId) {
        return Panache.withTransaction(() -> find(tenantId, name)
                .chain(list -> FollowEntry.<FollowEntry>find("id = ?1 and listId = ?2", entryId, list.id).<FollowEntry>firstResult())
                .chain((FollowEntry entry) -> {
                    if (entry == null) {
                        throw RequestRejected.notFound("entryId: list '" + name + "' has no entry '" + entryId + "'");
                    }
                    return removeEntry(tenantId, entry);
                }));
    }

    /** The list's resolutions, newest first: at most {@code limit}, resolved before {@code before} when given. */
    public Uni<List<ResolutionView>> resolutions(UUID tenantId, String name, String limit, String before) {
        int max = parseLimit(limit);
        OffsetDateTime until = parseBefore(before);
        return Panache.withSession(() -> find(tenantId, name).chain(list -> FollowResolution.<FollowResolution>find(
                        "listId = ?1 and resolvedAt < ?2 order by resolvedAt desc, id", list.id, until)
                .page(0, max).list()))
                .map(rows -> rows.stream().map(ResolutionView::of).toList());
    }

    /** The tenant's list of that name, or 404. */
    public Uni<FollowList> find(UUID tenantId, String name) {
        return FollowList.<FollowList>find("tenantId = ?1 and name = ?2", tenantId, name).firstResult().map(list -> {
            if (list == null) {
                throw RequestRejected.notFound("name: no follow list named '" + name + "'");
            }
            return list;
        });
    }

    private Uni<Void> removeEntry(UUID tenantId, FollowEntry entry) {
        return FollowEntry.<FollowEntry>findById(entry.id, LockModeType.PESSIMISTIC_WRITE)
                .chain(locked -> FollowVersion.<FollowVersion>list("entryId = ?1 and unpinnedAt is null order by pinId", entry.id))
                .chain(versions -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (FollowVersion version : versions) {
                        chain = chain.chain(() -> DesiredPin.<DesiredPin>find("pinId = ?1 and removedAt is null", version.pinId).firstResult()
                                .chain(live -> live == null ? Uni.createFrom().voidItem() : pins.remove(tenantId, version.pinId)));
                    }
                    return chain;
                })
                .chain(() -> entry.delete());
    }

    private Uni<FollowListView> view(FollowList list) {
        return FollowEntry.<FollowEntry>list("listId = ?1 order by createdAt, id", list.id)
                .chain(entries -> entries.isEmpty() ? Uni.createFrom().item(List.<FollowListView.EntryView>of()) : FollowVersion.<FollowVersion>list("entryId in ?1 and unpinnedAt is null",
                                entries.stream().map(entry -> entry.id).toList())
                        .map(versions -> entries.stream().map(entry -> FollowListView.entry(entry, versions.stream()
                                        .filter(version -> version.entryId.equals(entry.id))
                                        .sorted(Comparator.comparing((FollowVersion version) -> version.currentSince).reversed())
                                        .toList()))
                                .toList()))
                .map(entries -> FollowListView.of(list, entries));
    }

    private static FollowEntry newEntry(FollowList list, String written, FollowTarget target) {
        FollowEntry entry = new FollowEntry();
        entry.id = UUID.randomUUID();
        entry.listId = list.id;
        entry.target = written;
        entry.kind = target.kind().column();
        entry.normalized = normalized(target);
        entry.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        entry.nextResolveAt = entry.createdAt; // resolved at the next tick
        return entry;
    }

    private static String normalized(FollowTarget target) {
        return target.path();
    }

    private void settings(FollowList list, FollowListBody body, boolean creating) {
        int interval = body.intervalSeconds() != null ? body.intervalSeconds() : creating ? DEFAULT_INTERVAL : list.intervalSeconds;
        if (interval < config.minInterval().toSeconds()) {
            throw RequestRejected.badRequest("intervalSeconds", "must be at least " + config.minInterval().toSeconds()
                    + " (pinfold.follow.min-interval), was " + interval);
        }
        int jitter = body.jitterSeconds() != null ? body.jitterSeconds() : creating ? 0 : list.jitterSeconds;
        if (jitter < 0 || jitter > interval) {
            throw RequestRejected.badRequest("jitterSeconds", "must be between 0 and the interval (" + interval + "), was " + jitter);
        }
        int keep = body.keepVersions() != null ? body.keepVersions() : creating ? DEFAULT_KEEP : list.keepVersions;
        if (keep < 1 || keep > 100) {
            throw RequestRejected.badRequest("keepVersions", "must be between 1 and 100, was " + keep);
        }
        long grace = body.graceSeconds() != null ? body.graceSeconds() : creating ? DEFAULT_GRACE : list.graceSeconds;
        if (grace < 0 || grace > 365L * 24 * 3600) {
            throw RequestRejected.badRequest("graceSeconds", "must be between 0 and 31536000 (a year), was " + grace);
        }
        if ((body.replicationMin() == null) != (body.replicationMax() == null)) {
            throw RequestRejected.badRequest("replicationMin", "replicationMin and replicationMax are given together or not at all");
        }
        if (body.replicationMin() != null && (body.replicationMin() < 1 || body.replicationMax() > 16 || body.replicationMin() > body.replicationMax())) {
            throw RequestRejected.badRequest("replicationMin", "must satisfy 1 <= replicationMin <= replicationMax <= 16, was "
                    + body.replicationMin() + ".." + body.replicationMax());
        }
        Map<String, String> meta = body.meta() != null ? new LinkedHashMap<>(body.meta()) : creating ? Map.of() : null;
        if (meta != null) {
            if (meta.size() > MAX_META) {
                throw RequestRejected.badRequest("meta", "at most " + MAX_META + " entries, was " + meta.size());
            }
            meta.forEach((key, value) -> {
                if (key == null || key.isEmpty() || key.length() > PinInput.MAX_META_KEY || key.startsWith("pinfold.follow.")) {
                    throw RequestRejected.badRequest("meta", "keys must be 1-" + PinInput.MAX_META_KEY + " characters and not start with 'pinfold.follow.'");
                }
                if (value == null || value.length() > PinInput.MAX_META_VALUE) {
                    throw RequestRejected.badRequest("meta." + key, "must be a string of at most " + PinInput.MAX_META_VALUE + " characters");
                }
            });
            list.meta = FollowMeta.write(meta);
        }
        list.intervalSeconds = interval;
        list.jitterSeconds = jitter;
        list.keepVersions = keep;
        list.graceSeconds = grace;
        if (body.replicationMin() != null || creating) {
            list.replicationMin = body.replicationMin();
            list.replicationMax = body.replicationMax();
        }
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return 20;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= 1000) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw RequestRejected.badRequest("limit", "must be between 1 and 1000, was '" + limit + "'");
    }

    private static OffsetDateTime parseBefore(String before) {
        if (before == null) {
            return OffsetDateTime.now(ZoneOffset.UTC).plusYears(1);
        }
        try {
            return OffsetDateTime.parse(before);
        } catch (DateTimeParseException e) {
            throw RequestRejected.badRequest("before", "must be an RFC 3339 timestamp, was '" + before + "'");
        }
    }
}
