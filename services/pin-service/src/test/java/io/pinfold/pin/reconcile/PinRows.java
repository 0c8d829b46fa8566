package io.pinfold.pin.reconcile;

import io.pinfold.ipfs.cid.Cid;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Writes desired_pin and node_pin rows as the API/event path would, and reads what the reconciler made of them (JDBC). */
final class PinRows {
    private PinRows() {
    }

    /** A new pin of {@code cid} for {@code tenant}, allocated (wanted) to {@code nodes}; answers its request id. */
    static String request(String tenant, String cid, String... nodes) {
        return requestWithMultihash(tenant, cid, Cid.parse(cid).multihash().toBase32(), nodes);
    }

    /**
     * Like {@link #request}, with the node_pin rows' multihash given (a row that disagrees with its CID is written so from its
     * first moment: the reconciler starts work as soon as a node_pin row is inserted, so changing it afterwards races).
     */
    static String requestWithMultihash(String tenant, String cid, String multihash, String... nodes) {
        String pinId = "rq-" + UUID.randomUUID();
        update("INSERT INTO desired_pin (pin_id, tenant, cid, multihash, requested_at) VALUES ('" + pinId + "', '" + tenant + "', '"
                + cid + "', '" + Cid.parse(cid).multihash().toBase32() + "', now())");
        for (String node : nodes) {
            update("INSERT INTO node_pin (pin_id, node_id, multihash, cid, wanted, status, next_attempt_at, allocated_at, updated_at) VALUES ('"
                    + pinId + "', '" + node + "', '" + multihash + "', '" + cid + "', true, 'queued', now(), now(), now())");
        }
        return pinId;
    }

    /** The API path's removal: every allocation of the pin is no longer wanted. */
    static void remove(String pinId) {
        update("UPDATE desired_pin SET removed_at = now(), removal_reason = 'removed' WHERE pin_id = '" + pinId + "'");
        update("UPDATE node_pin SET wanted = false WHERE pin_id = '" + pinId + "'");
    }

    static String nodeStatus(String pinId, String node) {
        List<String> values = column("SELECT status FROM node_pin WHERE pin_id = '" + pinId + "' AND node_id = '" + node + "'");
        return values.isEmpty() ? null : values.get(0);
    }

    static String desired(String pinId, String column) {
        return column("SELECT " + column + " FROM desired_pin WHERE pin_id = '" + pinId + "'").get(0);
    }

    static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
    }

    static int update(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static List<String> column(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
