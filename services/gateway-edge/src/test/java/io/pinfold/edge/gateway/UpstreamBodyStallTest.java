package io.pinfold.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.testsupport.kafka.RecordPublisher;
import io.pinfold.testsupport.quarkus.ManagementPort;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A node whose gateway sends the headers and the first bytes of a body, then nothing more, keeping the connection open
 * (a disk or a network path that hangs mid-object). The edge forwards what came and cuts the client's response at
 * {@code pinfold.edge.upstream.idle-timeout}: the client sees a response shorter than its Content-Length, never a
 * connection held open for ever. A misbehaving gateway cannot be made of a real Kubo node, hence the socket here; the
 * node answers the pool's readiness probe like a Kubo gateway.
 */
@QuarkusTest
@WithTestResource(OwnKafkaTestResource.class)
@TestProfile(UpstreamBodyStallTest.ShortIdleTimeout.class)
class UpstreamBodyStallTest {
    private static final int IDLE_SECONDS = 2;
    private static final int DECLARED = 100_000;
    private static final int SENT = 1_000;
    /** What the edge's readiness asks every gateway for (the empty identity CID). */
    private static final String PROBE_PATH = "/ipfs/bafkqaaa";
    private static final String PEER_ID = "12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf";
    private static StallingGateway gateway;

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pinfold.edge.upstream.idle-timeout", IDLE_SECONDS + "s");
        }
    }

    @TestHTTPResource("/")
    URL main;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @AfterAll
    static void stopGateway() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aBodyThatStopsFlowingIsCutAtTheIdleTimeout() throws Exception {
        gateway = new StallingGateway();
        NodeRegistered node = new NodeRegistered("stalling", PEER_ID, "http://127.0.0.1:1", gateway.url(), List.of(), "0.43.1",
                NodeState.ACTIVE);
        EventEnvelope<NodeRegistered> event = EventEnvelope.create(PinfoldSource.PIN_SERVICE, node);
        EventCodec codec = new EventCodec();
        new RecordPublisher(OwnKafkaTestResource.bootstrap).publish("pinfold.nodes", event.key(), CloudEventHeaders.write(event),
                codec.encode(node));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ManagementPort.given(management).get("/q/health/ready").then().statusCode(200));

        String cid = Cid.v1(Codec.RAW, Multihash.of(0x12, MessageDigest.getInstance("SHA-256").digest("stall".getBytes(StandardCharsets.UTF_8))))
                .toString();
        try (Socket socket = new Socket(main.getHost(), main.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ipfs/" + cid + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/vnd.ipld.raw\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            long firstByte = 0;
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (firstByte == 0) {
                    firstByte = System.nanoTime();
                }
                received.write(buffer, 0, read);
            }
            double seconds = (System.nanoTime() - firstByte) / 1e9;
            String answer = received.toString(StandardCharsets.ISO_8859_1);
            int bodyStart = answer.indexOf("\r\n\r\n") + 4;
            assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: " + DECLARED);
            assertThat(received.size() - bodyStart).as("the bytes the node sent were forwarded, and no more").isEqualTo(SENT);
            assertThat(seconds).as("cut at the idle timeout of %d s after the last byte", IDLE_SECONDS).isBetween(IDLE_SECONDS - 0.5, IDLE_SECONDS + 8.0);
        }
        assertThat(gateway.stalled).as("the node's connection was closed by the edge").hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.closedByPeer(gateway.stalled.get(0)));
    }

    /** Answers the pool's probe like a Kubo gateway; any other request gets its headers and {@link #SENT} bytes, then silence. */
    static final class StallingGateway implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<Socket> stalled = new CopyOnWriteArrayList<>();

        StallingGateway() throws IOException {
            Thread accept = new Thread(this::serve, "stalling-gateway");
            accept.setDaemon(true);
            accept.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread connection = new Thread(() -> answer(socket), "stalling-gateway-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void answer(Socket socket) {
            try {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                while (true) {
                    String head = readHead(in);
                    if (head == null) {
                        socket.close();
                        return;
                    }
                    if (head.startsWith("GET " + PROBE_PATH + " ") || head.startsWith("HEAD " + PROBE_PATH + " ")) {
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        continue;
                    }
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.ipld.raw\r\nContent-Length: " + DECLARED + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[SENT]);
                    out.flush();
                    stalled.add(socket);
                    return; // nothing more, the connection stays open
                }
            } catch (IOException e) {
                // the edge closed the connection
            }
        }

        /** True once the edge closed its side: a read returns end of stream or fails. */
        boolean closedByPeer(Socket socket) {
            try {
                socket.setSoTimeout(100);
                return socket.getInputStream().read() < 0;
            } catch (java.net.SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException closed) {
                return true;
            }
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                head.append((char) c);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    return head.toString();
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }
}
