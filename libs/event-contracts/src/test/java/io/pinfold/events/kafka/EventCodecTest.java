package io.pinfold.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.events.EventType;
import io.pinfold.events.SampleEvents;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.events.takedown.NoticeReceived;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.events.validation.Violation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCodecTest {

    private static final String CID = SampleEvents.CID;
    private final EventCodec codec = new EventCodec();

    @Test
    void namesEveryMissingRequiredField() {
        assertThatThrownBy(() -> codec.decode(PinRequested.class, "{\"name\":\"x\"}"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("data.pinId: required; data.tenant: required; data.cid: required");
    }

    @Test
    void treatsExplicitNullOfARequiredFieldAsMissing() {
        assertThatThrownBy(() -> codec.decode(PinRequested.class,
                "{\"pinId\":null,\"tenant\":\"acme\",\"cid\":\"" + CID + "\"}"))
                .hasMessage("data.pinId: required");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"replication\":\"three\"|data.replication: expected an integer, got 'three'",
            "\"replication\":2.5|data.replication: expected an integer, got 2.5",
            "\"replication\":0|data.replication: must be between 1 and 16, was 0",
            "\"replication\":17|data.replication: must be between 1 and 16, was 17",
            "\"origins\":\"/ip4/1.2.3.4\"|data.origins: expected an array, got '/ip4/1.2.3.4'",
            "\"origins\":[\"1.2.3.4\"]|data.origins[0]: must be a multiaddr starting with '/', was '1.2.3.4'",
            "\"origins\":[null]|data.origins[0]: must not be null",
            "\"meta\":{\"a\":1}|data.meta.a: expected a string, got 1",
            "\"name\":\"  \"|data.name: must not be blank",
    })
    void namesTheFieldAndTheReason(String field, String message) {
        String json = "{\"pinId\":\"req-1\",\"tenant\":\"acme\",\"cid\":\"" + CID + "\"," + field + "}";

        assertThatThrownBy(() -> codec.decode(PinRequested.class, json))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hello|data.cid: not a CID: multibase base32z ('h') is not supported",
            "Qm123|data.cid: not a CID: CIDv0 must be 46 base58btc characters, got 5",
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2deve|data.cid: not a CID: multihash digest is 31 bytes but declares 32",
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei1|data.cid: not a CID: invalid base32 character '1' at position 59",
    })
    void validatesCidsStructurally(String cid, String message) {
        String json = "{\"pinId\":\"req-1\",\"tenant\":\"acme\",\"cid\":\"" + cid + "\"}";

        assertThatThrownBy(() -> codec.decode(PinRequested.class, json)).hasMessage(message);
    }

    @Test
    void unknownEnumValueListsTheAllowedOnes() {
        String json = "{\"pinId\":\"req-1\",\"cid\":\"" + CID + "\",\"nodeId\":\"node-1\",\"status\":\"done\"}";

        assertThatThrownBy(() -> codec.decode(EventType.PIN_STATUS_CHANGED, bytes(json)))
                .hasMessage("data.status: unknown value 'done' (expected one of queued, pinning, pinned, failed, unpinned)");
    }

    @Test
    void crossFieldRulesNameTheField() {
        String json = "{\"pinId\":\"req-1\",\"cid\":\"" + CID + "\",\"nodeId\":\"node-1\",\"status\":\"failed\"}";

        assertThatThrownBy(() -> codec.decode(EventType.PIN_STATUS_CHANGED, bytes(json)))
                .hasMessage("data.error: required when status is failed");
    }

    @Test
    void nestedViolationsCarryTheirPath() {
        String json = """
                {"noticeId":"n-1","kind":"dmca","complainant":"X",
                 "targets":[{"cid":"%s"},{"cid":"nope"},{"path":"a/b"}]}""".formatted(CID);

        assertThatThrownBy(() -> codec.decode(EventType.NOTICE_RECEIVED, bytes(json)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.violations())
                        .extracting(Violation::toString)
                        .containsExactly("data.targets[1].cid: not a CID: unknown multibase prefix 'n'"));
    }

    @Test
    void nestedRecordRulesCarryTheirPathToo() {
        String json = """
                {"noticeId":"n-1","kind":"dmca","complainant":"X",
                 "targets":[{"cid":"%s"},{"path":"a/b"}]}""".formatted(CID);

        assertThatThrownBy(() -> codec.decode(NoticeReceived.class, bytes(json)))
                .hasMessage("data.targets[1].cid: exactly one of cid and ipnsName is required");
    }

    @Test
    void toleratesUnknownFieldsSoProducersCanAddOptionalOnes() {
        String json = "{\"pinId\":\"req-1\",\"tenant\":\"acme\",\"cid\":\"" + CID + "\",\"priority\":\"high\"}";

        assertThat(codec.decode(PinRequested.class, json).pinId()).isEqualTo("req-1");
    }

    @Test
    void rejectsWhatIsNotAJsonObject() {
        assertThatThrownBy(() -> codec.decode(PinRequested.class, "[1,2]"))
                .hasMessage("data: expected a JSON object, got an array");
        assertThatThrownBy(() -> codec.decode(PinRequested.class, "{\"pinId\":"))
                .hasMessageStartingWith("data: not valid JSON: ")
                .hasMessageContaining("(line 1, column");
        assertThatThrownBy(() -> codec.decode(PinRequested.class, "{} {}"))
                .hasMessageStartingWith("data: not valid JSON: ");
        assertThatThrownBy(() -> codec.decode(PinRequested.class, ""))
                .hasMessage("data: missing: the record value is empty");
        assertThatThrownBy(() -> codec.decode(PinRequested.class, (String) null))
                .hasMessage("data: missing: the record value is null");
    }

    @Test
    void timestampsMustBeRfc3339() {
        String json = "{\"runId\":\"" + SampleEvents.RUN_ID + "\",\"nodeId\":\"node-1\",\"mode\":\"full\","
                + "\"trigger\":\"manual\",\"notBefore\":\"tomorrow\"}";

        assertThatThrownBy(() -> codec.decode(EventType.GC_PLANNED, bytes(json)))
                .hasMessage("data.notBefore: expected an RFC 3339 timestamp such as 2026-01-31T12:00:00Z, got 'tomorrow'");
    }

    @Test
    void missingPrimitiveFieldsAreRequiredNotZero() {
        String json = "{\"runId\":\"" + SampleEvents.RUN_ID + "\",\"nodeId\":\"node-1\",\"mode\":\"full\"}";

        assertThatThrownBy(() -> codec.decode(EventType.GC_COMPLETED, bytes(json)))
                .hasMessage("data.blocksRemoved: required; data.bytesFreed: required; data.durationMs: required");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
