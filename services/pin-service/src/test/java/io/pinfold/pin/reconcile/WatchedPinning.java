package io.pinfold.pin.reconcile;

import io.pinfold.kubo.pin.PinProgress;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Passes every call on to the real Kubo nodes and watches, across all the copies sharing one {@link Watch}, whether
 * two copies ever call the same node at once, or one content is pinned/unpinned twice at once on a node.
 */
final class WatchedPinning implements NodePinning {

    /** What several copies did, seen together. */
    static final class Watch {
        final Map<String, Map<String, AtomicInteger>> byNode = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> byContent = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> callsByOwner = new ConcurrentHashMap<>();
        final List<String> violations = new CopyOnWriteArrayList<>();
    }

    private final NodePinning real;
    private final String owner;
    private final Watch watch;

    WatchedPinning(NodePinning real, String owner, Watch watch) {
        this.real = real;
        this.owner = owner;
        this.watch = watch;
    }

    @Override
    public Uni<Void> probe(ReconcileNode node) {
        return watched(node, null, () -> real.probe(node));
    }

    @Override
    public Uni<Void> connect(ReconcileNode node, String multiaddr) {
        return watched(node, null, () -> real.connect(node, multiaddr));
    }

    @Override
    public Multi<PinProgress> pinAdd(ReconcileNode node, String cid) {
        return Multi.createFrom().deferred(() -> {
            Runnable exit = enter(node, cid);
            return real.pinAdd(node, cid).onTermination().invoke(exit);
        });
    }

    @Override
    public Multi<io.pinfold.kubo.dag.DagStat> dagStat(ReconcileNode node, String cid) {
        return Multi.createFrom().deferred(() -> {
            Runnable exit = enter(node, cid);
            return real.dagStat(node, cid).onTermination().invoke(exit);
        });
    }

    @Override
    public Uni<Void> pinRm(ReconcileNode node, String cid) {
        return watched(node, cid, () -> real.pinRm(node, cid));
    }

    @Override
    public Multi<String> recursivePins(ReconcileNode node) {
        return Multi.createFrom().deferred(() -> {
            Runnable exit = enter(node, null);
            return real.recursivePins(node).onTermination().invoke(exit);
        });
    }

    private <T> Uni<T> watched(ReconcileNode node, String cid, Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            Runnable exit = enter(node, cid);
            return call.get().onTermination().invoke(exit);
        });
    }

    private Runnable enter(ReconcileNode node, String cid) {
        watch.callsByOwner.computeIfAbsent(owner, o -> new AtomicInteger()).incrementAndGet();
        Map<String, AtomicInteger> owners = watch.byNode.computeIfAbsent(node.id(), n -> new ConcurrentHashMap<>());
        AtomicInteger mine = owners.computeIfAbsent(owner, o -> new AtomicInteger());
        mine.incrementAndGet();
        owners.forEach((other, count) -> {
            if (!other.equals(owner) && count.get() > 0) {
                watch.violations.add("node " + node.id() + " called by " + owner + " while " + other + " had calls running");
            }
        });
        String content = cid == null ? null : node.id() + "/" + cid;
        if (content != null && watch.byContent.computeIfAbsent(content, c -> new AtomicInteger()).incrementAndGet() > 1) {
            watch.violations.add("content " + content + " pinned or unpinned twice at once");
        }
        return () -> {
            mine.decrementAndGet();
            if (content != null) {
                watch.byContent.get(content).decrementAndGet();
            }
        };
    }
}
