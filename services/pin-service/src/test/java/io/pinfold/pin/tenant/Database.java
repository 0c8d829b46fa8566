package io.pinfold.pin.tenant;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/** The test's own database over JDBC, to see what the service really stored. */
final class Database {
    private Database() {
    }

    static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
    }

    static int update(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    static List<String> column(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** Every row of every table in the schema, as PostgreSQL's text form of the row (bytea in hex). */
    static List<String> everyRow() throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String table : column("select table_name from information_schema.tables where table_schema = 'public'")) {
            rows.addAll(column("select t::text from \"" + table + "\" t"));
        }
        return rows;
    }
}
