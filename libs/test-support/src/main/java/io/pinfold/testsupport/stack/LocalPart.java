package io.pinfold.testsupport.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One part of the local stack run by its own script, {@code deploy/local/parts/<name>.sh}, in a private
 * state folder: the same code path as {@code ./pinfold up}, so tests exercise what users run. A part with
 * numbered nodes (Kubo: {@code kubo.sh start N}) starts each node with its arguments, all in one state folder.
 */
public final class LocalPart {

    // First use on a fresh machine may build a binary (Jaeger with Go) or resolve jars (Kafka).
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(20);

    private final String name;
    private final Path stateDir;
    private final Map<String, String> environment;
    // The arguments of every start tried, so stopping runs "stop <arguments>" for each.
    private final List<List<String>> started = new CopyOnWriteArrayList<>();
    private volatile boolean startFailed;
    private volatile boolean stopHookAdded;

    private LocalPart(String name, Path stateDir, Map<String, String> environment) {
        this.name = name;
        this.stateDir = stateDir;
        this.environment = Map.copyOf(environment);
    }

    /** A part in a fresh temporary state folder, with the PINFOLD_* variables the script reads. */
    public static LocalPart inTemporaryState(String name, Map<String, String> environment) {
        try {
            Path dir = Files.createTempDirectory("pinfold-" + name + "-");
            // Readable by others: PostgreSQL runs as its own OS user when the tests run as root.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new LocalPart(name, dir, environment);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a state folder for " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public Path stateDir() {
        return stateDir;
    }

    public Path logFile() {
        return stateDir.resolve("logs").resolve(name + ".log");
    }

    /** Starts the part and waits until it is ready; stops it again when this JVM exits. */
    public LocalPart start() {
        return start(new String[0]);
    }

    /**
     * Runs {@code <name>.sh start <arguments>} (e.g. {@code start 2} for node 2) and waits until it is ready;
     * {@code stop <arguments>} runs when this JVM exits.
     */
    public LocalPart start(String... arguments) {
        String label = arguments.length == 0 ? name : name + " " + String.join(" ", arguments);
        System.err.printf("pinfold test-support: starting %s with deploy/local/parts/%s.sh (state: %s)%n",
                label, name, stateDir);
        started.add(List.of(arguments));
        try {
            run("start", List.of(arguments));
        } catch (RuntimeException e) {
            startFailed = true;
            throw e;
        }
        if (!stopHookAdded) {
            stopHookAdded = true;
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopOnExit, "pinfold-stop-" + name));
        }
        return this;
    }

    /** Runs {@code stop <arguments>} (e.g. {@code stop 2} for node 2), keeping the state folder. */
    public void stop(String... arguments) {
        List<String> words = List.of(arguments);
        run("stop", words);
        started.remove(words);
    }

    /** Stops what was started and keeps the state folder: {@link #start} brings the part back with its data. */
    public void stop() {
        stopStarted();
    }

    /** Runs {@code <name>.sh restart} for a part whose script has it (dnsmasq: how a rewritten records file takes effect). */
    public LocalPart restart() {
        run("restart", List.of());
        return this;
    }

    /** Stops what was started and deletes the state folder. */
    public void stopAndDelete() {
        stopStarted();
        deleteQuietly(stateDir);
    }

    /** Like {@link #stopAndDelete()}, but keeps the state folder when a start failed: its log says why. */
    private void stopOnExit() {
        stopStarted();
        if (!startFailed) {
            deleteQuietly(stateDir);
        }
    }

    private void stopStarted() {
        for (List<String> arguments : started) {
            try {
                run("stop", arguments);
            } catch (RuntimeException e) {
                System.err.println("pinfold test-support: " + e.getMessage());
            }
        }
        started.clear();
    }

    private void run(String command, List<String> arguments) {
        Path script = RepoRoot.path().resolve("deploy/local/parts").resolve(name + ".sh");
        Path output = stateDir.resolve(name + "-script.out");
        List<String> words = new ArrayList<>(List.of(command));
        words.addAll(arguments);
        String what = script.getFileName() + " " + String.join(" ", words);
        List<String> commandLine = new ArrayList<>(List.of("bash", script.toString()));
        commandLine.addAll(words);
        ProcessBuilder builder = new ProcessBuilder(commandLine)
                .directory(RepoRoot.path().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        builder.environment().put("PINFOLD_STATE", stateDir.toString());
        // The script stops the part itself once this JVM is gone, even after a kill -9 that skips the hook.
        builder.environment().put("PINFOLD_OWNER_PID", Long.toString(ProcessHandle.current().pid()));
        try {
            // Several runs append to one output file; only this run's lines can hold its reason.
            long outputBefore = output.toFile().length();
            Process process = builder.start();
            if (!process.waitFor(SCRIPT_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new PartFailedException(name + ": " + what + " did not finish within " + SCRIPT_TIMEOUT.toMinutes()
                        + " minutes (log: " + output + ")");
            }
            if (process.exitValue() != 0) {
                throw new PartFailedException(failureLine(output, outputBefore)
                        .orElse(name + ": " + what + " exited with " + process.exitValue() + " (log: " + output + ")"));
            }
        } catch (IOException e) {
            throw new PartFailedException(name + ": could not run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartFailedException(name + ": interrupted while running " + what, e);
        }
    }

    /** The script's own one-line reason, {@code pinfold: <part>: <reason> (log: <file>)}, when it printed one. */
    private static Optional<String> failureLine(Path output, long from) {
        try {
            byte[] all = Files.readAllBytes(output);
            int start = (int) Math.min(from, all.length);
            List<String> lines = new String(all, start, all.length - start, StandardCharsets.UTF_8).lines().toList();
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("pinfold: ") && lines.get(i).contains("(log: ")) {
                    return Optional.of(lines.get(i));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder; the OS cleans it up eventually
        }
    }
}
