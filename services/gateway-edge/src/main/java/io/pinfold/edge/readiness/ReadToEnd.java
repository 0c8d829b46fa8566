package io.pinfold.edge.readiness;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far one reader of a topic has got through what the topic held when the reader started: the end offset
 * of each partition at assignment is the target, and the reader reports the next offset it has to apply.
 * Caught up once every partition reached its target; from then on it stays caught up (new records after
 * the start are ordinary traffic, not the start-up backlog). Thread-safe.
 */
public final class ReadToEnd {
    private final String topic;
    private final Map<Integer, Long> targets = new ConcurrentHashMap<>();
    private final Map<Integer, Long> reached = new ConcurrentHashMap<>();
    private volatile boolean assigned;
    private volatile boolean caughtUp;

    public ReadToEnd(String topic) {
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /**
     * The reader was given its partitions: where it starts reading each and where each ended at that moment. A
     * partition whose start is already its end (empty, or everything deleted) has nothing to read.
     */
    public void assigned(Map<Integer, Long> startOffsets, Map<Integer, Long> endOffsets) {
        endOffsets.forEach(targets::putIfAbsent);
        startOffsets.forEach(this::reached);
        assigned = true;
    }

    /** Every record of the partition before {@code nextOffset} has been applied. */
    public void reached(int partition, long nextOffset) {
        reached.merge(partition, nextOffset, Math::max);
    }

    public boolean caughtUp() {
        if (caughtUp) {
            return true;
        }
        if (!assigned) {
            return false;
        }
        for (Map.Entry<Integer, Long> target : targets.entrySet()) {
            if (reached.getOrDefault(target.getKey(), 0L) < target.getValue()) {
                return false;
            }
        }
        caughtUp = true;
        return true;
    }

    /** For readiness: "read to the end", or which partitions are still behind and by how much. */
    public String describe() {
        if (caughtUp()) {
            return "read to the end of " + targets.size() + " partition(s) as of the start";
        }
        if (!assigned) {
            return "no partitions assigned yet";
        }
        Map<Integer, Long> behind = new TreeMap<>();
        targets.forEach((partition, target) -> {
            long missing = target - reached.getOrDefault(partition, 0L);
            if (missing > 0) {
                behind.put(partition, missing);
            }
        });
        return "reading: offsets still behind the start-up end, by partition: " + behind;
    }
}
