package io.pinfold.testsupport.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreDistinctAndNeverInsideTheKernelsEphemeralRange() throws Exception {
        String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+");
        int low = Integer.parseInt(range[0]);
        int high = Integer.parseInt(range[1]);
        for (int round = 0; round < 20; round++) {
            List<Integer> ports = FreePorts.take(20);
            assertThat(new HashSet<>(ports)).hasSize(20);
            assertThat(ports).allSatisfy(port -> assertThat(port < low || port > high)
                    .as("port %d outside the ephemeral range %d-%d", port, low, high).isTrue())
                    .allSatisfy(port -> assertThat(port).isBetween(30_000, 65_535));
        }
    }

    @Test
    void basesLeaveEveryInstancePortFreeAndOutsideTheEphemeralRange() throws Exception {
        String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+");
        int low = Integer.parseInt(range[0]);
        int high = Integer.parseInt(range[1]);
        List<Integer> bases = FreePorts.takeBases(5, 4);
        Set<Integer> all = new HashSet<>();
        for (int base : bases) {
            for (int n = 1; n <= 4; n++) {
                int port = base + n;
                assertThat(all.add(port)).as("port %d given twice", port).isTrue();
                assertThat(port < low || port > high).as("port %d outside %d-%d", port, low, high).isTrue();
            }
        }
    }
}
