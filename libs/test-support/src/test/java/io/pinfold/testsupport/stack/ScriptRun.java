package io.pinfold.testsupport.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command of the local stack (./pinfold, a part script, or bash sourcing deploy/local/lib.sh) run from the
 * checkout with a clean PINFOLD_* environment, so a surrounding ./pinfold test cannot leak its settings in
 * (nor a PGPASSWORD its password).
 */
final class ScriptRun {

    private final Process process;
    private final Path output;

    private ScriptRun(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code command} with {@code environment} added; stdout and stderr go to {@code output}. */
    static ScriptRun start(Path output, Map<String, String> environment, String... command) {
        ProcessBuilder builder = new ProcessBuilder(List.of(command))
                .directory(RepoRoot.path().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("PINFOLD_") || name.startsWith("PGPASS"));
        builder.environment().putAll(environment);
        try {
            return new ScriptRun(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        }
    }

    /** {@code bash -c <script>} with deploy/local/lib.sh sourced first (under set -euo pipefail). */
    static ScriptRun bashWithLib(Path output, Map<String, String> environment, String script) {
        String lib = RepoRoot.path().resolve("deploy/local/lib.sh").toString();
        Map<String, String> withPart = new HashMap<>(environment);
        withPart.putIfAbsent("PF_PART", "safety-test");
        return start(output, withPart, "bash", "-c", "set -euo pipefail; source '" + lib + "'; " + script);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the exit and returns its status; fails the test when it takes longer than {@code timeout}. */
    int exitWithin(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop();
                throw new AssertionError("did not finish within " + timeout + "; output:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Kills the command and everything it started that is still its descendant. */
    void stop() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
