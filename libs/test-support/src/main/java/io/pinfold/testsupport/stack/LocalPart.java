package io.pinfold.testsupport.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One part of the local stack run by its own script, {@code deploy/local/parts/<name>.sh}, in a private
 * state folder: the same code path as {@code ./pinfold up}, so tests exercise what users run.
 */
public final class LocalPart {

    // First use on a fresh machine may build a binary (Jaeger with Go) or resolve jars (Kafka).
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(20);

    private final String name;
    private final Path stateDir;
    private final Map<String, String> environment;

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
        System.err.printf("pinfold test-support: starting %s with deploy/local/parts/%s.sh (state: %s)%n",
                name, name, stateDir);
        run("start");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAndDelete, "pinfold-stop-" + name));
        return this;
    }

    /** Stops the part and deletes its state folder. */
    public void stopAndDelete() {
        try {
            run("stop");
        } catch (RuntimeException e) {
            System.err.println("pinfold test-support: " + e.getMessage());
        }
        deleteQuietly(stateDir);
    }

    private void run(String command) {
        Path script = RepoRoot.path().resolve("deploy/local/parts").resolve(name + ".sh");
        Path output = stateDir.resolve(name + "-script.out");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), command)
                .directory(RepoRoot.path().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        builder.environment().put("PINFOLD_STATE", stateDir.toString());
        builder.environment().put("PINFOLD_OWNER_PID", Long.toString(ProcessHandle.current().pid()));
        try {
            Process process = builder.start();
            if (!process.waitFor(SCRIPT_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new PartFailedException(name + ": " + script.getFileName() + " " + command
                        + " did not finish within " + SCRIPT_TIMEOUT.toMinutes() + " minutes (log: " + output + ")");
            }
            if (process.exitValue() != 0) {
                throw new PartFailedException(failureLine(output).orElse(name + ": " + script.getFileName() + " "
                        + command + " exited with " + process.exitValue() + " (log: " + output + ")"));
            }
        } catch (IOException e) {
            throw new PartFailedException(name + ": could not run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartFailedException(name + ": interrupted while running " + script.getFileName() + " " + command, e);
        }
    }

    /** The script's own one-line reason, {@code pinfold: <part>: <reason> (log: <file>)}, when it printed one. */
    private static Optional<String> failureLine(Path output) {
        try {
            List<String> lines = Files.readAllLines(output);
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
