package io.pinfold.pin.reconcile;

import io.pinfold.pin.nodepin.NodePinStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A pin's status as the Pinning Service API shows it, from its wanted per-node rows:
 * <ul>
 *   <li>failed: its content is blocked, or every allocated node failed it (the reason of the first failure);</li>
 *   <li>pinned: every allocated node that has not failed holds it (at least one does);</li>
 *   <li>pinning: some node is fetching it, or holds it while another has not started;</li>
 *   <li>queued: no node has started.</li>
 * </ul>
 * {@code info} names each node's state ("nodes": "kubo-1=pinned,kubo-2=pinning") and the most blocks any node
 * has fetched so far ("blocks_fetched"), plus "failure" when a node failed and "admission_rule" when a tenant's
 * admission rule (a DAG size cap) refused the content.
 */
public record PinAggregate(String status, Map<String, String> info, String failureReason) {
    public static final String BLOCKED_PREFIX = "blocked: ";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** {@link #info()} as the JSON text desired_pin.info stores. */
    public String infoJson() {
        try {
            return JSON.writeValueAsString(info);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a pin's info cannot be written as JSON: " + info, e);
        }
    }

    /** One wanted allocation of the pin. */
    public record Allocation(String nodeId, NodePinStatus status, Long blocksFetched, String failureReason) {
    }

    /** Empty when the pin has no wanted allocation (removed, or being moved): its status stays as it is. */
    public static Optional<PinAggregate> of(List<Allocation> allocations) {
        if (allocations.isEmpty()) {
            return Optional.empty();
        }
        List<Allocation> failed = allocations.stream().filter(a -> a.status() == NodePinStatus.FAILED).toList();
        // Blocked content, or content an admission rule refused (the same on every node), fails the pin at once.
        Optional<Allocation> blocked = failed.stream()
                .filter(a -> a.failureReason() != null && (a.failureReason().startsWith(BLOCKED_PREFIX)
                        || a.failureReason().startsWith(io.pinfold.pin.admission.AdmissionRefused.PREFIX))).findFirst();
        long pinned = allocations.stream().filter(a -> a.status() == NodePinStatus.PINNED).count();
        boolean started = allocations.stream().anyMatch(a -> a.status() == NodePinStatus.PINNING || a.status() == NodePinStatus.PINNED);
        String status;
        String reason = null;
        if (blocked.isPresent() || failed.size() == allocations.size()) {
            status = "failed";
            reason = blocked.orElse(failed.get(0)).failureReason();
        } else if (pinned > 0 && pinned + failed.size() == allocations.size()) {
            status = "pinned";
        } else if (started) {
            status = "pinning";
        } else {
            status = "queued";
        }
        Map<String, String> info = new LinkedHashMap<>();
        info.put("nodes", allocations.stream().sorted(java.util.Comparator.comparing(Allocation::nodeId))
                .map(a -> a.nodeId() + "=" + a.status().column()).collect(Collectors.joining(",")));
        long blocks = allocations.stream().map(Allocation::blocksFetched).filter(java.util.Objects::nonNull)
                .mapToLong(Long::longValue).max().orElse(0L);
        info.put("blocks_fetched", Long.toString(blocks));
        if (!failed.isEmpty()) {
            Allocation first = blocked.orElse(failed.get(0));
            info.put("failure", first.nodeId() + ": " + first.failureReason());
            String rule = io.pinfold.pin.admission.AdmissionRefused.ruleIn(first.failureReason());
            if (rule != null) {
                info.put("admission_rule", rule);
            }
        }
        return Optional.of(new PinAggregate(status, java.util.Collections.unmodifiableMap(info), reason));
    }
}
