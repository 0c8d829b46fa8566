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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack signals only processes it started (deploy/local/lib.sh): a pid is trusted only with its
 * start time and command line, a part is stopped with every process of its session, and the watcher that
 * stops a test JVM's parts after the JVM dies follows the same rule.
 */
class LocalProcessSafetyTest {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(20);
    private static final List<String> SERVICES = List.of("gateway-edge", "pin-service", "takedown-service", "gc-service");

    @TempDir
    Path temp;

    private Path state;
    private Path fakePart;
    private Path children;
    private final List<Process> strangers = new ArrayList<>();
    private final List<Long> leftovers = new ArrayList<>();

    @BeforeEach
    void stateFolder() throws IOException {
        state = Files.createDirectories(temp.resolve("state"));
        children = temp.resolve("children");
        fakePart = temp.resolve("fake-part.sh");
        // A part that forks: a plain child, one that ignores TERM, one in a process group of its own.
        Files.writeString(fakePart, """
                sleep 300 & echo $! >>"$1"
                (trap '' TERM; exec sleep 301) & echo $! >>"$1"
                set -m
                sleep 302 & echo $! >>"$1"
                wait
                """);
    }

    @AfterEach
    void stopWhatTheTestStarted() {
        strangers.forEach(Process::destroyForcibly);
        for (long pid : leftovers) {
            ProcessHandle.of(pid).ifPresent(process -> {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            });
        }
    }

    @Test
    void downNeverSignalsAProcessThatOnlyHasARecordedPid() throws Exception {
        Process stranger = stranger();
        long pid = stranger.pid();
        long start = ProcStat.startTime(pid).orElseThrow();
        Path run = Files.createDirectories(state.resolve("run"));
        // What a pid file can look like once its pid belongs to someone else:
        Files.writeString(run.resolve("kafka.pid"), pid + "\n");                               // a bare pid
        Files.writeString(run.resolve("kubo-1.pid"), pid + "\nsleep\n");                       // no start time
        Files.writeString(run.resolve("postgres.pid"), pid + "\n" + (start + 1) + "\nsleep\n"); // pid reused
        Files.writeString(run.resolve("jaeger.pid"), pid + "\n" + start + "\n/bin/jaeger\n");   // not its command
        for (String service : SERVICES) {
            Files.writeString(run.resolve(service + ".pid"), pid + "\n" + (start - 1) + "\nsleep 300\n");
        }

        ScriptRun down = ScriptRun.start(temp.resolve("down.out"), Map.of("PINFOLD_STATE", state.toString()),
                "./pinfold", "down");

        assertThat(down.exitWithin(SCRIPT_TIMEOUT)).as(down.output()).isZero();
        assertThat(stranger.isAlive()).as("a stranger whose pid was in every pid file was signalled:\n%s", down.output())
                .isTrue();
    }

    @Test
    void stoppingAPartStopsEveryProcessItForked() throws Exception {
        long leader = spawnFakePart(Map.of());
        List<Long> forked = forkedChildren();
        assertThat(forked).allSatisfy(child -> assertThat(ProcStat.isAlive(child)).isTrue());

        ScriptRun stop = ScriptRun.bashWithLib(temp.resolve("stop.out"), Map.of("PINFOLD_STATE", state.toString()),
                "pf_terminate fake 2");

        assertThat(stop.exitWithin(SCRIPT_TIMEOUT)).as(stop.output()).isZero();
        assertThat(ProcStat.isAlive(leader)).as("the part itself").isFalse();
        assertThat(forked).as("children of the part (plain, ignoring TERM, own process group)")
                .allSatisfy(child -> assertThat(ProcStat.isAlive(child)).as("child %d", child).isFalse());
        assertThat(state.resolve("run/fake.pid")).doesNotExist();
    }

    @Test
    void theOwnerWatcherStopsThePartOnceItsOwnerIsGone() throws Exception {
        Process owner = owner();
        long leader = spawnFakePart(Map.of("PINFOLD_OWNER_PID", Long.toString(owner.pid())));
        List<Long> part = new ArrayList<>(forkedChildren());
        part.add(leader);
        assertThat(part).as("running while the owner lives").allSatisfy(pid -> assertThat(ProcStat.isAlive(pid)).isTrue());

        owner.destroyForcibly().waitFor();

        awaitGone(part);
    }

    @Test
    void theOwnerWatcherNeverStopsAStrangerThatHoldsTheRecordedPid() throws Exception {
        Process owner = owner();
        spawnFakePart(Map.of("PINFOLD_OWNER_PID", Long.toString(owner.pid())));
        ProcessHandle watcher = watcherOf(owner.pid()).orElseThrow(() -> new AssertionError("no owner watcher runs"));
        Process stranger = stranger();
        // As if the part had died and its pid gone to the stranger: same pid, another start time.
        Files.writeString(state.resolve("run/fake.pid"),
                stranger.pid() + "\n" + (ProcStat.startTime(stranger.pid()).orElseThrow() + 1) + "\nsleep\n");

        owner.destroyForcibly().waitFor();
        watcher.onExit().get(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);

        assertThat(stranger.isAlive()).as("the stranger holding the recorded pid").isTrue();
    }

    /** Starts fake-part.sh with pf_spawn (and pf_watch_owner) in the state folder; returns the part's pid. */
    private long spawnFakePart(Map<String, String> environment) throws Exception {
        Map<String, String> withState = new HashMap<>(environment);
        withState.put("PINFOLD_STATE", state.toString());
        String lib = RepoRoot.path().resolve("deploy/local/lib.sh").toString();
        ScriptRun spawn = ScriptRun.bashWithLib(temp.resolve("spawn.out"), withState, "pf_state_dirs; "
                + "pf_spawn fake \"$(pf_log_file fake)\" fake-part.sh bash '" + fakePart + "' '" + children + "'; "
                + "pf_watch_owner fake bash -c \"source '" + lib + "'; pf_terminate fake 5\"");
        assertThat(spawn.exitWithin(SCRIPT_TIMEOUT)).as(spawn.output()).isZero();
        long leader = Long.parseLong(Files.readAllLines(state.resolve("run/fake.pid")).get(0));
        leftovers.add(leader);
        return leader;
    }

    private List<Long> forkedChildren() throws Exception {
        long deadline = System.nanoTime() + STOP_DEADLINE.toNanos();
        while (true) {
            List<String> lines = Files.exists(children) ? Files.readAllLines(children) : List.of();
            if (lines.size() >= 3) {
                List<Long> pids = lines.stream().map(Long::parseLong).toList();
                leftovers.addAll(pids);
                return pids;
            }
            assertThat(System.nanoTime()).as("the fake part wrote its children's pids").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * A process this stack did not start, leading a session of its own as a daemon or another stack's part
     * does: one a stop that trusted a bare pid would reach.
     */
    private Process stranger() throws Exception {
        Process process = new ProcessBuilder("setsid", "sleep", "300").start();
        strangers.add(process);
        long deadline = System.nanoTime() + STOP_DEADLINE.toNanos();
        while (ProcStat.sessionId(process.pid()).orElse(-1) != process.pid()) {
            assertThat(System.nanoTime()).as("the stranger leads its own session").isLessThan(deadline);
            Thread.sleep(20);
        }
        return process;
    }

    private Process owner() throws IOException {
        Process process = new ProcessBuilder("sleep", "300").start();
        strangers.add(process);
        return process;
    }

    private static Optional<ProcessHandle> watcherOf(long ownerPid) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine()
                        .filter(line -> line.contains("pf_owner_watch") && line.contains(" fake " + ownerPid + " "))
                        .isPresent())
                .findFirst();
    }

    private static void awaitGone(List<Long> pids) throws InterruptedException {
        long deadline = System.nanoTime() + STOP_DEADLINE.toNanos();
        while (pids.stream().anyMatch(ProcStat::isAlive)) {
            assertThat(System.nanoTime())
                    .as("still alive %s seconds after the owner died: %s", STOP_DEADLINE.toSeconds(),
                            pids.stream().filter(ProcStat::isAlive).toList())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
