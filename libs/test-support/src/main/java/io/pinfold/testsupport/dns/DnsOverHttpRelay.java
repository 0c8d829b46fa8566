package io.pinfold.testsupport.dns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * DNS over HTTP (RFC 8484, POST of a wire-format message) in front of the test's {@link DnsServer}, for clients that
 * take only a DoH URL as their resolver: Kubo's {@code DNS.Resolvers} accepts {@code http(s)://} URLs, not a plain
 * DNS server. Each query is sent as it came, over UDP, to dnsmasq, and its answer returned as it came: every answer is
 * dnsmasq's. Written here because no maintained Java library serves DoH in a few lines without TLS; the JDK's HTTP
 * server and a datagram socket are all it takes.
 */
final class DnsOverHttpRelay {
    private static final String MESSAGE = "application/dns-message";
    private final HttpServer server;

    private DnsOverHttpRelay(HttpServer server) {
        this.server = server;
    }

    static DnsOverHttpRelay start(int dnsPort) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/dns-query", exchange -> relay(exchange, dnsPort));
            server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "doh-relay");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return new DnsOverHttpRelay(server);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the DNS-over-HTTP relay", e);
        }
    }

    /** e.g. {@code http://127.0.0.1:41234/dns-query} */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/dns-query";
    }

    private static void relay(HttpExchange exchange, int dnsPort) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] query;
            try (InputStream in = exchange.getRequestBody()) {
                query = in.readAllBytes();
            }
            byte[] answer;
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.setSoTimeout(3000);
                socket.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), dnsPort));
                DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
                socket.receive(reply);
                answer = java.util.Arrays.copyOf(reply.getData(), reply.getLength());
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", MESSAGE);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }
}
