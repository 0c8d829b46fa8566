package io.pinfold.testsupport.kubo;

import io.pinfold.testsupport.stack.PartFailedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The root of the Pinfold checkout, where {@code deploy/local/parts/kubo.sh} lives. */
final class PinfoldCheckout {

    static final String ROOT_PROPERTY = "pinfold.root";

    private PinfoldCheckout() {}

    /**
     * From the {@code pinfold.root} system property (set by surefire in the root pom), else the
     * nearest folder above the working directory that holds {@code pinfold} or {@code mvnw}.
     */
    static Path root() {
        String configured = System.getProperty(ROOT_PROPERTY, "").strip();
        if (!configured.isEmpty()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new PartFailedException(
                        "pinfold: system property " + ROOT_PROPERTY + " names '" + configured + "', which is not a folder");
            }
            return root;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("pinfold")) || Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new PartFailedException("pinfold: cannot find the checkout root above " + start
                + " (no 'pinfold' or 'mvnw' there); set -D" + ROOT_PROPERTY + "=<checkout>");
    }

    static Path kuboScript() {
        Path script = root().resolve("deploy/local/parts/kubo.sh");
        if (!Files.isRegularFile(script)) {
            throw new PartFailedException("pinfold: kubo: " + script + " is missing from the checkout");
        }
        return script;
    }
}
