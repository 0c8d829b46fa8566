package io.pinfold.edge.routing;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which nodes answered 2xx for a root CID lately (by multihash, so every CID form counts as one): they hold the
 * content, or its blocks now, and are asked before a node that would fetch it over the network. Several holders are
 * kept, so hot content held by many nodes still spreads over all of them. The most recently used {@code capacity}
 * roots are remembered, up to {@value #HOLDERS} nodes each. Thread-safe.
 */
public final class ContentAffinity {
    static final int HOLDERS = 8;

    private final int capacity;
    private final Map<String, Set<String>> holdersByContent;

    public ContentAffinity(int capacity) {
        this.capacity = capacity;
        this.holdersByContent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
                return size() > ContentAffinity.this.capacity;
            }
        };
    }

    public synchronized void answered(String content, String nodeId) {
        if (capacity <= 0 || content == null) {
            return;
        }
        Set<String> holders = holdersByContent.computeIfAbsent(content, key -> new LinkedHashSet<>());
        holders.remove(nodeId);
        holders.add(nodeId);
        if (holders.size() > HOLDERS) {
            holders.remove(holders.iterator().next());
        }
    }

    /** The nodes that answered the content lately; empty when none is remembered. */
    public synchronized Set<String> holders(String content) {
        Set<String> holders = content == null ? null : holdersByContent.get(content);
        return holders == null ? Set.of() : Set.copyOf(holders);
    }

    public synchronized int size() {
        return holdersByContent.size();
    }
}
