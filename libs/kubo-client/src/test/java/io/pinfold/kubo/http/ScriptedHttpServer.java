package io.pinfold.kubo.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 server on loopback for unit tests of the client's connection handling only (the
 * integration tests talk to real Kubo). Connection N follows script N: per request, answer it or
 * close the connection without answering; a connection past its script, or past the scripts, answers.
 */
final class ScriptedHttpServer implements AutoCloseable {

    sealed interface Step permits Answer, CloseWithoutAnswer, Stream {}

    /** Reads the request, then answers it with a keep-alive JSON body after {@code delay}. */
    record Answer(int status, String json, Duration delay) implements Step {
        Answer(int status, String json) {
            this(status, json, Duration.ZERO);
        }

        Answer after(Duration wait) {
            return new Answer(status, json, wait);
        }
    }

    /** Reads the request, then closes the connection without a byte of answer. */
    record CloseWithoutAnswer() implements Step {}

    /**
     * Reads the request, then answers 200 with a chunked body, one chunk per line, {@code gap} apart;
     * then ends the body, or with {@code stallAfter} sends nothing more and waits for the client to close.
     */
    record Stream(List<String> lines, Duration gap, boolean stallAfter) implements Step {}

    /** One request as received: its connection (0-based), request line and lower-cased headers. */
    record Received(int connection, String requestLine, List<String> headers) {
        String command() {
            String target = requestLine.split(" ")[1];
            int query = target.indexOf('?');
            return (query < 0 ? target : target.substring(0, query)).substring("/api/v0/".length());
        }
    }

    private final ServerSocket socket;
    private final List<List<Step>> scripts;
    private final Answer otherwise;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Integer> closedByClient = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;

    ScriptedHttpServer(Answer otherwise, List<List<Step>> scripts) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.scripts = scripts;
        this.otherwise = otherwise;
        this.acceptor = new Thread(this::accept, "scripted-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<String> commands() {
        return received().stream().map(Received::command).toList();
    }

    int connections() {
        return connections.get();
    }

    /** Connections whose client closed (or reset) them while a {@link Stream} stalled. */
    List<Integer> closedByClient() {
        synchronized (closedByClient) {
            return List.copyOf(closedByClient);
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                int index = connections.getAndIncrement();
                List<Step> script = index < scripts.size() ? scripts.get(index) : List.of();
                Thread serving = new Thread(() -> serve(connection, index, script), "scripted-http-connection-" + index);
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection, int index, List<Step> script) {
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            for (int n = 0; ; n++) {
                List<String> head = readHead(in);
                if (head.isEmpty()) {
                    return; // the client closed the connection
                }
                skipBody(in, head);
                received.add(new Received(index, head.get(0), head.subList(1, head.size())));
                Step step = n < script.size() ? script.get(n) : otherwise;
                if (step instanceof Answer answer) {
                    sleep(answer.delay());
                    byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 " + answer.status() + " Scripted\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } else if (step instanceof Stream stream) {
                    if (!stream(stream, in, out)) {
                        closedByClient.add(index);
                        return;
                    }
                } else {
                    return;
                }
            }
        } catch (SocketException gone) {
            // the client went away
        } catch (IOException e) {
            throw new IllegalStateException("scripted server: " + e, e);
        }
    }

    /** Writes the stream; false when it stalled and the client then closed the connection. */
    private static boolean stream(Stream stream, InputStream in, OutputStream out) throws IOException {
        out.write(("HTTP/1.1 200 Scripted\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (int i = 0; i < stream.lines().size(); i++) {
            if (i > 0) {
                sleep(stream.gap());
            }
            byte[] line = (stream.lines().get(i) + "\n").getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(line.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(line);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        if (!stream.stallAfter()) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return true;
        }
        try {
            while (in.read() >= 0) {
                // a stalled answer: wait for the client to give up
            }
        } catch (SocketException reset) {
            // the client reset the connection
        }
        return false;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The request line and the headers (lower-cased), or nothing at the end of the stream. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                text = text.substring(0, text.length() - 1);
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(lines.isEmpty() ? text : text.toLowerCase(Locale.ROOT));
                line.reset();
                previous = -1;
                continue;
            }
            line.write(b);
            previous = b;
        }
        return List.of();
    }

    private static void skipBody(InputStream in, List<String> head) throws IOException {
        for (String header : head) {
            if (header.startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(header.substring("content-length:".length()).trim()));
            } else if (header.startsWith("transfer-encoding:") && header.contains("chunked")) {
                throw new IllegalStateException("scripted server: chunked request bodies are not supported");
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
