package io.pinfold.gc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A port that takes connections and never answers, standing in for a Kubo RPC API in the middle of a long call, so a
 * run stays under way for exactly as long as a test needs; closing it resets the connections and the run fails.
 */
public final class HungRpc implements AutoCloseable {
    private final ServerSocket socket;

    public HungRpc() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
