package io.pinfold.testsupport.kubo;

import io.pinfold.testsupport.stack.PartFailedException;
import io.pinfold.testsupport.stack.StackSetting;
import java.util.List;

/**
 * The Kubo nodes of a test run. {@link #shared()} reuses the nodes named by
 * {@code PINFOLD_KUBO_RPC_URLS} / {@code PINFOLD_KUBO_GATEWAY_URLS} when they are set (a whole build
 * then shares one set of nodes), and otherwise starts throwaway nodes once per JVM, on random free
 * loopback ports so they never collide with a running dev stack, stopped when the JVM exits.
 */
public final class KuboNodes {

    /** Throwaway nodes started when none are named: two, so tests can move content between nodes. */
    public static final int DEFAULT_NODE_COUNT = 2;

    private static final Object LOCK = new Object();
    private static KuboNodes shared;
    private static RuntimeException sharedFailure;

    private final List<KuboNode> nodes;

    KuboNodes(List<KuboNode> nodes) {
        if (nodes.isEmpty()) {
            throw new PartFailedException("pinfold: kubo: no Kubo node available");
        }
        this.nodes = List.copyOf(nodes);
    }

    /**
     * The nodes of this JVM, started on first use. A failure to start is remembered, so every test
     * that asks fails at once with the same one-line reason instead of retrying.
     */
    public static KuboNodes shared() {
        synchronized (LOCK) {
            if (shared == null && sharedFailure == null) {
                try {
                    shared = KuboNodeSource.fromSettings(StackSetting::of)
                            .orElseGet(() -> ThrowawayKuboNodes.start(DEFAULT_NODE_COUNT));
                } catch (RuntimeException e) {
                    sharedFailure = e;
                }
            }
            if (sharedFailure != null) {
                throw sharedFailure;
            }
            return shared;
        }
    }

    public List<KuboNode> all() {
        return nodes;
    }

    public int size() {
        return nodes.size();
    }

    /** Node {@code number}, 1-based like {@code kubo-1}, {@code kubo-2}. */
    public KuboNode node(int number) {
        if (number < 1 || number > nodes.size()) {
            throw new PartFailedException("pinfold: kubo: node " + number + " asked for, but only " + nodes.size()
                    + " Kubo node(s) are available (set PINFOLD_KUBO_RPC_URLS/PINFOLD_KUBO_GATEWAY_URLS to at least "
                    + number + " nodes)");
        }
        return nodes.get(number - 1);
    }

    public KuboNode first() {
        return node(1);
    }

    public KuboNode second() {
        return node(2);
    }
}
