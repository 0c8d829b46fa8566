package io.pinfold.systemtest.outbox;

import io.pinfold.testsupport.postgres.Postgres;
import io.pinfold.testsupport.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A service's outbox table seen from outside the service, over plain JDBC: what is still waiting to be published,
 * and a backlog written straight into it. Only the columns every relay version reads are used (no sequence or
 * ordering column), so the relay's own bookkeeping may change without touching the tests. Event ids go in as
 * untyped parameters and come out as text, so they fit an event_id column of type uuid or text.
 */
public final class OutboxTable {

    private static final String COLUMNS = "event_id, topic, record_key, event_type, event_source, subject, event_time, "
            + "payload, traceparent, tracestate";
    /** Rows per transaction when writing a backlog: several commits, as from several requests. */
    private static final int ROWS_PER_TRANSACTION = 500;

    private final PostgresDatabase database;

    public OutboxTable(PostgresDatabase database) {
        this.database = database;
    }

    /** The rows waiting with this record key. */
    public List<OutboxRow> withKey(String recordKey) {
        List<OutboxRow> rows = new ArrayList<>();
        try (Connection connection = Postgres.connect(database);
             PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM outbox_event WHERE record_key = ?")) {
            statement.setString(1, recordKey);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new OutboxRow(UUID.fromString(result.getString("event_id")), result.getString("topic"),
                            result.getString("record_key"), result.getString("event_type"), result.getString("event_source"),
                            result.getString("subject"), result.getObject("event_time", OffsetDateTime.class).toInstant(),
                            result.getString("payload"), result.getString("traceparent"), result.getString("tracestate")));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure("read the rows keyed " + recordKey, e);
        }
    }

    /** How many rows of this CloudEvents source are waiting. */
    public int countFromSource(String eventSource) {
        try (Connection connection = Postgres.connect(database);
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM outbox_event WHERE event_source = ?")) {
            statement.setString(1, eventSource);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw failure("count the rows from " + eventSource, e);
        }
    }

    /** The ids of the rows of this CloudEvents source that are waiting. */
    public Set<UUID> eventIdsFromSource(String eventSource) {
        Set<UUID> ids = new HashSet<>();
        try (Connection connection = Postgres.connect(database);
             PreparedStatement statement = connection.prepareStatement("SELECT event_id FROM outbox_event WHERE event_source = ?")) {
            statement.setString(1, eventSource);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(UUID.fromString(result.getString(1)));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw failure("read the event ids from " + eventSource, e);
        }
    }

    /** Appends the rows in list order, {@value #ROWS_PER_TRANSACTION} per transaction, each committed before the next. */
    public void append(List<OutboxRow> rows) {
        try (Connection connection = Postgres.connect(database);
             PreparedStatement statement = connection.prepareStatement("INSERT INTO outbox_event (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int start = 0; start < rows.size(); start += ROWS_PER_TRANSACTION) {
                for (OutboxRow row : rows.subList(start, Math.min(rows.size(), start + ROWS_PER_TRANSACTION))) {
                    statement.setObject(1, row.eventId().toString(), Types.OTHER);
                    statement.setString(2, row.topic());
                    statement.setString(3, row.recordKey());
                    statement.setString(4, row.eventType());
                    statement.setString(5, row.eventSource());
                    statement.setString(6, row.subject());
                    statement.setObject(7, row.eventTime().atOffset(ZoneOffset.UTC));
                    statement.setString(8, row.payload());
                    statement.setString(9, row.traceparent());
                    statement.setString(10, row.tracestate());
                    statement.addBatch();
                }
                statement.executeBatch();
                connection.commit();
            }
        } catch (SQLException e) {
            throw failure("append " + rows.size() + " rows", e);
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("outbox of " + database + ": could not " + what + ": " + e.getMessage(), e);
    }
}
