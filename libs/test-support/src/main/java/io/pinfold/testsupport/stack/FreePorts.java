package io.pinfold.testsupport.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports nobody listens on right now, for parts this JVM starts on its own.
 *
 * <p>Ports are drawn from outside the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}). A part that
 * is stopped and started again (dnsmasq on every record change, a stoppable broker or Kubo node) leaves its port
 * free for a moment; inside the ephemeral range any {@code bind(0)} or outgoing connection of another process may
 * take it then (seen in CI: dnsmasq's restart found "its" port in use), outside it only someone naming the port can.
 */
public final class FreePorts {

    // Above every fixed port of ./pinfold up and ./pinfold test (the highest is the test stack's Kubo gateway,
    // 28080+N), so a test JVM never takes a port a running ./pinfold test needs.
    private static final int LOWEST = 30_000;
    private static final int HIGHEST = 65_535;
    private static final int ATTEMPTS = 400;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private FreePorts() {
    }

    /** {@code count} distinct free ports outside the ephemeral range. */
    public static List<Integer> take(int count) {
        return takeBases(count, 1).stream().map(base -> base + 1).toList();
    }

    /**
     * {@code count} port bases for a part with numbered instances, where instance N (1-based) listens on
     * base+N: base+1..base+{@code instances} is free for every base, and no two of these ranges overlap.
     */
    public static List<Integer> takeBases(int count, int instances) {
        Set<Integer> chosen = new HashSet<>();
        List<Integer> bases = new ArrayList<>();
        List<int[]> ranges = candidateRanges(instances);
        for (int i = 0; i < count; i++) {
            bases.add(freeBase(ranges, instances, chosen));
        }
        return bases;
    }

    /** [first, last] ranges of bases whose instance ports all lie outside the ephemeral range and within bounds. */
    static List<int[]> candidateRanges(int instances) {
        int[] ephemeral = ephemeralRange();
        List<int[]> ranges = new ArrayList<>();
        // Below the ephemeral range: base+instances < ephemeral low.
        addRange(ranges, LOWEST - 1, Math.min(ephemeral[0] - 1, HIGHEST) - instances);
        // Above it: base+1 > ephemeral high.
        addRange(ranges, Math.max(ephemeral[1], LOWEST - 1), HIGHEST - instances);
        if (ranges.isEmpty()) {
            addRange(ranges, LOWEST - 1, HIGHEST - instances); // a kernel whose ephemeral range covers everything
        }
        return ranges;
    }

    private static void addRange(List<int[]> ranges, int first, int last) {
        if (last - first >= 50) {
            ranges.add(new int[] {first, last});
        }
    }

    private static int[] ephemeralRange() {
        try {
            // readAllLines, not readString: /proc files report size 0 and readString returns a cut-off first byte.
            String[] parts = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32_768, 60_999}; // Linux's default
        }
    }

    private static int freeBase(List<int[]> ranges, int instances, Set<Integer> chosen) {
        long total = ranges.stream().mapToLong(range -> range[1] - range[0] + 1L).sum();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long pick = ThreadLocalRandom.current().nextLong(total);
            int base = -1;
            for (int[] range : ranges) {
                long size = range[1] - range[0] + 1L;
                if (pick < size) {
                    base = (int) (range[0] + pick);
                    break;
                }
                pick -= size;
            }
            if (allFree(base, instances, chosen)) {
                for (int n = 1; n <= instances; n++) {
                    chosen.add(base + n);
                }
                return base;
            }
        }
        throw new PartFailedException("pinfold: found no " + instances + " consecutive free loopback ports between "
                + LOWEST + " and " + HIGHEST + " outside the ephemeral range");
    }

    private static boolean allFree(int base, int instances, Set<Integer> chosen) {
        for (int n = 1; n <= instances; n++) {
            if (chosen.contains(base + n) || !isFree(base + n)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            return false;
        }
        // Some parts (dnsmasq) listen on UDP as well.
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(null)) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
