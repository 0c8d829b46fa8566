package io.pinfold.testsupport.postgres;

import io.pinfold.testsupport.stack.DockerEngine;
import io.pinfold.testsupport.stack.FreePorts;
import io.pinfold.testsupport.stack.LocalPart;
import io.pinfold.testsupport.stack.PartFailedException;
import io.pinfold.testsupport.stack.StackSetting;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real PostgreSQL server for tests, one per JVM: the one named by PINFOLD_PG_HOST (with PINFOLD_PG_PORT,
 * PINFOLD_PG_USER, PINFOLD_PG_PASSWORD; ./pinfold test starts it), else a Testcontainers server where
 * Docker runs, else Debian's server started by deploy/local/parts/postgres.sh on a free port. Each test
 * module asks for its own database with {@link #createDatabase(String)}.
 */
public final class Postgres {

    static final String CONTAINER_IMAGE = "postgres:15-alpine";

    private static Postgres shared;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String origin;

    private Postgres(String host, int port, String user, String password, String origin) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.origin = origin;
    }

    public static synchronized Postgres shared() {
        if (shared == null) {
            shared = StackSetting.of("PINFOLD_PG_HOST").map(Postgres::fromEnvironment)
                    .orElseGet(() -> DockerEngine.available() ? inContainer() : local());
        }
        return shared;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Where the server came from: "PINFOLD_PG_HOST", "testcontainers" or "local". */
    public String origin() {
        return origin;
    }

    /** A database of a fresh random name, owned by {@link #user()}. */
    public PostgresDatabase createDatabase() {
        return createDatabase(DatabaseName.random());
    }

    /** An empty database of that name, owned by {@link #user()}; one left by an earlier run is dropped first. */
    public PostgresDatabase createDatabase(String name) {
        String checked = DatabaseName.checked(name);
        PostgresDatabase admin = database("postgres");
        try (Connection connection = connect(admin); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + checked + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + checked);
        } catch (SQLException e) {
            throw new PartFailedException("postgres: could not create database '" + checked + "' on " + host + ":"
                    + port + " as " + user + ": " + e.getMessage(), e);
        }
        return database(checked);
    }

    /** An open JDBC connection to that database (the caller closes it). */
    public static Connection connect(PostgresDatabase database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        properties.setProperty("password", database.password());
        properties.setProperty("connectTimeout", "10");
        // The driver directly, not DriverManager: Quarkus test class loaders hide drivers from it.
        Connection connection = new org.postgresql.Driver().connect(database.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver did not accept " + database.jdbcUrl());
        }
        return connection;
    }

    private PostgresDatabase database(String name) {
        return new PostgresDatabase(host, port, name, user, password);
    }

    private static Postgres fromEnvironment(String host) {
        String port = StackSetting.orDefault("PINFOLD_PG_PORT", "5432");
        try {
            return new Postgres(host, Integer.parseInt(port), StackSetting.orDefault("PINFOLD_PG_USER", "pinfold"),
                    StackSetting.orDefault("PINFOLD_PG_PASSWORD", "pinfold"), "PINFOLD_PG_HOST");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PINFOLD_PG_PORT: '" + port + "' is not a port number");
        }
    }

    private static Postgres inContainer() {
        @SuppressWarnings("resource") // stopped by Testcontainers' own reaper when the JVM exits
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(CONTAINER_IMAGE))
                .withUsername("pinfold").withPassword("pinfold");
        container.start();
        return new Postgres(container.getHost(), container.getMappedPort(5432), "pinfold", "pinfold", "testcontainers");
    }

    private static Postgres local() {
        int port = FreePorts.take(1).get(0);
        LocalPart.inTemporaryState("postgres", Map.of(
                "PINFOLD_PG_HOST", "127.0.0.1",
                "PINFOLD_PG_PORT", Integer.toString(port),
                "PINFOLD_PG_USER", "pinfold",
                "PINFOLD_PG_PASSWORD", "pinfold",
                "PINFOLD_PG_DATABASES", "",
                "PINFOLD_PG_DURABLE", "0")).start();
        return new Postgres("127.0.0.1", port, "pinfold", "pinfold", "local");
    }

    @Override
    public String toString() {
        return "PostgreSQL " + user + "@" + host + ":" + port + " (" + origin + ")";
    }
}
