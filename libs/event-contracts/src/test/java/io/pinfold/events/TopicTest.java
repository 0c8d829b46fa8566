package io.pinfold.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicTest {

    @Test
    void namesTheTopicsOfTheDesign() {
        assertThat(Arrays.stream(Topic.values()).map(Topic::topicName)).containsExactly(
                "pinfold.pins", "pinfold.pin-status", "pinfold.nodes", "pinfold.gc", "pinfold.takedowns",
                "pinfold.denylist", "pinfold.follows", "pinfold.pins.dlq", "pinfold.nodes.dlq", "pinfold.pin-status.dlq", "pinfold.denylist.dlq");
    }

    @Test
    void nodesAndDenylistAreCompacted() {
        assertThat(Arrays.stream(Topic.values()).filter(Topic::isCompacted)).containsExactly(Topic.NODES, Topic.DENYLIST);
        assertThat(Topic.DENYLIST.spec().configs()).containsEntry("cleanup.policy", "compact");
        assertThat(Topic.NODES.spec().configs()).containsEntry("cleanup.policy", "compact");
        assertThat(Topic.PINS.spec().configs()).containsEntry("cleanup.policy", "delete");
    }

    @Test
    void consumedTopicsHaveADeadLetterTopicNamedAfterThem() {
        assertThat(Topic.PINS.deadLetterTopic()).contains(Topic.PINS_DEAD_LETTER);
        assertThat(Topic.NODES.deadLetterTopic()).contains(Topic.NODES_DEAD_LETTER);
        assertThat(Topic.NODES_DEAD_LETTER.topicName()).isEqualTo("pinfold.nodes.dlq");
        assertThat(Topic.NODES_DEAD_LETTER.deadLetterTopic()).isEmpty();
        assertThat(Topic.GC.deadLetterTopic()).isEmpty();
        assertThat(Topic.PINS_DEAD_LETTER.spec().partitions()).isEqualTo(1);
        assertThat(Topic.PINS_DEAD_LETTER.eventTypes()).isEmpty();
    }

    @Test
    void everyEventTypeIsOnADataTopic() {
        for (EventType type : EventType.values()) {
            assertThat(type.topic().kind()).isNotEqualTo(Topic.Kind.DEAD_LETTER);
            assertThat(type.topic().eventTypes()).contains(type);
            assertThat(type.ceType()).isEqualTo("io.pinfold." + type.shortName());
            assertThat(EventType.fromCeType(type.ceType())).contains(type);
            assertThat(EventType.of(type.dataClass())).isEqualTo(type);
        }
        assertThat(Topic.PINS.eventTypes()).containsExactly(
                EventType.PIN_REQUESTED, EventType.PIN_REMOVED, EventType.PIN_REPLACED);
    }

    @Test
    void specsBecomeAdminClientTopics() {
        NewTopic topic = Topic.NODES.spec().withReplicationFactor((short) 3).withPartitions(12)
                .withConfig("min.insync.replicas", "2").toNewTopic();

        assertThat(topic.name()).isEqualTo("pinfold.nodes");
        assertThat(topic.numPartitions()).isEqualTo(12);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry("cleanup.policy", "compact").containsEntry("min.insync.replicas", "2");
        assertThat(Topic.allSpecs()).hasSize(Topic.values().length)
                .allSatisfy(spec -> assertThat(spec.partitions()).isPositive());
    }

    @Test
    void specRejectsNonsense() {
        assertThatThrownBy(() -> Topic.PINS.spec().withPartitions(0))
                .hasMessage("partitions: must be at least 1, was 0");
        assertThatThrownBy(() -> Topic.PINS.spec().withReplicationFactor((short) 0))
                .hasMessage("replicationFactor: must be at least 1, was 0");
    }

    @Test
    void findsTopicsByName() {
        assertThat(Topic.byName("pinfold.denylist")).contains(Topic.DENYLIST);
        assertThat(Topic.byName("pinfold.other")).isEqualTo(Optional.empty());
    }
}
