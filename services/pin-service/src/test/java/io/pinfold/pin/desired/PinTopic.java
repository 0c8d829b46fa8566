package io.pinfold.pin.desired;

import io.agroal.api.AgroalDataSource;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventMetadata;
import io.pinfold.events.EventType;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.testsupport.kafka.RecordPublisher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.Header;

/** Publishes to pinfold.pins on the real broker and reads desired_pin, for the consumer tests. */
final class PinTopic {
    static final String CID_V0 = "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n";
    static final String CID_V1 = "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    private static final EventCodec CODEC = new EventCodec();

    private PinTopic() {
    }

    /** The tenant the sample requests name; pin requests from outside must name an existing tenant. */
    static final String TENANT = "acme";

    static void ensureTenant(AgroalDataSource database) throws SQLException {
        execute(database, "INSERT INTO tenant (id, name, created_at) VALUES (gen_random_uuid(), '" + TENANT + "', now()) "
                + "ON CONFLICT (name) DO NOTHING");
    }

    /** A pin.requested for {@code pinId} from {@code source} with event id {@code id}, keyed by the pin's request id. */
    static EventEnvelope<PinRequested> request(String pinId, String source, String id) {
        PinRequested data = new PinRequested(pinId, TENANT, CID_V1, null, null, null, null);
        EventMetadata metadata = new EventMetadata(id, source, EventType.PIN_REQUESTED, Instant.now(), CID_V1, null);
        return new EventEnvelope<>(pinId, metadata, data);
    }

    static EventEnvelope<PinRequested> request(String pinId) {
        return request(pinId, "/acme/ingest", UUID.randomUUID().toString());
    }

    static void publish(EventEnvelope<?> event) {
        RecordPublisher.shared().publish("pinfold.pins", event.key(), CloudEventHeaders.write(event), CODEC.encode(event.data()));
    }

    static void publish(String key, List<Header> headers, byte[] value) {
        RecordPublisher.shared().publish("pinfold.pins", key, headers, value);
    }

    static boolean exists(AgroalDataSource database, String pinId) throws SQLException {
        return desiredPin(database, pinId).isPresent();
    }

    static Optional<Map<String, Object>> desiredPin(AgroalDataSource database, String pinId) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT cid, multihash, tenant, name, replication FROM desired_pin WHERE pin_id = ?")) {
            query.setString(1, pinId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                java.util.HashMap<String, Object> row = new java.util.HashMap<>();
                for (String column : List.of("cid", "multihash", "tenant", "name", "replication")) {
                    row.put(column, rows.getObject(column));
                }
                return Optional.of(row);
            }
        }
    }

    static boolean removed(AgroalDataSource database, String pinId) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT removed_at IS NOT NULL FROM desired_pin WHERE pin_id = ?")) {
            query.setString(1, pinId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    static void execute(AgroalDataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
