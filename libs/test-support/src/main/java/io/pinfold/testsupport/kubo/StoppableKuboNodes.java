package io.pinfold.testsupport.kubo;

import io.pinfold.testsupport.stack.LocalPart;
import java.util.Map;

/**
 * Kubo nodes of one test's own (never the shared ones), started like the throwaway nodes with {@code kubo.sh}, which
 * the test may stop one by one, e.g. to take a node away under load. Stopped and deleted when the JVM exits or on
 * {@link #close()}.
 */
public final class StoppableKuboNodes implements AutoCloseable {
    private final KuboNodes nodes;
    private final LocalPart part;

    private StoppableKuboNodes(KuboNodes nodes, LocalPart part) {
        this.nodes = nodes;
        this.part = part;
    }

    public static StoppableKuboNodes start(int count) {
        return start(count, Map.of());
    }

    /**
     * {@code environment} for {@code kubo.sh}, e.g. {@code PINFOLD_KUBO_DNS_RESOLVERS} to point the nodes' DNSLink lookups
     * at a test DNS server ({@code {"test.":"<DnsServer.overHttpUrl()>"}}).
     */
    public static StoppableKuboNodes start(int count, Map<String, String> environment) {
        ThrowawayKuboNodes.Started started = ThrowawayKuboNodes.startInPart(count, environment);
        return new StoppableKuboNodes(started.nodes(), started.part());
    }

    public KuboNodes nodes() {
        return nodes;
    }

    /** Stops node {@code number} (1-based) with {@code kubo.sh stop N}: SIGTERM, then SIGKILL after 20 s. */
    public void stop(int number) {
        nodes.node(number);
        part.stop(Integer.toString(number));
    }

    @Override
    public void close() {
        part.stopAndDelete();
    }
}
