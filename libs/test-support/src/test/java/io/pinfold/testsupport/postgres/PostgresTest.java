package io.pinfold.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresTest {

    private final Postgres postgres = Postgres.shared();

    @Test
    void aCreatedDatabaseAcceptsConnectionsAndWrites() throws Exception {
        PostgresDatabase database = postgres.createDatabase("test_support_probe");

        try (Connection connection = Postgres.connect(database); Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("SELECT current_database(), current_user")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("test_support_probe");
                assertThat(row.getString(2)).isEqualTo(postgres.user());
            }
            statement.execute("CREATE TABLE pins (cid text PRIMARY KEY)");
            statement.execute("INSERT INTO pins VALUES ('bafkqaaa')");
            try (ResultSet row = statement.executeQuery("SELECT count(*) FROM pins")) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(1);
            }
        }
        assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/test_support_probe");
        assertThat(database.reactiveUrl()).startsWith("vertx-reactive:postgresql://").endsWith("/test_support_probe");
    }

    @Test
    void creatingADatabaseAgainStartsItEmpty() throws Exception {
        PostgresDatabase first = postgres.createDatabase("test_support_again");
        try (Connection connection = Postgres.connect(first); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE leftover (id int)");
        }

        PostgresDatabase second = postgres.createDatabase("test_support_again");

        try (Connection connection = Postgres.connect(second); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'leftover'")) {
            row.next();
            assertThat(row.getInt(1)).isZero();
        }
    }

    @Test
    void randomNamesDiffer() {
        assertThat(postgres.createDatabase().name()).isNotEqualTo(postgres.createDatabase().name());
    }

    @Test
    void aNameThatNeedsQuotingIsRefusedWithTheReason() {
        assertThatThrownBy(() -> postgres.createDatabase("pins; DROP DATABASE x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("database name 'pins; DROP DATABASE x': use 1 to 63 characters a-z, 0-9 and _, not starting with a digit");
    }

    @Test
    void thePasswordIsNotPrinted() {
        PostgresDatabase database = new PostgresDatabase("h", 1, "d", "u", "s3cret");
        assertThat(database.toString()).isEqualTo("postgresql://u@h:1/d").doesNotContain("s3cret");
    }
}
