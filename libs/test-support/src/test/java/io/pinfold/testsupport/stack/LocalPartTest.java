package io.pinfold.testsupport.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalPartTest {

    @Test
    void theRepoRootHoldsTheStackScripts() {
        assertThat(RepoRoot.path().resolve("pinfold")).isRegularFile();
        assertThat(RepoRoot.path().resolve("deploy/local/parts/kafka.sh")).isRegularFile();
    }

    @Test
    void aPartThatCannotStartFailsWithTheScriptsOneLineReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            LocalPart part = LocalPart.inTemporaryState("kafka", Map.of(
                    "PINFOLD_KAFKA_BOOTSTRAP", "127.0.0.1:" + port,
                    "PINFOLD_KAFKA_CONTROLLER_PORT", Integer.toString(FreePorts.take(1).get(0))));

            assertThatThrownBy(part::start)
                    .isInstanceOf(PartFailedException.class)
                    .hasMessageStartingWith("pinfold: kafka: port " + port + " (Kafka broker) on 127.0.0.1 is already in use")
                    .hasMessageEndingWith("(log: " + part.logFile() + ")");
            part.stopAndDelete();
            assertThat(Files.exists(part.stateDir())).isFalse();
        }
    }

    @Test
    void freePortsAreDistinctAndUnused() throws Exception {
        var ports = FreePorts.take(3);
        assertThat(ports).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isBetween(1, 65535));
        try (ServerSocket socket = new ServerSocket(ports.get(0), 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(ports.get(0));
        }
    }

    @Test
    void portBasesStayAboveEveryFixedPortOfPinfoldUpAndTest() {
        // The highest fixed port is the test stack's Kubo gateway, 28080+N; a JVM's parts must not take one.
        for (int round = 0; round < 200; round++) {
            assertThat(FreePorts.takeBases(1, 2).get(0)).isGreaterThan(28_100);
        }
    }

    @Test
    void portBasesLeaveTheirNumberedPortsFreeAndApart() throws Exception {
        List<Integer> bases = FreePorts.takeBases(3, 2);

        assertThat(bases).hasSize(3);
        Set<Integer> numbered = new HashSet<>();
        for (int base : bases) {
            for (int n = 1; n <= 2; n++) {
                assertThat(numbered.add(base + n)).as("port %d handed out twice", base + n).isTrue();
                try (ServerSocket socket = new ServerSocket(base + n, 1, InetAddress.getLoopbackAddress())) {
                    assertThat(socket.getLocalPort()).isEqualTo(base + n);
                }
            }
        }
    }
}
