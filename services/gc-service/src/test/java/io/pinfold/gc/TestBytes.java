package io.pinfold.gc;

import java.util.concurrent.ThreadLocalRandom;

/** Byte arrays for test content: random blocks, and two joined (content that shares a prefix with another). */
public final class TestBytes {
    private TestBytes() {
    }

    public static byte[] random(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    public static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
