package io.pinfold.systemtest.outbox;

import io.pinfold.testsupport.postgres.Postgres;
import io.pinfold.testsupport.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Holds a service's outbox relay off: the test owns the relay's lease (row 'outbox-relay' of outbox_lease) with an
 * expiry far ahead, and a relay that does not hold the lease publishes nothing. That is the relay's one-leader
 * contract, which lets a test keep committed events in the outbox for as long as it needs them there.
 *
 * <p>Take it only while the service is stopped: a relay that held the lease a moment ago may go on believing it
 * does until its next renewal, so a hold taken under a running relay would hold nothing for a while.
 */
public final class RelayHold {

    private static final String LEASE = "outbox-relay";

    private final PostgresDatabase database;
    private final String owner;

    private RelayHold(PostgresDatabase database, String owner) {
        this.database = database;
        this.owner = owner;
    }

    /** Takes the lease for an hour, whoever held it (a killed process's lease included). */
    public static RelayHold take(PostgresDatabase database) {
        RelayHold hold = new RelayHold(database, "system-test-hold-" + System.nanoTime());
        hold.update("""
                INSERT INTO outbox_lease (name, owner, expires_at) VALUES (?, ?, now() + interval '1 hour')
                ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at""", "take");
        return hold;
    }

    /**
     * Gives the lease up so the service's relay may take it. Fails if the lease was no longer the test's: a relay
     * took an unexpired lease it did not own.
     */
    public void release() {
        int released = update("DELETE FROM outbox_lease WHERE name = ? AND owner = ?", "release");
        if (released != 1) {
            throw new AssertionError("the relay lease of " + database + " was no longer held by " + owner
                    + " at its release: a relay took a lease it did not own before it expired");
        }
    }

    private int update(String sql, String what) {
        try (Connection connection = Postgres.connect(database); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, LEASE);
            statement.setString(2, owner);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not " + what + " the relay lease of " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "lease '" + LEASE + "' held by " + owner + " on " + database;
    }
}
