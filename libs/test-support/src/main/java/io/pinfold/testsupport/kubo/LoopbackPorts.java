package io.pinfold.testsupport.kubo;

import io.pinfold.testsupport.stack.PartFailedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Port bases for throwaway nodes: node N uses base+N, so every base+1..base+count must be free.
 * Random bases in a high range keep a test run clear of a dev stack on the default ports.
 */
final class LoopbackPorts {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 60_000;
    private static final int ATTEMPTS = 200;

    private final Set<Integer> taken = new HashSet<>();

    /** A base whose next {@code count} ports are free on 127.0.0.1 and not handed out before. */
    int freeBase(int count) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - count);
            if (allFree(base, count)) {
                for (int n = 1; n <= count; n++) {
                    taken.add(base + n);
                }
                return base;
            }
        }
        throw new PartFailedException(
                "pinfold: kubo: found no " + count + " consecutive free loopback ports between " + LOWEST + " and " + HIGHEST);
    }

    private boolean allFree(int base, int count) {
        for (int n = 1; n <= count; n++) {
            if (taken.contains(base + n) || !isFree(base + n)) {
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
