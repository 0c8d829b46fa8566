package io.pinfold.events.node;

import io.pinfold.events.SelfKeyedEvent;

/** An event about one Kubo node: the node is both its subject and its key (pinfold.nodes is compacted by it). */
public interface NodeEvent extends SelfKeyedEvent {

    String nodeId();

    @Override
    default String subject() {
        return nodeId();
    }

    @Override
    default String recordKey() {
        return nodeId();
    }
}
