package io.pinfold.pin.reconcile;

import io.pinfold.events.node.NodeState;
import io.pinfold.pin.admission.ContentRules;
import io.pinfold.pin.admission.DagSizeCap;
import io.pinfold.kubo.error.KuboException;
import io.pinfold.kubo.pin.PinProgress;
import io.pinfold.pin.nodepin.NodePinStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One copy's reconciler: on each tick it renews its node leases, probes the nodes it holds and starts their due
 * work, at most {@code node-concurrency} Kubo pin calls per node and never two for the same content on a node.
 * Everything it knows between ticks is in PostgreSQL, except what it is running right now; a copy that dies leaves
 * rows due at their retry time, for the copy that takes the node over. Built by {@link ReconcileLoop} (one per
 * copy); tests build several to act as several copies.
 */
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final long PROGRESS_WRITE_NANOS = 1_000_000_000L;

    private final NodeLeases leases;
    private final NodePinning kubo;
    private final NodePinStore store;
    private final NodeLiveness liveness;
    private final PinMover mover;
    private final DriftCheck drift;
    private final ReconcileMetrics metrics;
    private final ReconcileConfig config;
    private final RetryBackoff backoff;
    private final Vertx vertx;
    private final PinTrace trace;
    private final Map<String, NodeWork> work = new ConcurrentHashMap<>();
    /** The lease watchdog's timer, -1 until the first tick starts it. */
    private final java.util.concurrent.atomic.AtomicLong watchdog = new java.util.concurrent.atomic.AtomicLong(-1);
    private static final long WATCHDOG_MILLIS = 100;
    /** A node's part of a tick that has not ended by then is abandoned (its flag cleared), so a hung call cannot stop the node's reconciling. */
    private static final Duration NODE_TICK_LIMIT = Duration.ofSeconds(30);

    public Reconciler(NodeLeases leases, NodePinning kubo, NodePinStore store, NodeLiveness liveness, PinMover mover,
                      DriftCheck drift, ReconcileMetrics metrics, ReconcileConfig config, Vertx vertx, PinTrace trace) {
        this.trace = trace;
        this.leases = leases;
        this.kubo = new LeasedPinning(kubo, leases);
        this.store = store;
        this.liveness = liveness;
        this.mover = mover;
        this.drift = drift;
        this.metrics = metrics;
        this.config = config;
        this.backoff = new RetryBackoff(config.initialBackoff(), config.maxBackoff());
        this.vertx = vertx;
    }

    /** What runs on one node now: pin calls by pin id, the content they touch, the drift check. */
    private static final class NodeWork {
        final Map<String, Cancellable> running = new ConcurrentHashMap<>();
        final Set<String> contents = ConcurrentHashMap.newKeySet();
        volatile Cancellable drift;
        volatile long lastDrift = System.nanoTime() - Long.MAX_VALUE / 2;
        volatile long lastUnowned = -1;
        /** True while this node's part of a tick (probe, liveness, starting due work) runs. */
        final java.util.concurrent.atomic.AtomicBoolean ticking = new java.util.concurrent.atomic.AtomicBoolean();
        /** The node as the last tick found it, answering and active; null otherwise. Work starts between ticks only then. */
        volatile ReconcileNode active;
        /** One read of due rows at a time per node, so the slots are counted once; a request meanwhile runs after it. */
        final AtomicBoolean starting = new AtomicBoolean();
        volatile boolean startAgain;

        boolean busy() {
            return !running.isEmpty() || drift != null;
        }
    }

    public NodeLeases leases() {
        return leases;
    }

    /** Cancels the work of every node whose lease this copy may no longer hold: another copy may take it soon. */
    public void enforceLeases() {
        work.forEach((node, running) -> {
            if (running.busy() && !leases.holds(node)) {
                LOG.warnf("reconcile lease of node %s no longer surely held by %s: cancelling its running work", node, leases.owner());
                cancel(running);
            }
        });
    }

    /** Stops all work (shutdown); the rows stay due for whichever copy reconciles next. */
    public void stop() {
        long timer = watchdog.getAndSet(-2);
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        work.values().forEach(Reconciler::cancel);
    }

    /**
     * Checks the leases every 100 ms on a timer of its own, not on the tick: a tick may wait on the database for
     * longer than the lease lasts, and calls must stop well before the database lets another copy take the node
     * (this copy stops believing at 80% of the TTL, so the margin is a fifth of the TTL).
     */
    private void startWatchdog() {
        if (watchdog.get() == -1) {
            long timer = vertx.setPeriodic(WATCHDOG_MILLIS, ignored -> enforceLeases());
            if (!watchdog.compareAndSet(-1, timer)) {
                vertx.cancelTimer(timer);
            }
        }
    }

    private static void cancel(NodeWork running) {
        running.running.values().forEach(Cancellable::cancel);
        running.running.clear();
        running.contents.clear();
        Cancellable check = running.drift;
        running.drift = null;
        if (check != null) {
            check.cancel();
        }
    }

    public Uni<Void> tick() {
        if (watchdog.get() == -2) {
            return Uni.createFrom().voidItem(); // stopped
        }
        startWatchdog();
        enforceLeases();
        return store.nodes().chain(nodes -> {
            List<String> busy = work.entrySet().stream().filter(e -> e.getValue().busy()).map(Map.Entry::getKey).toList();
            return leases.refresh(nodes.stream().map(ReconcileNode::id).toList(), busy).chain(held -> {
                metrics.leases(leases.owner(), held.size());
                nodes.stream().filter(node -> held.contains(node.id())).forEach(this::startTickOf);
                return Uni.createFrom().voidItem();
            });
        });
    }

    /**
     * Starts one node's part of the tick unless its previous one still runs. The tick does not wait for it: a slow
     * node (a probe at its timeout, a long move-off) must neither hold up the other nodes nor delay the next lease
     * renewal, which would let this copy's belief in its leases lapse and cancel its running work (drift checks
     * included) again and again.
     */
    private void startTickOf(ReconcileNode node) {
        NodeWork running = work(node.id());
        if (!running.ticking.compareAndSet(false, true)) {
            return;
        }
        FreshContext.run(vertx, () -> tickNode(node))
                .ifNoItem().after(NODE_TICK_LIMIT).fail()
                .onTermination().invoke(() -> running.ticking.set(false))
                .subscribe().with(ignored -> { },
                        failure -> LOG.warnf("reconcile tick of node %s failed: %s", node.id(), failure.getMessage()));
    }

    private Uni<Void> tickNode(ReconcileNode node) {
        boolean[] answered = {true};
        return kubo.probe(node)
                .chain(() -> liveness.answered(node))
                .onFailure().recoverWithUni(failure -> {
                    answered[0] = false;
                    return liveness.silent(node, failure);
                })
                .chain(state -> {
                    if (!leases.holds(node.id()) || leases.givingBack(node.id())) {
                        return Uni.createFrom().voidItem(); // another copy's share now: start nothing new here
                    }
                    work(node.id()).active = state == NodeState.ACTIVE && answered[0] ? node : null;
                    return switch (state) {
                        // A node that did not answer its probe gets no work: the calls would only burn attempts.
                        case ACTIVE -> !answered[0] ? Uni.createFrom().voidItem() : startDue(node).invoke(() -> maybeCheckDrift(node));
                        case DRAINING -> Uni.createFrom().voidItem(); // GC holds the node: no new work until active again
                        case DOWN -> mover.moveOff(node.id(), config.batchSize()).replaceWithVoid();
                    };
                });
    }

    private NodeWork work(String nodeId) {
        return work.computeIfAbsent(nodeId, id -> new NodeWork());
    }

    /**
     * Starts due work on a node now, between ticks: when one of its calls ends (a slot is free) or when new rows were
     * inserted for it ({@link DueNotifications}). Without this a node ran at most node-concurrency calls per tick.
     * Only for a node the last tick found active and answering, whose lease this copy holds.
     */
    public void wake(String nodeId) {
        NodeWork running = work.get(nodeId);
        ReconcileNode node = running == null ? null : running.active;
        if (node == null || watchdog.get() == -2 || !leases.holds(nodeId) || leases.givingBack(nodeId)
                || running.running.size() >= config.nodeConcurrency()) {
            return;
        }
        FreshContext.run(vertx, () -> startDue(node))
                .subscribe().with(ignored -> { }, failure -> LOG.debugf("starting due work on node %s failed (the next tick retries): %s",
                        nodeId, failure.getMessage()));
    }

    private Uni<Void> startDue(ReconcileNode node) {
        NodeWork running = work(node.id());
        running.startAgain = true; // before the flag: a reader finishing now sees it and reads again
        if (!running.starting.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        running.startAgain = false;
        return startDueOnce(node, running).onTermination().invoke(() -> {
            running.starting.set(false);
            if (running.startAgain) {
                wake(node.id());
            }
        });
    }

    private Uni<Void> startDueOnce(ReconcileNode node, NodeWork running) {
        int free = config.nodeConcurrency() - running.running.size();
        if (free <= 0) {
            return Uni.createFrom().voidItem();
        }
        // A few more rows than free slots: rows whose content already runs on the node are skipped.
        int limit = Math.min(config.batchSize(), free * 4 + running.contents.size());
        return store.due(node.id(), limit, List.copyOf(running.running.keySet())).invoke(rows -> {
            int slots = config.nodeConcurrency() - running.running.size();
            for (DueRow row : rows) {
                if (slots <= 0 || !leases.holds(node.id())) {
                    return;
                }
                // One call per content and node at a time: two pins of the same content share the node's copy.
                if (running.running.containsKey(row.pinId()) || !running.contents.add(row.multihash())) {
                    continue;
                }
                slots--;
                launch(node, row, running);
            }
        }).replaceWithVoid();
    }

    private void launch(ReconcileNode node, DueRow row, NodeWork running) {
        Cancellable[] self = new Cancellable[1];
        // Registered before it starts, so enforceLeases can cancel it from the first moment.
        Cancellable placeholder = () -> { };
        running.running.put(row.pinId(), placeholder);
        Runnable done = () -> {
            running.running.computeIfPresent(row.pinId(), (pin, current) -> current == placeholder || current == self[0] ? null : current);
            running.contents.remove(row.multihash());
            wake(node.id()); // a slot is free: the next due row need not wait for the tick
        };
        self[0] = FreshContext.run(vertx, () -> process(node, row))
                .onTermination().invoke(done)
                .subscribe().with(ignored -> { },
                        failure -> LOG.warnf("reconcile of pin %s on node %s failed: %s", row.pinId(), node.id(), failure.getMessage()));
        running.running.replace(row.pinId(), placeholder, self[0]);
        if (!leases.holds(node.id())) {
            self[0].cancel();
        }
    }

    private Uni<Void> process(ReconcileNode node, DueRow row) {
        if (!row.wanted()) {
            return unpin(node, row);
        }
        if (row.blocked()) {
            return block(node, row);
        }
        var mismatch = ContentCheck.mismatch(row);
        if (mismatch.isPresent()) {
            metrics.outcome(node.id(), "refused");
            LOG.warnf("pin %s on node %s: %s", row.pinId(), node.id(), mismatch.get());
            return store.refused(row, mismatch.get());
        }
        return trace.around(row, "pin", () -> pin(node, row));
    }

    private Uni<Void> pin(ReconcileNode node, DueRow row) {
        int attempt = row.attempts() + 1;
        DueRow pinning = row.startedAs(NodePinStatus.PINNING);
        AtomicLong blocks = new AtomicLong(row.blocksFetched() == null ? 0 : row.blocksFetched());
        AtomicLong lastWrite = new AtomicLong(System.nanoTime());
        return store.startAttempt(row, backoff.after(attempt)).chain(started -> {
            if (!started) {
                return Uni.createFrom().voidItem();
            }
            // Origins and size cap came with the due row (one query for the batch), not from reads of their own.
            return connectOrigins(node, row.pinId(), row.origins())
                    .chain(() -> row.sizeCap().isNone() ? Uni.createFrom().item(Optional.<ContentRules.Refusal>empty())
                            : overCap(node, row, row.sizeCap()))
                    .chain(refusal -> refusal.isPresent() ? refuseOverCap(node, pinning, refusal.get())
                            : kubo.pinAdd(node, row.cid())
                                    .onItem().call(step -> recordProgress(pinning, step, blocks, lastWrite))
                                    .collect().last()
                                    .chain(last -> {
                                        if (last == null || !last.done()) {
                                            return Uni.createFrom().failure(new IllegalStateException("kubo pin/add: the answer ended before the pin was done"));
                                        }
                                        metrics.outcome(node.id(), "pinned");
                                        return store.pinned(pinning, attempt, blocks.get());
                                    }))
                    .onFailure().recoverWithUni(failure -> failed(node, pinning, attempt, failure));
        });
    }

    /**
     * The tenant's DAG size cap (admission rules), checked before pin add with dag stat --progress: the walk fetches
     * the DAG's blocks (pin add then finds them local) and is cancelled at the first total past the cap, so a node never
     * fetches much more than the cap. Blocks it fetched are not pinned: the node's GC takes them.
     */
    private Uni<Optional<ContentRules.Refusal>> overCap(ReconcileNode node, DueRow row, DagSizeCap cap) {
        return kubo.dagStat(node, row.cid())
                .map(stat -> cap.passedBy(stat.totalSize(), stat.roots().isEmpty() ? 0 : stat.roots().get(0).blocks()))
                .select().where(Optional::isPresent)
                .collect().first() // the first total past the cap; taking it cancels the walk
                .map(found -> found == null ? Optional.<ContentRules.Refusal>empty() : found);
    }

    /** Over the cap: the row is failed with the rule and settled (no retry); the pin's status says failed, naming the rule. */
    private Uni<Void> refuseOverCap(ReconcileNode node, DueRow pinning, ContentRules.Refusal refusal) {
        metrics.outcome(node.id(), "refused");
        LOG.warnf("pin %s on node %s: %s", pinning.pinId(), node.id(), refusal.describe());
        return store.refused(pinning, refusal.describe());
    }

    private Uni<Void> recordProgress(DueRow row, PinProgress step, AtomicLong blocks, AtomicLong lastWrite) {
        if (step.blocks() <= blocks.get()) {
            return Uni.createFrom().voidItem();
        }
        blocks.set(step.blocks());
        long now = System.nanoTime();
        if (step.done() || now - lastWrite.get() < PROGRESS_WRITE_NANOS) {
            return Uni.createFrom().voidItem(); // at most one write a second; the final count is written with "pinned"
        }
        lastWrite.set(now);
        return store.progress(row, step.blocks());
    }

    private Uni<Void> connectOrigins(ReconcileNode node, String pinId, List<String> origins) {
        return origins.isEmpty() ? Uni.createFrom().voidItem()
                : Multi.createFrom().iterable(origins)
                        .onItem().transformToUniAndMerge(origin -> kubo.connect(node, origin)
                                .onFailure().invoke(failure -> LOG.debugf("node %s could not connect to origin %s of pin %s: %s",
                                        node.id(), origin, pinId, failure.getMessage()))
                                .onFailure().recoverWithNull())
                        .collect().last().replaceWithVoid();
    }

    private Uni<Void> failed(ReconcileNode node, DueRow row, int attempt, Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        boolean hopeless = failure instanceof KuboException kubo && !kubo.isTransient();
        if (hopeless || attempt >= config.maxAttempts()) {
            metrics.outcome(node.id(), "failed");
            String reason = hopeless ? message : "gave up after " + attempt + " attempts: " + message;
            LOG.warnf("pin %s failed on node %s: %s", row.pinId(), node.id(), reason);
            return store.attemptFailed(row, attempt, reason, null);
        }
        Duration retryIn = backoff.after(attempt);
        metrics.outcome(node.id(), "retry");
        return store.attemptFailed(row, attempt, "attempt " + attempt + " of " + config.maxAttempts() + " failed, next in "
                + retryIn.toMillis() + " ms: " + message, retryIn);
    }

    private Uni<Void> unpin(ReconcileNode node, DueRow row) {
        Uni<Boolean> keep = row.blocked() ? Uni.createFrom().item(false)
                : store.wantedElsewhereOnNode(node.id(), row.multihash(), row.pinId());
        return keep.chain(kept -> {
            if (kept) {
                metrics.outcome(node.id(), "kept");
                return store.unpinned(row); // another pin on this node still wants the content: the copy stays
            }
            return kubo.pinRm(node, row.cid())
                    .chain(() -> {
                        metrics.outcome(node.id(), "unpinned");
                        return store.unpinned(row);
                    })
                    .onFailure().recoverWithUni(failure -> store.unpinFailed(row, String.valueOf(failure.getMessage()),
                            backoff.after(row.attempts() + 1)));
        });
    }

    private Uni<Void> block(ReconcileNode node, DueRow row) {
        Uni<Void> removed = row.status() == NodePinStatus.FAILED ? Uni.createFrom().voidItem() : kubo.pinRm(node, row.cid());
        return removed.chain(() -> {
            metrics.outcome(node.id(), "blocked");
            return store.blocked(row);
        });
    }

    private void maybeCheckDrift(ReconcileNode node) {
        NodeWork running = work(node.id());
        long now = System.nanoTime();
        if (running.drift != null || now - running.lastDrift < config.driftInterval().toNanos()) {
            return;
        }
        running.lastDrift = now;
        Cancellable[] self = new Cancellable[1];
        Cancellable placeholder = () -> { };
        running.drift = placeholder;
        self[0] = FreshContext.run(vertx, () -> drift.check(kubo, node, Set.copyOf(running.contents)))
                .ifNoItem().after(config.driftTimeout()).failWith(() -> new java.util.concurrent.TimeoutException(
                        "no result within " + config.driftTimeout() + " (pinfold.reconcile.drift-timeout)"))
                .onTermination().invoke((item, failure, cancelled) -> {
                    if (cancelled) {
                        LOG.debugf("drift check of node %s cancelled (lease no longer surely held, or shutdown)", node.id());
                    }
                    if (running.drift == self[0] || running.drift == placeholder) {
                        running.drift = null;
                    }
                })
                .subscribe().with(report -> {
                    metrics.unowned(node.id(), report.unowned());
                    if (report.unowned() != running.lastUnowned) {
                        running.lastUnowned = report.unowned();
                        LOG.infof("drift check of Kubo node %s: %d pin(s) not owned by pin-service, left alone (e.g. %s)", node.id(),
                                report.unowned(), report.unownedExamples());
                    }
                    if (report.restored() > 0) {
                        metrics.outcome(node.id(), "restored");
                    }
                }, failure -> LOG.warnf("drift check of node %s failed: %s", node.id(), failure.getMessage()));
        if (running.drift == placeholder) {
            running.drift = self[0];
        }
    }

    /** Nodes with work running now (for tests and the lease split). */
    public Set<String> busyNodes() {
        Set<String> busy = ConcurrentHashMap.newKeySet();
        work.forEach((node, running) -> {
            if (running.busy()) {
                busy.add(node);
            }
        });
        return busy;
    }

    static List<String> ids(List<ReconcileNode> nodes) {
        return new ArrayList<>(nodes.stream().map(ReconcileNode::id).toList());
    }
}
