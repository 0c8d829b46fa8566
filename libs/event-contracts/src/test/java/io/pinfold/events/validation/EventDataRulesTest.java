package io.pinfold.events.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventMetadata;
import io.pinfold.events.EventType;
import io.pinfold.events.SampleEvents;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.denylist.DenylistEntryKind;
import io.pinfold.events.gc.GcProgress;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.events.takedown.NoticeDecided;
import io.pinfold.events.takedown.NoticeDecision;
import io.pinfold.events.takedown.NoticeTarget;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Producers cannot build an event that breaks its contract: constructors name every bad field. */
class EventDataRulesTest {

    private static final String CID = SampleEvents.CID;

    @Test
    void pinRequestNamesEveryBadField() {
        assertThatThrownBy(() -> new PinRequested(null, "acme corp", "nope", "", List.of("x"),
                Map.of("k", "v".repeat(2000)), 0))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("pinId: required; "
                        + "tenant: must be 1-128 characters of letters, digits, '.', '_', ':' or '-', starting with a "
                        + "letter or digit, was 'acme corp'; "
                        + "cid: not a CID: unknown multibase prefix 'n'; "
                        + "name: must not be blank; "
                        + "replication: must be between 1 and 16, was 0; "
                        + "origins[0]: must be a multiaddr starting with '/', was 'x'; "
                        + "meta.k: must be at most 1024 characters");
    }

    @Test
    void pinRequestCopiesItsCollections() {
        List<String> origins = new java.util.ArrayList<>(List.of("/ip4/127.0.0.1/tcp/4001"));
        PinRequested pin = new PinRequested("r", "t", CID, null, origins, null, null);
        origins.clear();

        assertThat(pin.origins()).hasSize(1);
        assertThat(pin.meta()).isEmpty();
        assertThatThrownBy(() -> new PinRequested("r", "t", CID, null, Collections.nCopies(21, "/ip4/1.2.3.4"), null, null))
                .hasMessage("origins: must have at most 20 entries, has 21");
        assertThatThrownBy(() -> new PinRequested("r", "t", CID, null, Arrays.asList("/a", null), null, null))
                .hasMessage("origins[1]: required");
    }

    @Test
    void nodeUrlsMustBeHttp() {
        assertThatThrownBy(() -> new NodeRegistered("Node_1", "peer", "ftp://host", "127.0.0.1:8080", null, null,
                NodeState.ACTIVE))
                .hasMessage("nodeId: must be 1-63 lower-case letters, digits or '-', starting and ending with a letter "
                        + "or digit, was 'Node_1'; "
                        + "rpcUrl: must be an absolute http or https URL such as http://127.0.0.1:15002, was 'ftp://host'; "
                        + "gatewayUrl: must be an absolute http or https URL such as http://127.0.0.1:15002, "
                        + "was '127.0.0.1:8080'");
    }

    @Test
    void nodePlacementFieldsAreNamedWhenWrong() {
        assertThatThrownBy(() -> new NodeRegistered("node-1", "peer", "http://a", "http://b", null, null, NodeState.ACTIVE,
                "EU", "eu_west", 0L, java.util.Map.of("bad key", "x")))
                .hasMessage("region: must be 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit, was 'EU'; "
                        + "zone: must be 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit, was 'eu_west'; "
                        + "capacityBytes: must be at least 1, was 0; "
                        + "tags: key 'bad key' must be 1-63 letters, digits, '.', '_' or '-', starting and ending with a letter or digit");
    }

    @Test
    void drainLeaseOnlyWhileDraining() {
        assertThatThrownBy(() -> new NodeStateChanged("node-1", "peer", "http://a", "http://b", NodeState.ACTIVE,
                null, null, Instant.now()))
                .hasMessage("until: only allowed when state is draining");
    }

    @Test
    void gcProgressCannotPlanFewerBatchesThanDone() {
        assertThatThrownBy(() -> new GcProgress("not-a-uuid", "node-1", -1, 0, 5, 4))
                .hasMessage("runId: not a UUID 'not-a-uuid'; blocksRemoved: must be at least 0, was -1; "
                        + "batchesTotal: must be at least 5, was 4");
    }

    @Test
    void noticeTargetIsContentOrName() {
        assertThatThrownBy(() -> new NoticeTarget(CID, null, "example.org"))
                .hasMessage("ipnsName: exactly one of cid and ipnsName is required");
        assertThatThrownBy(() -> new NoticeTarget(CID, "/abs", null)).hasMessage("path: must not start with '/'");
        assertThat(new NoticeTarget(CID, "a/b", null).contentPath()).isEqualTo("/ipfs/" + CID + "/a/b");
        assertThat(new NoticeTarget(null, null, "example.org").contentPath()).isEqualTo("/ipns/example.org");
        assertThat(new NoticeTarget(null, "films/*", "example.org").contentPath()).isEqualTo("/ipns/example.org/films/*");
    }

    @Test
    void acceptedNoticeNeedsABlockStatus() {
        assertThatThrownBy(() -> new NoticeDecided("n-1", NoticeDecision.ACCEPTED, "r", null, null))
                .hasMessage("blockStatus: required when decision is accepted");
        assertThatThrownBy(() -> new NoticeDecided("n-1", NoticeDecision.REJECTED, "r", null, 410))
                .hasMessage("blockStatus: not allowed when decision is rejected");
        assertThatThrownBy(() -> new NoticeDecided("n-1", NoticeDecision.ACCEPTED, "r", null, 404))
                .hasMessage("blockStatus: must be one of [410, 451], was 404");
    }

    @Test
    void denylistEntryFieldsFollowItsKindAndAgreeWithItsRule() {
        assertThatThrownBy(() -> new DenylistEntryAdded(DenylistEntryKind.IPNS, "/ipns/example.org", CID, null, null,
                null, null, 410, null, null, null))
                .hasMessage("cid: not allowed when kind is ipns; ipnsName: required when kind is ipns; "
                        + "kind: the rule is a dnslink rule, not ipns");
        assertThatThrownBy(() -> new DenylistEntryAdded(DenylistEntryKind.CID, SampleEvents.CID_RULE, CID,
                SampleEvents.MULTIHASH + "a", null, null, null, 410, null, null, null))
                .hasMessageContaining("multihash: ");
        assertThatThrownBy(() -> new DenylistEntryAdded(DenylistEntryKind.CID, SampleEvents.CID_RULE, SampleEvents.OTHER_CID,
                SampleEvents.MULTIHASH, null, null, null, 410, null, null, null))
                .hasMessage("multihash: is not the multihash of cid (expected "
                        + "'udsaeiaf7vitvuvw24dabjxle3qlpfuxudyjtvcqw73ie443h6nxsxgzta')");
        assertThatThrownBy(() -> new DenylistEntryAdded(DenylistEntryKind.CID, "/ipfs/" + SampleEvents.OTHER_CID, null,
                SampleEvents.MULTIHASH, null, null, null, 410, null, null, null))
                .hasMessage("multihash: is not the multihash the rule names ('udsaeiaf7vitvuvw24dabjxle3qlpfuxudyjtvcqw73ie443h6nxsxgzta')");
        assertThatThrownBy(() -> new DenylistEntryAdded(DenylistEntryKind.PATH, SampleEvents.CID_RULE + "/a", null,
                SampleEvents.MULTIHASH, "b", null, null, 410, null, null, null))
                .hasMessage("path: is not the path the rule names ('a')");
        assertThatThrownBy(() -> new DenylistEntryAdded(DenylistEntryKind.CID, "ipfs/x", null,
                SampleEvents.MULTIHASH, null, null, null, 410, null, null, null))
                .hasMessageStartingWith("rule: not an IPIP-383 rule: ");
        assertThatThrownBy(() -> new DenylistEntryAdded(DenylistEntryKind.CID, "!" + SampleEvents.CID_RULE, null,
                SampleEvents.MULTIHASH, null, null, null, 410, null, null, null))
                .hasMessage("rule: must be one blocking rule without hints");
        assertThatThrownBy(() -> new DenylistEntryAdded(DenylistEntryKind.CID, SampleEvents.CID_RULE, null,
                SampleEvents.MULTIHASH, null, null, null, 410, "dmca", null, null))
                .hasMessage("legalReason: only with status 451");
    }

    @Test
    void denylistKeysAreTheLibrarysEntryKeysSoDistinctEntriesStayApart() {
        DenylistEntryAdded whole = new DenylistEntryAdded(DenylistEntryKind.CID, SampleEvents.CID_RULE,
                SampleEvents.CID_V0, SampleEvents.MULTIHASH, null, null, null, 410, null, null, null);
        DenylistEntryAdded path = new DenylistEntryAdded(DenylistEntryKind.PATH, SampleEvents.CID_RULE + "/a%20b/*", CID,
                SampleEvents.MULTIHASH, "a b*", null, null, 451, "dmca", null, "n-1");
        DenylistEntryAdded name = new DenylistEntryAdded(DenylistEntryKind.DNSLINK, "/ipns/example.org", null, null, null,
                "example.org", null, 410, null, null, null);
        DenylistEntryAdded hashed = new DenylistEntryAdded(DenylistEntryKind.DOUBLE_HASH, "//" + SampleEvents.DOUBLE_HASH,
                null, null, null, null, SampleEvents.DOUBLE_HASH, 410, null, null, null);

        assertThat(whole.recordKey()).isEqualTo(SampleEvents.MULTIHASH).isEqualTo(whole.entry().key());
        assertThat(path.recordKey()).isEqualTo(SampleEvents.MULTIHASH + "/a%20b*").isEqualTo(path.entry().key());
        assertThat(path.entry().status()).isEqualTo(451);
        assertThat(path.entry().hints().notice()).contains("n-1");
        assertThat(path.entry().hints().legalReason()).contains("dmca");
        assertThat(name.recordKey()).isEqualTo("dnslink/example.org");
        assertThat(name.subject()).isEqualTo("/ipns/example.org");
        assertThat(hashed.recordKey()).isEqualTo("dh/" + SampleEvents.DOUBLE_HASH);
        assertThat(hashed.entry().rule()).isEqualTo("//" + SampleEvents.DOUBLE_HASH);
    }

    @Test
    void envelopeDerivesKeyAndSubjectWhereTheDataHasThem() {
        NodeRegistered node = (NodeRegistered) SampleEvents.full().get(EventType.NODE_REGISTERED);

        EventEnvelope<NodeRegistered> event = EventEnvelope.create("/pinfold/pin-service", node);

        assertThat(event.key()).isEqualTo("node-1");
        assertThat(event.metadata().subject()).isEqualTo("node-1");
        assertThat(event.topic().topicName()).isEqualTo("pinfold.nodes");
    }

    @Test
    void pinEventsAreKeyedByThePinsRequestIdNotByTheirContent() {
        PinRequested requested = (PinRequested) SampleEvents.full().get(EventType.PIN_REQUESTED);
        io.pinfold.events.pin.PinReplaced replaced = (io.pinfold.events.pin.PinReplaced) SampleEvents.full().get(EventType.PIN_REPLACED);

        assertThat(EventEnvelope.create("/pinfold/pin-service", requested).key()).isEqualTo(requested.pinId());
        assertThat(EventEnvelope.create("/pinfold/pin-service", replaced).key()).isEqualTo(replaced.pinId())
                .isNotEqualTo(replaced.replacedPinId());
        for (EventType type : List.of(EventType.PIN_REQUESTED, EventType.PIN_REMOVED, EventType.PIN_REPLACED, EventType.PIN_STATUS_CHANGED)) {
            EventData data = SampleEvents.full().get(type);
            assertThat(io.pinfold.events.kafka.EventValidator.expectedKey(data)).as(type.shortName())
                    .isEqualTo(((io.pinfold.events.PinEvent) data).pinId());
        }
    }

    @Test
    void longDenylistPathsStillMakeAnEvent() {
        String path = "a/".repeat(511) + "*";
        DenylistEntryAdded entry = new DenylistEntryAdded(DenylistEntryKind.PATH, SampleEvents.CID_RULE + "/" + path, CID,
                SampleEvents.MULTIHASH, "a/".repeat(510) + "a*", null, null, 410, null, null, null);

        EventEnvelope<DenylistEntryAdded> event = EventEnvelope.create("/pinfold/takedown-service", entry);

        assertThat(event.key()).isEqualTo(SampleEvents.MULTIHASH + "/" + "a/".repeat(510) + "a*");
        assertThat(event.metadata().subject()).isEqualTo(entry.rule());
    }

    @Test
    void envelopeRefusesDataOfAnotherType() {
        EventMetadata metadata = EventMetadata.create(EventType.PIN_REMOVED, "/x", CID);
        PinRequested data = (PinRequested) SampleEvents.minimal().get(EventType.PIN_REQUESTED);

        assertThatThrownBy(() -> new EventEnvelope<>(SampleEvents.MULTIHASH, metadata, data))
                .hasMessage("data: a PinRequested cannot be the data of io.pinfold.pin.removed");
        assertThatThrownBy(() -> EventEnvelope.create("/x", " ", data)).hasMessage("key: must not be blank");
    }

    @Test
    void metadataNamesCloudEventsAttributes() {
        assertThatThrownBy(() -> new EventMetadata("", "", EventType.GC_FAILED, null, null, null))
                .hasMessage("ce_id: must not be empty; ce_source: must not be blank; ce_time: required");
        // CloudEvents asks only for a non-empty id: "1" is as good an id as a UUID.
        assertThat(new EventMetadata("1", "/x", EventType.GC_FAILED, java.time.Instant.EPOCH, null, null).id()).isEqualTo("1");
    }
}
