package io.pinfold.testsupport.dns;

import io.pinfold.testsupport.stack.FreePorts;
import io.pinfold.testsupport.stack.LocalPart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A real DNS server on loopback for tests: Debian's dnsmasq, started by deploy/local/parts/dnsmasq.sh (installed with
 * apt-get when absent, as the stack installs PostgreSQL) on a free port, one per JVM. It forwards nothing and
 * answers only the TXT records a test sets; {@link #txt} rewrites its records file and restarts it (dnsmasq reads
 * TXT records only at start). Answers carry TTL 0 and dnsmasq caches nothing, so the next query sees the change.
 */
public final class DnsServer {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,253}");
    private static DnsServer shared;

    private final LocalPart part;
    private final int port;
    private final Path records;
    private final Map<String, List<String>> txt = new LinkedHashMap<>();
    private DnsOverHttpRelay overHttp;

    private DnsServer(LocalPart part, int port, Path records) {
        this.part = part;
        this.port = port;
        this.records = records;
    }

    public static synchronized DnsServer shared() {
        if (shared == null) {
            int port = FreePorts.take(1).get(0);
            LocalPart part = LocalPart.inTemporaryState("dnsmasq", Map.of(
                    "PINFOLD_DNS_HOST", "127.0.0.1",
                    "PINFOLD_DNS_PORT", Integer.toString(port)));
            Path records = part.stateDir().resolve("data/dnsmasq/records.conf");
            shared = new DnsServer(part, port, records);
            shared.write();
            part.start();
        }
        return shared;
    }

    /** host:port, e.g. for pinfold.follow.dns-servers. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * A DNS-over-HTTP URL (RFC 8484 POST) answered by this server, for resolvers that take only such URLs, e.g. Kubo's
     * {@code DNS.Resolvers}: started on first use on a free loopback port; each query is relayed to dnsmasq over UDP.
     */
    public synchronized String overHttpUrl() {
        if (overHttp == null) {
            overHttp = DnsOverHttpRelay.start(port);
        }
        return overHttp.url();
    }

    /** Makes {@code name} answer exactly these TXT values (none: the name is gone), effective when this returns. */
    public synchronized void txt(String name, String... values) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: '" + name + "' is not a DNS name");
        }
        for (String value : values) {
            if (value.contains("\"") || value.contains("\n")) {
                throw new IllegalArgumentException("value: a TXT value here may not hold quotes or line breaks, was '" + value + "'");
            }
        }
        if (values.length == 0) {
            txt.remove(name);
        } else {
            txt.put(name, List.of(values));
        }
        write();
        part.restart();
    }

    private void write() {
        List<String> lines = new ArrayList<>(List.of("# Written by io.pinfold.testsupport.dns.DnsServer; read by dnsmasq at start."));
        txt.forEach((name, values) -> values.forEach(value -> lines.add("txt-record=" + name + ",\"" + value + "\"")));
        try {
            Files.createDirectories(records.getParent());
            Files.write(records, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the dnsmasq records file " + records, e);
        }
    }
}
