package io.pinfold.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pinfold.events.EventType;
import io.pinfold.events.Topic;
import io.pinfold.events.TopicSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * asyncapi.yaml is what users read to publish and consume; these tests make it impossible for it to
 * drift from the code: every topic and event type is there with the right schema, key and config,
 * every operation points at real channels and messages, and every example is a valid event.
 */
class AsyncApiContractTest {

    private static final JsonNode DOC = load();
    private final EventValidator validator = new EventValidator();

    private static JsonNode load() {
        try (InputStream in = AsyncApiContractTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(DOC.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(DOC.path("defaultContentType").asText()).isEqualTo("application/json");
        assertThat(DOC.at("/servers/local/protocol").asText()).isEqualTo("kafka");
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void everyTopicIsAChannelWithItsConfig(Topic topic) {
        JsonNode channel = channelOf(topic).orElseThrow(() -> new AssertionError("no channel for " + topic.topicName()));
        TopicSpec spec = topic.spec();
        JsonNode kafka = channel.at("/bindings/kafka");

        assertThat(kafka.path("topic").asText()).isEqualTo(topic.topicName());
        assertThat(kafka.path("partitions").asInt()).isEqualTo(spec.partitions());
        assertThat(kafka.path("replicas").asInt()).isEqualTo(spec.replicationFactor());
        assertThat(kafka.at("/topicConfiguration/cleanup.policy/0").asText()).isEqualTo(spec.configs().get("cleanup.policy"));
        for (String config : List.of("retention.ms", "delete.retention.ms")) {
            if (spec.configs().containsKey(config)) {
                assertThat(kafka.path("topicConfiguration").path(config).asText()).as(config)
                        .isEqualTo(spec.configs().get(config));
            }
        }
        assertThat(channel.path("description").asText()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeIsAMessageOnItsTopicWithItsSchema(EventType type) {
        Map.Entry<String, JsonNode> message = messageOf(type)
                .orElseThrow(() -> new AssertionError("no message with ce_type " + type.ceType()));
        JsonNode channel = channelOf(type.topic()).orElseThrow();

        assertThat(message.getValue().path("name").asText()).isEqualTo(type.shortName());
        assertThat(message.getValue().at("/payload/schema/$ref").asText()).isEqualTo("./" + type.schemaResource());
        assertThat(getClass().getClassLoader().getResource(type.schemaResource())).isNotNull();
        assertThat(message.getValue().at("/payload/schemaFormat").asText())
                .isEqualTo("application/schema+json;version=draft-2020-12");
        assertThat(message.getValue().at("/bindings/kafka/key/description").asText()).isNotBlank();
        assertThat(channel.path("messages").path(message.getKey()).path("$ref").asText())
                .isEqualTo("#/components/messages/" + message.getKey());
    }

    @Test
    void everyMessageIsAnEventTypeOrTheDeadLetterRecord() {
        Set<String> names = new HashSet<>();
        DOC.at("/components/messages").forEach(message -> names.add(message.path("name").asText()));
        Set<String> expected = new HashSet<>(List.of("rejected-record"));
        for (EventType type : EventType.values()) {
            expected.add(type.shortName());
        }
        assertThat(names).isEqualTo(expected);
    }

    @Test
    void headersDescribeTheCloudEventsBinding() {
        JsonNode headers = DOC.at("/components/schemas/cloudEventHeaders");
        List<String> required = new ArrayList<>();
        headers.path("required").forEach(name -> required.add(name.asText()));

        assertThat(required).containsExactly(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID,
                CloudEventHeaders.SOURCE, CloudEventHeaders.TYPE, CloudEventHeaders.TIME, CloudEventHeaders.CONTENT_TYPE);
        assertThat(headers.at("/properties/ce_specversion/const").asText()).isEqualTo("1.0");
        assertThat(headers.at("/properties/content-type/const").asText()).isEqualTo("application/json");
        assertThat(headers.path("properties").has(CloudEventHeaders.SUBJECT)).isTrue();
        assertThat(headers.path("properties").has(CloudEventHeaders.TRACEPARENT)).isTrue();
    }

    @Test
    void everyChannelHasAProducerAndAConsumerAndOperationsPointAtRealThings() {
        Map<String, Set<String>> actionsByChannel = new java.util.HashMap<>();
        DOC.path("operations").fields().forEachRemaining(entry -> {
            JsonNode operation = entry.getValue();
            String channelRef = operation.at("/channel/$ref").asText();
            assertThat(channelRef).as(entry.getKey()).startsWith("#/channels/");
            JsonNode channel = DOC.at(channelRef.substring(1));
            assertThat(channel.isMissingNode()).as("channel of " + entry.getKey()).isFalse();
            assertThat(operation.path("tags").path(0).path("name").asText()).as("producer/consumer of " + entry.getKey())
                    .isNotBlank();
            for (JsonNode message : operation.path("messages")) {
                String messageRef = message.path("$ref").asText();
                assertThat(messageRef).as(entry.getKey()).startsWith(channelRef + "/messages/");
                assertThat(DOC.at(messageRef.substring(1)).isMissingNode()).as(messageRef).isFalse();
            }
            actionsByChannel.computeIfAbsent(channelRef, key -> new HashSet<>()).add(operation.path("action").asText());
        });
        DOC.path("channels").fieldNames().forEachRemaining(name ->
                assertThat(actionsByChannel.get("#/channels/" + name)).as(name).containsExactlyInAnyOrder("send", "receive"));
    }

    @Test
    void outsidePublishersMaySendPinRequests() {
        JsonNode operation = DOC.at("/operations/outsidePublisherSendsPinRequests");

        assertThat(operation.path("action").asText()).isEqualTo("send");
        assertThat(operation.at("/messages/0/$ref").asText()).isEqualTo("#/channels/pins/messages/pinRequested");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyExampleIsAValidEvent(EventType type) {
        JsonNode examples = messageOf(type).orElseThrow().getValue().path("examples");
        assertThat(examples.size()).isPositive();
        for (JsonNode example : examples) {
            Validation result = validate(type.topic(), example);

            assertThat(result).as(example.path("name").asText()).isInstanceOf(Validation.Accepted.class);
            assertThat(((Validation.Accepted) result).event().type()).isEqualTo(type);
        }
    }

    @Test
    void theDeadLetterExampleCarriesTheReasonTheValidatorGives() {
        JsonNode example = DOC.at("/components/messages/rejectedRecord/examples/0");

        Validation result = validate(Topic.PINS, example);

        assertThat(result).isInstanceOf(Validation.Rejected.class);
        assertThat(((Validation.Rejected) result).reason())
                .isEqualTo(example.at("/headers/" + DeadLetterHeaders.REASON).asText());
        assertThat(example.at("/headers/" + DeadLetterHeaders.TOPIC).asText()).isEqualTo(Topic.PINS.topicName());
    }

    @Test
    void tellsUsersHowToPublishFromTheCommandLine() {
        String description = DOC.at("/info/description").asText();

        // kcat's default partitioner differs from Java's murmur2: without this, per-content order breaks
        assertThat(description).contains("kcat -P -b 127.0.0.1:9092 -t pinfold.pins -X partitioner=murmur2_random -k",
                "kafka-console-producer", "ipfs cid format -f '%M' -b base32");
        // kcat takes -H name=value; the console producer takes name:value pairs
        for (String header : List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject",
                "content-type")) {
            assertThat(description).as(header).contains(header + "=").contains(header + ":");
        }
        assertThat(description).contains("ce_type=io.pinfold.pin.requested", "content-type=application/json");
    }

    @Test
    void readmeShowsTheSameCommandLinesAsTheAsyncApiDocument() throws IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        List<String> documented = shellBlocks(DOC.at("/info/description").asText());

        assertThat(documented).hasSize(2);
        assertThat(shellBlocks(readme)).containsAll(documented);
    }

    private static List<String> shellBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("```sh\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(markdown);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    private Validation validate(Topic topic, JsonNode example) {
        RecordHeaders headers = new RecordHeaders();
        example.path("headers").fields().forEachRemaining(header ->
                headers.add(header.getKey(), header.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        return validator.validate(topic, example.path("x-key").asText(null), headers, example.path("payload").toString());
    }

    private static Optional<JsonNode> channelOf(Topic topic) {
        List<JsonNode> found = new ArrayList<>();
        DOC.path("channels").forEach(channel -> {
            if (channel.path("address").asText().equals(topic.topicName())) {
                found.add(channel);
            }
        });
        assertThat(found.size()).as("channels for " + topic.topicName()).isLessThanOrEqualTo(1);
        return found.stream().findFirst();
    }

    private static Optional<Map.Entry<String, JsonNode>> messageOf(EventType type) {
        List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
        DOC.at("/components/messages").fields().forEachRemaining(entry -> {
            if (type.ceType().equals(entry.getValue().at("/headers/allOf/1/properties/ce_type/const").asText())) {
                found.add(entry);
            }
        });
        assertThat(found.size()).as("messages for " + type.ceType()).isLessThanOrEqualTo(1);
        return found.stream().findFirst();
    }
}
