package io.pinfold.testsupport.kubo;

import io.pinfold.testsupport.stack.PartFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code deploy/local/parts/kubo.sh}, the same script the local stack uses, with a given environment. */
final class KuboScript {

    private static final long TIMEOUT_SECONDS = 180;

    private final Path script;
    private final Map<String, String> environment;

    KuboScript(Path script, Map<String, String> environment) {
        this.script = script;
        this.environment = Map.copyOf(environment);
    }

    /** Runs {@code kubo.sh <args>}; on failure throws with the script's one-line reason. */
    String run(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        String what = "kubo.sh " + String.join(" ", args);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // The script sends its daemons' output to log files, so this ends when the script does.
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new PartFailedException("pinfold: kubo: " + what + " did not finish within " + TIMEOUT_SECONDS + "s");
            }
            String text = new String(output, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new PartFailedException(reason(text, what, process.exitValue()));
            }
            return text;
        } catch (IOException e) {
            throw new PartFailedException("pinfold: kubo: could not run " + what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartFailedException("pinfold: kubo: interrupted while running " + what);
        }
    }

    /** The script's own "pinfold: kubo: … (log: …)" line, else its last line. */
    private static String reason(String output, String what, int exit) {
        String[] lines = output.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith("pinfold:")) {
                return lines[i].strip();
            }
        }
        String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
        return "pinfold: kubo: " + what + " failed with exit " + exit + (last.isEmpty() ? "" : ": " + last);
    }
}
