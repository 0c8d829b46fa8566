package io.pinfold.systemtest.process;

import io.pinfold.systemtest.health.HealthReport;
import io.pinfold.systemtest.http.JsonHttp;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) run as its own JVM, the way an
 * operator runs it: PINFOLD_* environment in, HTTP out, output appended to one log file. It can be killed
 * with SIGKILL and started again with the same settings, which is how crash recovery is tested.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final int LOG_TAIL_LINES = 40;
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(15);

    private final String name;
    private final Path jar;
    private final int port;
    private final int managementPort;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path logFile;
    private final JsonHttp http = new JsonHttp();
    private Process process;

    private ServiceProcess(Builder builder) {
        this.name = builder.name;
        this.jar = Objects.requireNonNull(builder.jar, "jar");
        this.port = builder.port;
        this.managementPort = builder.managementPort;
        this.environment = Map.copyOf(builder.environment);
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.logFile = builder.logDirectory.resolve(name + ".log");
        // Children outlive a JVM that exits without stopping them; never leave a service running behind.
        Runtime.getRuntime().addShutdownHook(new Thread(this::killQuietly, "stop-" + name));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The main port: the service's API (for the edge: the gateway) and nothing else. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface: /q/health, /q/metrics, /q/openapi, Swagger UI, and the edge's /edge/pool. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Launches the JVM and returns at once; wait with {@link #awaitReady} or {@link #awaitHealth}. */
    public synchronized ServiceProcess start() {
        if (alive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": " + jar + " does not exist; package the service first, e.g. "
                    + "./mvnw -pl services/" + name + " -am package -DskipTests");
        }
        try {
            Files.createDirectories(logFile.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": could not create " + logFile.getParent(), e);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(logFile.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // Only what this system sets: a PINFOLD_* variable of the shell that runs the build (the dev
        // stack's, say) must not point this process at other parts.
        builder.environment().keySet().removeIf(key -> key.startsWith("PINFOLD_") || key.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        try {
            // A fresh log per run; a restart within the run appends to it, so the crash and the recovery read in order.
            Files.writeString(logFile, "=== " + Instant.now() + " starting " + name + " on port " + port + " (management "
                    + managementPort + "): "
                    + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    process == null ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": could not start " + String.join(" ", command), e);
        }
        return this;
    }

    /** Waits until {@code /q/health/ready} on the management port answers UP. */
    public HealthReport awaitReady(Duration timeout) {
        return awaitHealth("/q/health/ready", "/q/health/ready UP", HealthReport::up, timeout);
    }

    /**
     * Polls a health endpoint of the management port until its answer matches. Fails naming the service, what was awaited, its last
     * answer and the tail of its log, at the timeout or as soon as the process exits.
     */
    public HealthReport awaitHealth(String path, String expectation, Predicate<HealthReport> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String lastAnswer = "none";
        while (true) {
            Process current = current();
            if (!current.isAlive()) {
                throw new AssertionError(name + " exited with code " + current.exitValue() + " while waiting for "
                        + expectation + "\n" + logTail());
            }
            try {
                HealthReport report = HealthReport.parse(http.get(managementUrl() + path));
                if (condition.test(report)) {
                    return report;
                }
                lastAnswer = report.toString();
            } catch (UncheckedIOException e) {
                lastAnswer = "no answer (" + e.getMessage() + ")";
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(name + ": " + expectation + " not reached within " + timeout.toSeconds()
                        + " s; last answer: " + lastAnswer + "\n" + logTail());
            }
            pause(Duration.ofMillis(250));
        }
    }

    /** The current answer of a health endpoint (on the management port). */
    public HealthReport health(String path) {
        return HealthReport.parse(http.get(managementUrl() + path));
    }

    /** SIGKILL (kill -9): no shutdown hook, no graceful drain, as in a crash. Returns the exit code. */
    public synchronized int kill() {
        Process current = current();
        current.destroyForcibly();
        return waitForExit(current, Duration.ofSeconds(10));
    }

    /** SIGTERM, then SIGKILL if it has not exited in time. */
    public synchronized void stop() {
        if (!alive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                waitForExit(process, Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The last lines of the log, with its path, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return "last " + tail.size() + " lines of " + logFile + ":\n  " + String.join("\n  ", tail);
        } catch (IOException e) {
            return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
        }
    }

    private synchronized Process current() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process;
    }

    private int waitForExit(Process target, Duration timeout) {
        try {
            if (!target.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " (pid " + target.pid() + ") did not exit within " + timeout.toSeconds() + " s");
            }
            return target.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " to exit", e);
        }
    }

    private synchronized void killQuietly() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a service", e);
        }
    }

    @Override
    public String toString() {
        return name + " at " + baseUrl() + " (management " + managementUrl() + ")";
    }

    /** How to run one service: its jar, port, environment and JVM options. */
    public static final class Builder {
        private final String name;
        private Path jar;
        private int port;
        private int managementPort;
        private Path logDirectory = Path.of("target", "system-logs");
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder jar(Path jar) {
            this.jar = jar;
            return this;
        }

        /** The HTTP port; also given to the service through {@code portVariable}. */
        public Builder port(String portVariable, int port) {
            this.port = port;
            return env(portVariable, Integer.toString(port));
        }

        /** The management interface's port; also given to the service through {@code portVariable}. */
        public Builder managementPort(String portVariable, int port) {
            this.managementPort = port;
            return env(portVariable, Integer.toString(port));
        }

        public Builder env(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** A {@code -D} option; an empty value overrides a default of application.properties with "none". */
        public Builder systemProperty(String key, String value) {
            jvmOptions.add("-D" + key + "=" + value);
            return this;
        }

        public Builder logDirectory(Path directory) {
            this.logDirectory = directory;
            return this;
        }

        public ServiceProcess build() {
            if (port <= 0) {
                throw new IllegalStateException(name + ": no port set");
            }
            if (managementPort <= 0) {
                throw new IllegalStateException(name + ": no management port set");
            }
            return new ServiceProcess(this);
        }
    }
}
