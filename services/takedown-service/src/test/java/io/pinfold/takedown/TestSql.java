package io.pinfold.takedown;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Plain SQL against the service's own database, for tests that check what was stored (or tamper with it). */
public final class TestSql {
    private final DataSource database;

    public TestSql(DataSource database) {
        this.database = database;
    }

    /** The first column of every row, as text. */
    public List<String> strings(String sql) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row as a number ({@code count(*)}, {@code max(seq)}); 0 for NULL. */
    public long count(String sql) {
        String value = strings(sql).get(0);
        return value == null ? 0 : Long.parseLong(value);
    }

    public void execute(String sql) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
