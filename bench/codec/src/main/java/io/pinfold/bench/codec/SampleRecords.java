package io.pinfold.bench.codec;

import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.SelfKeyedEvent;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.events.pinstatus.PinStatus;
import io.pinfold.events.pinstatus.PinStatusChanged;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;

/** Distinct valid records (key, ce_ headers, JSON value) of one event kind, as a consumer receives them. */
public record SampleRecords(String[] keys, List<List<Header>> headers, byte[][] values) {

    /** The event kinds measured: the edge's denylist consumer and pin-service's two busiest inputs. */
    public static final String DENYLIST = "denylist.entry-added";
    public static final String PIN_REQUESTED = "pin.requested";
    public static final String PIN_STATUS = "pin.status-changed";

    public static SampleRecords of(String kind, int count) {
        EventCodec codec = new EventCodec();
        String[] keys = new String[count];
        List<Header>[] headers = newHeaderArray(count);
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            SelfKeyedEvent data = data(kind, i);
            EventEnvelope<SelfKeyedEvent> event = EventEnvelope.create(source(kind), data);
            keys[i] = event.key();
            headers[i] = CloudEventHeaders.write(event);
            values[i] = codec.encode(data);
        }
        return new SampleRecords(keys, List.of(headers), values);
    }

    private static SelfKeyedEvent data(String kind, int i) {
        String cid = cid("pinfold codec bench " + i);
        return switch (kind) {
            case DENYLIST -> DenylistEntryAdded.of("/ipfs/" + cid, 410, null, "bench entry " + i, "notice-" + i);
            case PIN_REQUESTED -> new PinRequested("req-" + i, "acme", cid, "file-" + i + ".txt",
                    List.of("/ip4/127.0.0.1/tcp/14002/p2p/12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf"),
                    Map.of("app", "uploader"), 2);
            case PIN_STATUS -> new PinStatusChanged("req-" + i, cid, "node-1", PinStatus.PINNED, PinStatus.PINNING,
                    1, null, 4096L + i);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }

    private static PinfoldSource source(String kind) {
        return kind.equals(DENYLIST) ? PinfoldSource.TAKEDOWN_SERVICE : PinfoldSource.PIN_SERVICE;
    }

    private static String cid(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return Cid.v1(Codec.RAW, Multihash.of(0x12, digest)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Header>[] newHeaderArray(int count) {
        return (List<Header>[]) new List<?>[count];
    }

    /** Checks that {@code decoded} is the data of record {@code i}: a broken decoder cannot give a fast figure. */
    public void check(int i, EventData decoded) {
        if (!new EventCodec().encodeToString((EventData) decoded).equals(new String(values[i], StandardCharsets.UTF_8))) {
            throw new IllegalStateException("record " + i + " decoded to " + decoded);
        }
    }
}
