package io.pinfold.edge.readiness;

import io.pinfold.events.Topic;
import jakarta.enterprise.context.ApplicationScoped;

/** How far the edge's pinfold.nodes channel has read into the topic as it was when the edge started. */
@ApplicationScoped
public class NodesReadProgress {
    private final ReadToEnd progress = new ReadToEnd(Topic.NODES.topicName());

    public ReadToEnd progress() {
        return progress;
    }
}
