package io.pinfold.edge.denylist;

import io.pinfold.denylist.ContentRequest;
import io.pinfold.denylist.Denylist;
import io.pinfold.denylist.DenylistEntry;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.ipfs.cid.Cid;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The denylist as pinfold.denylist holds it now, and its matcher. Each entry key's latest record is a set of rules;
 * a tombstone removes the key. The library's matcher is append-only (the newest rule of a target decides), so a
 * removal appends the negation of the removed rules, then re-appends the rules of any other live key that names the
 * same target, so one key's removal never lifts another's block. When negations pile up the matcher is rebuilt from
 * the live rules alone and swapped in whole.
 *
 * <p>Writes come from one thread (the topic reader); any number of request threads match meanwhile, without locks.
 */
@ApplicationScoped
public class DenylistEntries {
    private static final int REBUILD_SLACK = 1024;

    private final Map<String, List<DenylistEntry>> byKey = new HashMap<>();
    /** The event behind each key's rules, when it came from one: what the local snapshot keeps. */
    private final Map<String, DenylistEntryAdded> events = new HashMap<>();
    /** Which entry keys hold a rule on each matcher key (target + path). */
    private final Map<String, Set<String>> keysByTarget = new HashMap<>();
    private volatile Denylist matcher = new Denylist();
    private volatile int live;
    private int ruleCount;
    private volatile long changes;

    /** An entry-added event of the key: its rules replace the key's earlier ones. Call from one thread. */
    public synchronized void put(String key, DenylistEntryAdded event) {
        put(key, DenylistEventTranslation.rules(event));
        events.put(key, event);
    }

    /** The latest rules of an entry key (replacing the key's earlier ones). Call from one thread. */
    public synchronized void put(String key, List<DenylistEntry> rules) {
        if (byKey.containsKey(key)) {
            remove(key);
        }
        byKey.put(key, List.copyOf(rules));
        events.remove(key);
        changes++;
        ruleCount += rules.size();
        for (DenylistEntry rule : rules) {
            keysByTarget.computeIfAbsent(rule.key(), target -> new HashSet<>()).add(key);
            matcher.add(rule);
        }
        live = byKey.size();
    }

    /** A tombstone: the entry key was removed, its content may be served again unless another key blocks it. */
    public synchronized void remove(String key) {
        List<DenylistEntry> removed = byKey.remove(key);
        events.remove(key);
        if (removed == null) {
            return;
        }
        changes++;
        ruleCount -= removed.size();
        Set<String> others = new HashSet<>();
        for (DenylistEntry rule : removed) {
            Set<String> keys = keysByTarget.get(rule.key());
            keys.remove(key);
            if (keys.isEmpty()) {
                keysByTarget.remove(rule.key());
            } else {
                others.addAll(keys);
            }
            matcher.add(rule.negated());
        }
        for (String other : others) {
            byKey.get(other).forEach(matcher::add);
        }
        live = byKey.size();
        if (matcher.size() > 2 * ruleCount + REBUILD_SLACK) {
            rebuild();
        }
    }

    private void rebuild() {
        Denylist fresh = new Denylist();
        byKey.values().forEach(rules -> rules.forEach(fresh::add));
        matcher = fresh;
    }

    /** Drops every entry (a snapshot that turned out not to belong to the topic read now). */
    public synchronized void clear() {
        byKey.clear();
        events.clear();
        keysByTarget.clear();
        ruleCount = 0;
        live = 0;
        changes++;
        matcher = new Denylist();
    }

    /** The events behind the entries, by key (entries put as bare rules are not among them). */
    public synchronized Map<String, DenylistEntryAdded> events() {
        return Map.copyOf(events);
    }

    /** Grows with every put, remove and clear: whether anything changed since a snapshot was taken. */
    public long changes() {
        return changes;
    }

    /** The rule that blocks this request (its path, its root, every CID met along it), or empty. */
    public Optional<DenylistEntry> match(ContentRequest request) {
        return matcher.match(request);
    }

    /** The rule that blocks this one block wherever it appears (a CAR stream), or empty. */
    public Optional<DenylistEntry> matchBlock(Cid cid) {
        return matcher.matchBlock(cid);
    }

    public synchronized Optional<List<DenylistEntry>> entry(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Entry keys held (not rules). */
    public int size() {
        return live;
    }
}
