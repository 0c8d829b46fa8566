package io.pinfold.edge.snapshot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The local snapshot of the edge's state (pinfold.edge.snapshot.*; defaults documented in README). */
@ConfigMapping(prefix = "pinfold.edge.snapshot")
public interface SnapshotConfig {

    /** Whether the edge keeps a snapshot and may serve from it when Kafka cannot be read at start. */
    @WithDefault("true")
    boolean enabled();

    /** The snapshot file (relative paths are relative to the working directory). */
    @WithDefault("gateway-edge-state.snapshot")
    String path();

    /** At most one write per interval, and only when something changed. */
    @WithDefault("5s")
    Duration interval();

    /** How long a starting edge tries to read the topics before it serves from the snapshot instead. */
    @WithDefault("10s")
    Duration fallbackAfter();
}
