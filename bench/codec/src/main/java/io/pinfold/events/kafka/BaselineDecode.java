package io.pinfold.events.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventMetadata;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.events.validation.Violation;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * BASELINE for bench/codec only: {@code EventCodec.decode(key, headers, value)} as it was before the per-class shape
 * cache (commit 8f7cddb), for valid records: headers, a Jackson tree, {@link ReflectiveJsonShape} (reflection per
 * call), then the record from the tree. It shares {@link CloudEventHeaders} and the records' own constructors with
 * the codec, so whatever those gain also speeds up the baseline: the ratio can only flatter the baseline.
 * Lives in the codec's package for {@link EventJson}.
 */
public final class BaselineDecode {

    private final ObjectMapper mapper = EventJson.mapper();
    private final ReflectiveJsonShape shape = new ReflectiveJsonShape(false);

    public EventEnvelope<EventData> decode(String key, Iterable<Header> headers, byte[] value) {
        EventMetadata metadata = CloudEventHeaders.read(headers);
        try {
            JsonNode tree = mapper.readTree(value);
            List<Violation> violations = shape.check(tree, metadata.type().dataClass());
            if (!violations.isEmpty()) {
                throw new InvalidEventException(violations).under("data");
            }
            return new EventEnvelope<>(key, metadata, mapper.treeToValue(tree, metadata.type().dataClass()));
        } catch (IOException e) {
            throw new IllegalStateException("the baseline only decodes valid records", e);
        }
    }
}
