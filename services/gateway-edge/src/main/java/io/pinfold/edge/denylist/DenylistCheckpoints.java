package io.pinfold.edge.denylist;

import java.util.Map;

/**
 * Where {@link DenylistTopicReader} resumes and what it reports after each applied batch: the local snapshot's side
 * of the reader, kept out of it. Calls come from the reader's thread.
 */
public interface DenylistCheckpoints {

    /** Reads every partition from its first offset and keeps nothing. */
    DenylistCheckpoints NONE = new DenylistCheckpoints() {
    };

    /** The next offset to read per partition, when the denylist already holds everything before it; empty: from the start. */
    default Map<Integer, Long> resumeFrom() {
        return Map.of();
    }

    /** The Kafka cluster the resume offsets belong to, when known. */
    default String resumeClusterId() {
        return null;
    }

    /** The resume offsets do not fit the topic read now (why): the denylist must be dropped and read from the start. */
    default void resumeRefused(String why) {
    }

    /** A batch was applied: every record before {@code positions} is in the denylist; {@code caughtUp} as readiness says. */
    default void applied(String clusterId, Map<Integer, Long> positions, boolean caughtUp) {
    }
}
