package io.pinfold.testsupport.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One ./pinfold command at a time per state folder: a second `up` refuses, naming the one that runs; a
 * second `test` waits for the first instead of stopping and wiping the stack the first one tests on.
 * Every part is named as external here, so a run that got past the lock would start nothing.
 */
class StackLockTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private Path state;
    private final List<ScriptRun> runs = new ArrayList<>();

    @BeforeEach
    void stateFolder() throws IOException {
        state = Files.createDirectories(temp.resolve("state"));
    }

    @AfterEach
    void stopRuns() {
        runs.forEach(ScriptRun::stop);
    }

    @Test
    void aSecondUpRefusesNamingTheRunningOneAndTouchesNothing() throws Exception {
        ScriptRun first = holdLock(state, "up", "refuse");

        ScriptRun second = run("up.out", "./pinfold", "up", "--detach", "--infra-only");

        assertThat(second.exitWithin(DEADLINE)).as(second.output()).isEqualTo(1);
        assertThat(second.output()).contains("pinfold: up: ./pinfold up (pid " + first.pid() + ") already runs on " + state);
        assertThat(state.resolve("run/kubo.nodes")).as("written by an up that got past the lock").doesNotExist();
    }

    @Test
    void aSecondTestRunWaitsForTheFirstAndLeavesItsStackAlone() throws Exception {
        Path testState = state.resolve("test");
        ScriptRun first = holdLock(testState, "test", "wait");
        Path firstRunsData = Files.createDirectories(testState.resolve("data")).resolve("kafka.keep");
        Files.writeString(firstRunsData, "the first run's broker data");

        // `./pinfold test --version` runs `./mvnw -B verify --version` once it may go on: prints, exits 0.
        ScriptRun second = run("test.out", "./pinfold", "test", "--version");

        String waiting = "pinfold: test: waiting for ./pinfold test (pid " + first.pid() + ") to finish";
        awaitOutput(second, waiting);
        assertThat(second.isAlive()).as(second.output()).isTrue();
        assertThat(firstRunsData).as("the first run's data, while the second waits").exists();

        first.stop();

        assertThat(second.exitWithin(Duration.ofMinutes(3))).as(second.output()).isZero();
        assertThat(firstRunsData).as("wiped by the second run once it had the stack").doesNotExist();
    }

    /** A shell that takes the lock the way ./pinfold does, says "locked", and keeps it until stopped. */
    private ScriptRun holdLock(Path stateDir, String command, String mode) throws Exception {
        ScriptRun holder = ScriptRun.bashWithLib(temp.resolve(command + "-holder.out"),
                Map.of("PINFOLD_STATE", stateDir.toString()),
                "pf_lock_stack " + command + " " + mode + "; echo locked; exec sleep 300");
        runs.add(holder);
        awaitOutput(holder, "locked");
        return holder;
    }

    private ScriptRun run(String output, String... command) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "PINFOLD_KAFKA_BOOTSTRAP", "127.0.0.1:1",
                "PINFOLD_PG_HOST", "127.0.0.1",
                "PINFOLD_PG_PORT", "1",
                "PINFOLD_KUBO_RPC_URLS", "http://127.0.0.1:1",
                "PINFOLD_KUBO_GATEWAY_URLS", "http://127.0.0.1:1",
                "PINFOLD_OTLP_ENDPOINT", "http://127.0.0.1:1"));
        environment.put("PINFOLD_STATE", state.toString());
        ScriptRun run = ScriptRun.start(temp.resolve(output), environment, command);
        runs.add(run);
        return run;
    }

    private static void awaitOutput(ScriptRun run, String line) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!run.output().contains(line)) {
            assertThat(System.nanoTime()).as("waiting for '%s'; output so far:\n%s", line, run.output()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
