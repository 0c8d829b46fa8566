package io.pinfold.testsupport.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers can be used: a Docker engine answers, and PINFOLD_TESTCONTAINERS is not "false". */
public final class DockerEngine {

    private DockerEngine() {
    }

    public static boolean available() {
        if ("false".equalsIgnoreCase(StackSetting.orDefault("PINFOLD_TESTCONTAINERS", "true"))) {
            return false;
        }
        // Cheap look first: with no socket and no DOCKER_HOST, asking Testcontainers only logs a long error.
        boolean hint = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!hint) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
