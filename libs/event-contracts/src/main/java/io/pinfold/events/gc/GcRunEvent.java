package io.pinfold.events.gc;

import io.pinfold.events.SelfKeyedEvent;

/** An event of one GC run: about the run (the subject), kept in order per node (the key). */
public interface GcRunEvent extends SelfKeyedEvent {

    String runId();

    String nodeId();

    @Override
    default String subject() {
        return runId();
    }

    @Override
    default String recordKey() {
        return nodeId();
    }
}
