package io.pinfold.testsupport.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports nobody listens on right now, for parts this JVM starts on its own. */
public final class FreePorts {

    // Bases are drawn from above every fixed port of ./pinfold up and ./pinfold test (the highest is the test
    // stack's Kubo gateway, 28080+N), so a test JVM never takes a port a running ./pinfold test needs.
    private static final int LOWEST = 30_000;
    private static final int HIGHEST = 60_000;
    private static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    /** {@code count} distinct free ports; all sockets stay open until every port is chosen. */
    public static List<Integer> take(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("could not find free loopback ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // a port we only looked at; nothing to undo
                }
            }
        }
    }

    /**
     * {@code count} port bases for a part with numbered instances, where instance N (1-based) listens on
     * base+N: base+1..base+{@code instances} is free for every base, and no two of these ranges overlap.
     */
    public static List<Integer> takeBases(int count, int instances) {
        Set<Integer> chosen = new HashSet<>();
        List<Integer> bases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bases.add(freeBase(instances, chosen));
        }
        return bases;
    }

    private static int freeBase(int instances, Set<Integer> chosen) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - instances);
            if (allFree(base, instances, chosen)) {
                for (int n = 1; n <= instances; n++) {
                    chosen.add(base + n);
                }
                return base;
            }
        }
        throw new PartFailedException("pinfold: found no " + instances + " consecutive free loopback ports between "
                + LOWEST + " and " + HIGHEST);
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
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
