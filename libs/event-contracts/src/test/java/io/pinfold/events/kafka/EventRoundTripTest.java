package io.pinfold.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventType;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.SampleEvents;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventRoundTripTest {

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();

    static Stream<Arguments> samples() {
        List<Arguments> all = new ArrayList<>();
        SampleEvents.full().forEach((type, data) -> all.add(Arguments.of(type, "full", data)));
        SampleEvents.minimal().forEach((type, data) -> all.add(Arguments.of(type, "minimal", data)));
        return all.stream();
    }

    @Test
    void everyEventTypeHasSamples() {
        assertThat(SampleEvents.full().keySet()).containsExactlyInAnyOrder(EventType.values());
        assertThat(SampleEvents.minimal().keySet()).containsExactlyInAnyOrder(EventType.values());
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("samples")
    void dataSurvivesJson(EventType type, String variant, EventData data) {
        byte[] bytes = codec.encode(data);

        assertThat(codec.decode(type, bytes)).isEqualTo(data);
        assertThat(codec.decode(type.dataClass(), bytes)).isEqualTo(data);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("samples")
    void jsonFieldsAreTheRecordComponentsInCamelCase(EventType type, String variant, EventData data) throws Exception {
        JsonNode node = json.readTree(codec.encode(data));

        List<String> components = Arrays.stream(type.dataClass().getRecordComponents())
                .map(RecordComponent::getName).toList();
        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        assertThat(components).containsAll(fields);
        assertThat(fields).allMatch(name -> name.matches("[a-z][A-Za-z0-9]*"), "camelCase");
        assertThat(fields).doesNotContain("subject", "recordKey", "contentPath", "entry");
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("samples")
    void wholeEventSurvivesKafkaHeadersAndValue(EventType type, String variant, EventData data) {
        EventEnvelope<EventData> sent = EventEnvelope.create(PinfoldSource.PIN_SERVICE, SampleEvents.keyOf(data), data);
        RecordHeaders headers = new RecordHeaders(CloudEventHeaders.write(sent));

        EventEnvelope<EventData> received = codec.decode(sent.key(), headers, codec.encode(sent.data()));

        assertThat(received).isEqualTo(sent);
        assertThat(received.type()).isEqualTo(type);
        assertThat(received.topic()).isEqualTo(type.topic());
        assertThat(received.metadata().subject()).isEqualTo(data.subject());
    }

    @Test
    void timestampsAreIsoStringsAndAbsentOptionalFieldsAreLeftOut() throws Exception {
        EventData nodeChange = SampleEvents.full().get(EventType.NODE_STATE_CHANGED);
        EventData minimal = SampleEvents.minimal().get(EventType.PIN_STATUS_CHANGED);

        assertThat(json.readTree(codec.encode(nodeChange)).get("until").asText()).isEqualTo("2026-11-26T10:05:00Z");
        assertThat(codec.encodeToString(minimal)).isEqualTo(
                "{\"pinId\":\"req-1\",\"cid\":\"" + SampleEvents.CID + "\",\"nodeId\":\"node-1\",\"status\":\"queued\"}");
    }

    @Test
    void headersAreCloudEventsBinaryMode() {
        EventData data = SampleEvents.full().get(EventType.PIN_REQUESTED);
        EventEnvelope<EventData> event = EventEnvelope.create(PinfoldSource.PIN_SERVICE, SampleEvents.MULTIHASH, data);

        Map<String, String> headers = asMap(CloudEventHeaders.write(event));

        assertThat(headers).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", event.metadata().id())
                .containsEntry("ce_source", "/pinfold/pin-service")
                .containsEntry("ce_type", "io.pinfold.pin.requested")
                .containsEntry("ce_time", event.metadata().time().toString())
                .containsEntry("ce_subject", SampleEvents.CID)
                .containsEntry("content-type", "application/json")
                .doesNotContainKey("traceparent");
        assertThat(headers.get("ce_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    static Map<String, String> asMap(Iterable<Header> headers) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        headers.forEach(h -> map.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
        return map;
    }
}
