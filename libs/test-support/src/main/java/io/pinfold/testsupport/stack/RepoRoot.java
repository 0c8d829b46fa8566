package io.pinfold.testsupport.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root folder, where {@code ./pinfold} and {@code deploy/local} live. */
public final class RepoRoot {

    private RepoRoot() {
    }

    /**
     * The system property {@code pinfold.root} (the root pom sets it for every test JVM), else the first
     * folder at or above the working directory that holds the {@code pinfold} script.
     */
    public static Path path() {
        String property = System.getProperty("pinfold.root");
        if (property != null && !property.isBlank() && isRoot(Path.of(property))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("pinfold.root: not set to the Pinfold checkout, and no folder above "
                + Path.of("").toAbsolutePath() + " holds the 'pinfold' script and deploy/local/parts");
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("pinfold")) && Files.isDirectory(dir.resolve("deploy/local/parts"));
    }
}
