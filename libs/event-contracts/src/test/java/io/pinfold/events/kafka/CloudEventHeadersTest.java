package io.pinfold.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.events.EventMetadata;
import io.pinfold.events.EventType;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.events.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CloudEventHeadersTest {

    private static final String ID = "3b241101-e2bb-4255-8caf-4136c566a962";

    static RecordHeaders validHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(ID));
        headers.add("ce_source", bytes("/acme/uploader"));
        headers.add("ce_type", bytes("io.pinfold.pin.requested"));
        headers.add("ce_time", bytes("2026-11-26T10:00:00Z"));
        headers.add("ce_subject", bytes("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4"));
        headers.add("content-type", bytes("application/json"));
        return headers;
    }

    @Test
    void readsEveryAttribute() {
        RecordHeaders headers = validHeaders();
        headers.add("traceparent", bytes("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

        EventMetadata metadata = CloudEventHeaders.read(headers);

        assertThat(metadata.id()).isEqualTo(ID);
        assertThat(metadata.source()).isEqualTo("/acme/uploader");
        assertThat(metadata.type()).isEqualTo(EventType.PIN_REQUESTED);
        assertThat(metadata.time()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(metadata.subject()).startsWith("bafkrei");
        assertThat(metadata.traceparent()).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void writeThenReadGivesTheSameMetadata() {
        EventMetadata metadata = EventMetadata.create(EventType.GC_PROGRESS, "/pinfold/gc-service", "run-1")
                .withTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        assertThat(CloudEventHeaders.read(new RecordHeaders(CloudEventHeaders.write(metadata)))).isEqualTo(metadata);
    }

    @Test
    void aRawWriteCarriesATypeThisVersionDoesNotKnowUnchanged() {
        Headers headers = new RecordHeaders(CloudEventHeaders.writeRaw(ID, "/pinfold/pin-service", "io.pinfold.node.renamed.v9",
                Instant.parse("2026-11-26T10:00:00Z"), null));

        assertThat(new String(headers.lastHeader("ce_type").value(), StandardCharsets.UTF_8)).isEqualTo("io.pinfold.node.renamed.v9");
        assertThat(new String(headers.lastHeader("ce_time").value(), StandardCharsets.UTF_8)).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(headers.lastHeader("ce_subject")).isNull();
    }

    @Test
    void aTombstoneCarriesItsIdSourceAndTimeButIsNoCloudEvent() {
        Headers headers = new RecordHeaders(CloudEventHeaders.writeTombstone(ID, "/pinfold/takedown-service",
                Instant.parse("2026-11-26T10:00:00Z")));

        assertThat(new String(headers.lastHeader("ce_id").value(), StandardCharsets.UTF_8)).isEqualTo(ID);
        assertThat(new String(headers.lastHeader("ce_source").value(), StandardCharsets.UTF_8)).isEqualTo("/pinfold/takedown-service");
        assertThat(headers.lastHeader("ce_specversion")).isNull();
        assertThat(headers.lastHeader("ce_type")).isNull();
        assertThat(headers.lastHeader("content-type")).isNull();
    }

    @Test
    void subjectIsOptional() {
        RecordHeaders headers = validHeaders();
        headers.remove("ce_subject");

        assertThat(CloudEventHeaders.read(headers).subject()).isNull();
    }

    @Test
    void acceptsOffsetsAndFractionsInTime() {
        RecordHeaders headers = validHeaders();
        headers.add("ce_time", bytes("2026-11-26T11:00:00.250+01:00"));

        assertThat(CloudEventHeaders.read(headers).time()).isEqualTo(Instant.parse("2026-11-26T10:00:00.250Z"));
    }

    @Test
    void acceptsJsonWithCharsetAndAnyHeaderCase() {
        RecordHeaders headers = validHeaders();
        headers.remove("content-type");
        headers.add("Content-Type", bytes("application/json; charset=utf-8"));

        assertThat(CloudEventHeaders.read(headers).type()).isEqualTo(EventType.PIN_REQUESTED);
    }

    @Test
    void lastRepeatedHeaderWins() {
        RecordHeaders headers = validHeaders();
        headers.add("ce_type", bytes("io.pinfold.pin.removed"));

        assertThat(CloudEventHeaders.read(headers).type()).isEqualTo(EventType.PIN_REMOVED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "content-type"})
    void namesEachMissingHeader(String header) {
        RecordHeaders headers = validHeaders();
        headers.remove(header);

        assertThatThrownBy(() -> CloudEventHeaders.read(headers))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage(header + ": missing header");
    }

    @Test
    void anEmptyHeaderCountsAsMissing() {
        RecordHeaders headers = validHeaders();
        headers.add("ce_source", new byte[0]);

        assertThatThrownBy(() -> CloudEventHeaders.read(headers)).hasMessage("ce_source: missing header");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ce_specversion|0.3|ce_specversion: unsupported version '0.3', expected 1.0",
            "ce_source|a b|ce_source: not a URI reference 'a b'",
            "ce_type|com.example.thing|ce_type: unknown type 'com.example.thing' (Pinfold types look like io.pinfold.pin.requested)",
            "ce_time|yesterday|ce_time: not an RFC 3339 timestamp 'yesterday' (e.g. 2026-01-31T12:00:00Z)",
            "ce_time|2026-11-26T10:00:00|ce_time: not an RFC 3339 timestamp '2026-11-26T10:00:00' (e.g. 2026-01-31T12:00:00Z)",
            "content-type|text/plain|content-type: expected application/json, got 'text/plain'",
            "content-type|application/cloudevents+json|content-type: 'application/cloudevents+json' is CloudEvents structured mode; Pinfold uses binary mode: ce_ headers and application/json data",
    })
    void namesEachBadHeader(String header, String value, String message) {
        RecordHeaders headers = validHeaders();
        headers.add(header, bytes(value));

        assertThatThrownBy(() -> CloudEventHeaders.read(headers))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "order-7/attempt 2", "A234-1234-1234", "urn:example:event:0001"})
    void anyNonEmptyIdTheSpecAllowsIsAccepted(String id) {
        RecordHeaders headers = validHeaders();
        headers.add("ce_id", bytes(id));

        assertThat(CloudEventHeaders.read(headers).id()).isEqualTo(id);
    }

    @Test
    void anIdLongerThanTheCapIsNamed() {
        RecordHeaders headers = validHeaders();
        headers.add("ce_id", bytes("x".repeat(513)));

        assertThatThrownBy(() -> CloudEventHeaders.read(headers)).hasMessage("ce_id: must be at most 512 characters, was 513");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Headers headers = new RecordHeaders();
        headers.add("ce_type", bytes("io.pinfold.nope"));

        assertThatThrownBy(() -> CloudEventHeaders.read(headers))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "content-type"));
    }

    @Test
    void readingNoHeadersNamesThemAll() {
        assertThatThrownBy(() -> CloudEventHeaders.read(List.of()))
                .hasMessageStartingWith("ce_specversion: missing header; ce_id: missing header");
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
