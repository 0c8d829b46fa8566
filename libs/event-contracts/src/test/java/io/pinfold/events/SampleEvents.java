package io.pinfold.events;

import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.denylist.DenylistEntryKind;
import io.pinfold.events.follow.FollowOutcome;
import io.pinfold.events.follow.FollowResolved;
import io.pinfold.events.gc.GcCompleted;
import io.pinfold.events.gc.GcFailed;
import io.pinfold.events.gc.GcMode;
import io.pinfold.events.gc.GcPlanned;
import io.pinfold.events.gc.GcProgress;
import io.pinfold.events.gc.GcStarted;
import io.pinfold.events.gc.GcTrigger;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.events.pin.PinRemovalReason;
import io.pinfold.events.pin.PinRemoved;
import io.pinfold.events.pin.PinReplaced;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.events.pinstatus.PinStatus;
import io.pinfold.events.pinstatus.PinStatusChanged;
import io.pinfold.events.takedown.NoticeDecided;
import io.pinfold.events.takedown.NoticeDecision;
import io.pinfold.events.takedown.NoticeKind;
import io.pinfold.events.takedown.NoticeReceived;
import io.pinfold.events.takedown.NoticeRestored;
import io.pinfold.events.takedown.NoticeTarget;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One valid event per type with every field set, and one with only the required fields. */
public final class SampleEvents {

    /** Raw sha2-256 CID of "hello world\n"; vectors computed independently (see CidShapeTest). */
    public static final String CID = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";
    /** A CIDv0 with the same multihash: the same content for keys and blocking. */
    public static final String CID_V0 = "QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24Kp";
    /** The multihash of {@link #CID} in base32: the Kafka key of events about it. */
    public static final String MULTIHASH = "ciqksseqj4xq6r43r6azo2klgamewdjo2ha42kq6yd5yluuzugjkiry";
    /** A dag-cbor CID with a blake2b-256 multihash (two-byte varint code). */
    public static final String OTHER_CID = "bafy2bzaceac72uj22k3nobqau3vsnyfxs2l2b4ez2rilp5ucoont7g3zltmzq";
    public static final String ENTRY_ID = "0b8a6c3e-5d3c-4c59-9a54-5b8f9b0c1d2e";
    public static final String RUN_ID = "7f3e2b1a-4c5d-4e6f-8a9b-0c1d2e3f4a5b";
    public static final String DOUBLE_HASH = "d9d295bde21f422d471a90f2a37ec53049fdf3e5fa3ee2e8f20e10003da429e7";
    /** The rule IPIP-383 writes for {@link #CID}: a sha2-256 multihash is written as CIDv0. */
    public static final String CID_RULE = "/ipfs/QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24Kp";

    private SampleEvents() {
    }

    public static Map<EventType, EventData> full() {
        Map<EventType, EventData> samples = new EnumMap<>(EventType.class);
        samples.put(EventType.PIN_REQUESTED, new PinRequested("req-1", "acme", CID, "hello.txt",
                List.of("/ip4/127.0.0.1/tcp/14002/p2p/12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf"),
                Map.of("app", "uploader"), 2));
        samples.put(EventType.PIN_REMOVED, new PinRemoved("req-1", "acme", CID, PinRemovalReason.BLOCKED, "notice-9"));
        samples.put(EventType.PIN_REPLACED, new PinReplaced("req-2", "req-1", "acme", OTHER_CID, CID, "v2",
                List.of("/dns4/node1.example/tcp/4001"), Map.of("version", "2"), 3));
        samples.put(EventType.PIN_STATUS_CHANGED, new PinStatusChanged("req-1", CID, "node-1", PinStatus.FAILED,
                PinStatus.PINNING, 3, "context deadline exceeded", 12L));
        samples.put(EventType.NODE_REGISTERED, new NodeRegistered("node-1",
                "12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf", "http://127.0.0.1:15002",
                "http://127.0.0.1:18081", List.of("/ip4/127.0.0.1/tcp/14002"), "0.43.1", NodeState.ACTIVE,
                "eu-west-1", "eu-west-1a", 500_000_000_000L, Map.of("disk", "ssd", "tier", "")));
        samples.put(EventType.NODE_STATE_CHANGED, new NodeStateChanged("node-1",
                "12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf", "http://127.0.0.1:15002",
                "http://127.0.0.1:18081", NodeState.DRAINING, NodeState.ACTIVE, "full GC run " + RUN_ID,
                Instant.parse("2026-11-26T10:05:00Z")));
        samples.put(EventType.GC_PLANNED, new GcPlanned(RUN_ID, "node-1", GcMode.TARGETED, GcTrigger.UNPINNED,
                Instant.parse("2026-11-26T02:00:00Z"), 12, 1_048_576L));
        samples.put(EventType.GC_STARTED, new GcStarted(RUN_ID, "node-1", GcMode.FULL, true));
        samples.put(EventType.GC_PROGRESS, new GcProgress(RUN_ID, "node-1", 500, 2_048_000, 5, 10));
        samples.put(EventType.GC_COMPLETED, new GcCompleted(RUN_ID, "node-1", GcMode.TARGETED, 1000, 4_096_000, 850));
        samples.put(EventType.GC_FAILED, new GcFailed(RUN_ID, "node-1", GcMode.PURGE, "block rm: node unreachable",
                true, 10, 4096));
        samples.put(EventType.NOTICE_RECEIVED, new NoticeReceived("notice-9", NoticeKind.DMCA, "Example Rights LLC",
                List.of(new NoticeTarget(CID, null, null), new NoticeTarget(OTHER_CID, "films/a.mp4", null),
                        new NoticeTarget(null, null, "example.org")),
                "Unlicensed copies of our film.", "US"));
        samples.put(EventType.NOTICE_DECIDED, new NoticeDecided("notice-9", NoticeDecision.ACCEPTED, "reviewer@pinfold",
                "Valid notice.", 451));
        samples.put(EventType.NOTICE_RESTORED, new NoticeRestored("notice-9", "counter-3", "reviewer@pinfold",
                "Counter-notice not disputed within 14 days."));
        samples.put(EventType.DENYLIST_ENTRY_ADDED, new DenylistEntryAdded(DenylistEntryKind.PATH,
                "/ipfs/bafk2bzaceac72uj22k3nobqau3vsnyfxs2l2b4ez2rilp5ucoont7g3zltmzq/films*", OTHER_CID,
                "udsaeiaf7vitvuvw24dabjxle3qlpfuxudyjtvcqw73ie443h6nxsxgzta", "films*", null, null, 451, "dmca",
                "DMCA notice-9", "notice-9"));
        samples.put(EventType.FOLLOW_RESOLVED, new FollowResolved(ENTRY_ID, "docs-sites", "acme", "docs.ipfs.tech", "schedule",
                FollowOutcome.CHANGED, "/ipfs/" + CID + "/index.html", "/ipfs/" + OTHER_CID + "/index.html", "req-2", List.of("req-1"), null));
        return samples;
    }

    public static Map<EventType, EventData> minimal() {
        Map<EventType, EventData> samples = new EnumMap<>(EventType.class);
        samples.put(EventType.PIN_REQUESTED, new PinRequested("req-1", "acme", CID, null, null, null, null));
        samples.put(EventType.PIN_REMOVED, new PinRemoved("req-1", "acme", CID, PinRemovalReason.REQUESTED, null));
        samples.put(EventType.PIN_REPLACED, new PinReplaced("req-2", "req-1", "acme", OTHER_CID, CID_V0,
                null, null, null, null));
        samples.put(EventType.PIN_STATUS_CHANGED, new PinStatusChanged("req-1", CID, "node-1", PinStatus.QUEUED,
                null, null, null, null));
        samples.put(EventType.NODE_REGISTERED, new NodeRegistered("node-1", "12D3KooWGzxz", "http://127.0.0.1:15002",
                "http://127.0.0.1:18081", null, null, NodeState.ACTIVE));
        samples.put(EventType.NODE_STATE_CHANGED, new NodeStateChanged("node-1", "12D3KooWGzxz",
                "http://127.0.0.1:15002", "http://127.0.0.1:18081", NodeState.DOWN, null, null, null));
        samples.put(EventType.GC_PLANNED, new GcPlanned(RUN_ID, "node-1", GcMode.FULL, GcTrigger.MANUAL, null, null, null));
        samples.put(EventType.GC_STARTED, new GcStarted(RUN_ID, "node-1", GcMode.TARGETED, false));
        samples.put(EventType.GC_PROGRESS, new GcProgress(RUN_ID, "node-1", 0, 0, 0, null));
        samples.put(EventType.GC_COMPLETED, new GcCompleted(RUN_ID, "node-1", GcMode.FULL, 0, 0, 0));
        samples.put(EventType.GC_FAILED, new GcFailed(RUN_ID, "node-1", GcMode.FULL, "repo locked", false, 0, 0));
        samples.put(EventType.NOTICE_RECEIVED, new NoticeReceived("notice-9", NoticeKind.ABUSE, "A. Person",
                List.of(new NoticeTarget(CID, null, null)), null, null));
        samples.put(EventType.NOTICE_DECIDED, new NoticeDecided("notice-9", NoticeDecision.REJECTED, "reviewer", null, null));
        samples.put(EventType.NOTICE_RESTORED, new NoticeRestored("notice-9", null, "reviewer", "Restored."));
        samples.put(EventType.DENYLIST_ENTRY_ADDED, new DenylistEntryAdded(DenylistEntryKind.DOUBLE_HASH,
                "//" + DOUBLE_HASH, null, null, null, null, DOUBLE_HASH, 410, null, null, null));
        samples.put(EventType.FOLLOW_RESOLVED, new FollowResolved(ENTRY_ID, "l", "acme", "/ipns/example.org", "demand",
                FollowOutcome.FAILED, null, null, null, null, "dnslink example.org: the DNS answered NXDOMAIN"));
        return samples;
    }

    /** The Kafka key an event with this sample data carries. */
    public static String keyOf(EventData data) {
        return ((SelfKeyedEvent) data).recordKey();
    }
}
