package io.pinfold.events;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * How a topic is created: services create missing topics from this at start-up with an AdminClient
 * ({@code admin.createTopics(List.of(spec.toNewTopic()))}), so every environment gets the same
 * partitions and configs. Replication is 1 for the single local broker; clusters raise it.
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: required");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions: must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor: must be at least 1, was " + replicationFactor);
        }
        configs = Map.copyOf(configs);
    }

    public TopicSpec withPartitions(int partitions) {
        return new TopicSpec(name, partitions, replicationFactor, configs);
    }

    public TopicSpec withReplicationFactor(short replicationFactor) {
        return new TopicSpec(name, partitions, replicationFactor, configs);
    }

    /** Adds or overrides one topic config, e.g. {@code retention.ms} on a cluster that needs more. */
    public TopicSpec withConfig(String key, String value) {
        Map<String, String> merged = new TreeMap<>(configs);
        merged.put(key, value);
        return new TopicSpec(name, partitions, replicationFactor, merged);
    }

    public NewTopic toNewTopic() {
        return new NewTopic(name, Optional.of(partitions), Optional.of(replicationFactor)).configs(configs);
    }
}
