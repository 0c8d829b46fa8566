package io.pinfold.pin.nodepin;

/** Where one pin stands on one node (node_pin.status). */
public enum NodePinStatus {
    /** Allocated, no Kubo call made yet (or waiting for its next attempt). */
    QUEUED,
    /** A pin add is running on the node. */
    PINNING,
    /** The node holds it (pin ls shows it). */
    PINNED,
    /** Gave up after the retry limit, or refused (blocked content, admission rule); failure_reason says why. */
    FAILED,
    /** No longer wanted here; a pin rm is due or running. */
    UNPINNING,
    /** Removed from the node; the row is about to be deleted. */
    UNPINNED;

    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static NodePinStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
