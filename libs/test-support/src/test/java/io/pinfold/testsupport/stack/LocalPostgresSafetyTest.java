package io.pinfold.testsupport.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.testsupport.postgres.Postgres;
import io.pinfold.testsupport.postgres.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster deploy/local/parts/postgres.sh runs asks every login for its password (TCP and local socket,
 * the superuser too), listens on loopback only, and is never stopped from a state folder that did not start it.
 */
class LocalPostgresSafetyTest {

    private static final String PASSWORD = "s3cret-of-this-test";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    private static LocalPart part;
    private static int port;

    @TempDir
    Path temp;

    @BeforeAll
    static void startCluster() {
        port = FreePorts.take(1).get(0);
        part = LocalPart.inTemporaryState("postgres", Map.of(
                "PINFOLD_PG_HOST", "127.0.0.1",
                "PINFOLD_PG_PORT", Integer.toString(port),
                "PINFOLD_PG_USER", "pinfold",
                "PINFOLD_PG_PASSWORD", PASSWORD,
                "PINFOLD_PG_DATABASES", "pinfold_pins",
                "PINFOLD_PG_DURABLE", "0")).start();
    }

    @AfterAll
    static void stopCluster() {
        part.stopAndDelete();
    }

    @Test
    void aLoginWithThePasswordGetsIn() throws Exception {
        try (Connection connection = Postgres.connect(database("pinfold", PASSWORD));
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_user")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("pinfold");
        }
        assertThat(psqlOverTheSocket("pinfold", PASSWORD).exitWithin(SCRIPT_TIMEOUT)).isZero();
    }

    @Test
    void aLoginWithoutThePasswordIsRefusedOverTcp() {
        assertThatThrownBy(() -> Postgres.connect(database("pinfold", "")).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> Postgres.connect(database("pinfold", "wrong")).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> Postgres.connect(database("postgres", "")).close())
                .as("the superuser").isInstanceOf(SQLException.class).hasMessageContaining("password");
    }

    @Test
    void aLoginWithoutThePasswordIsRefusedOnTheLocalSocket() {
        for (String user : List.of("postgres", "pinfold")) {
            ScriptRun psql = psqlOverTheSocket(user, null);
            assertThat(psql.exitWithin(SCRIPT_TIMEOUT)).as("psql -U %s without a password: %s", user, psql.output())
                    .isNotZero();
            assertThat(psql.output()).contains("no password supplied");
        }
    }

    @Test
    void theClusterListensOnLoopbackOnlyAndTrustsNoOne() throws Exception {
        String superuserPassword = Files.readString(part.stateDir().resolve("data/postgres.pgpass")).trim()
                .replaceFirst("^\\*:\\*:\\*:postgres:", "");
        try (Connection connection = Postgres.connect(database("postgres", superuserPassword));
                Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("SHOW listen_addresses")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("127.0.0.1");
            }
            try (ResultSet row = statement.executeQuery(
                    "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("scram-sha-256");
            }
        }
    }

    @Test
    void stoppingFromAnotherStateFolderLeavesTheClusterRunning() throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(part.stateDir().resolve("run/postgres.pid")).get(0));
        Path otherState = Files.createDirectories(temp.resolve("other"));
        Path otherRun = Files.createDirectories(otherState.resolve("run"));
        // The running postmaster's pid and start time, recorded as that folder's own cluster would be.
        Files.writeString(otherRun.resolve("postgres.pid"), postmaster + "\n"
                + ProcStat.startTime(postmaster).orElseThrow() + "\n" + otherState.resolve("data/postgres") + "\n");

        ScriptRun stop = ScriptRun.start(temp.resolve("stop.out"), Map.of(
                "PINFOLD_STATE", otherState.toString(), "PINFOLD_PG_PORT", Integer.toString(port)),
                "bash", "deploy/local/parts/postgres.sh", "stop");

        assertThat(stop.exitWithin(SCRIPT_TIMEOUT)).as(stop.output()).isZero();
        assertThat(ProcStat.isAlive(postmaster)).as("the postmaster of another state folder").isTrue();
        aLoginWithThePasswordGetsIn();
    }

    private static PostgresDatabase database(String user, String password) {
        return new PostgresDatabase("127.0.0.1", port, "pinfold_pins", user, password);
    }

    /** psql on the cluster's Unix socket; {@code password} null: none at all (no PGPASSWORD, no .pgpass). */
    private ScriptRun psqlOverTheSocket(String user, String password) {
        Path noPgpass = temp.resolve("no.pgpass");
        try {
            Files.writeString(noPgpass, "");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Map<String, String> environment = password == null
                ? Map.of("PGPASSFILE", noPgpass.toString())
                : Map.of("PGPASSFILE", noPgpass.toString(), "PGPASSWORD", password);
        return ScriptRun.start(temp.resolve("psql-" + user + ".out"), environment, psql(), "-X", "-w",
                "-h", part.stateDir().resolve("run/pg").toString(), "-p", Integer.toString(port), "-U", user,
                "-d", "pinfold_pins", "-c", "SELECT 1");
    }

    private static String psql() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin/psql")).filter(Files::isExecutable)
                    .map(Path::toString).sorted().reduce((first, second) -> second).orElse("psql");
        } catch (IOException e) {
            return "psql";
        }
    }
}
