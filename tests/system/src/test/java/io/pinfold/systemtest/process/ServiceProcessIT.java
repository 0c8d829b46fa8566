package io.pinfold.systemtest.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.testsupport.stack.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's own failures must say which service failed and why, with its log, never just "timed out". */
class ServiceProcessIT {

    @TempDir
    Path folder;

    @Test
    void aServiceThatExitsWhileStartingIsNamedWithTheTailOfItsLog() throws IOException {
        Path notAJar = Files.writeString(folder.resolve("quarkus-run.jar"), "not a jar");
        List<Integer> ports = FreePorts.take(2);
        ServiceProcess broken = ServiceProcess.builder("broken-service")
                .jar(notAJar)
                .port("PINFOLD_BROKEN_PORT", ports.get(0))
                .managementPort("PINFOLD_BROKEN_MANAGEMENT_PORT", ports.get(1))
                .logDirectory(folder.resolve("logs"))
                .build()
                .start();

        assertThatThrownBy(() -> broken.awaitReady(Duration.ofSeconds(30)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("broken-service exited with code 1 while waiting for /q/health/ready UP")
                .hasMessageContaining(folder.resolve("logs/broken-service.log").toString())
                .hasMessageContaining("Invalid or corrupt jarfile");
        assertThat(broken.alive()).isFalse();
    }

    @Test
    void aServiceThatWasNotPackagedSaysHowToPackageIt() {
        List<Integer> ports = FreePorts.take(2);
        ServiceProcess missing = ServiceProcess.builder("missing-service")
                .jar(folder.resolve("target/quarkus-app/quarkus-run.jar"))
                .port("PINFOLD_MISSING_PORT", ports.get(0))
                .managementPort("PINFOLD_MISSING_MANAGEMENT_PORT", ports.get(1))
                .logDirectory(folder)
                .build();

        assertThatThrownBy(missing::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing-service: " + folder.resolve("target/quarkus-app/quarkus-run.jar") + " does not exist")
                .hasMessageContaining("./mvnw -pl services/missing-service -am package -DskipTests");
    }
}
