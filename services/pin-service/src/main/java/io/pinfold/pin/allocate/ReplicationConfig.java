package io.pinfold.pin.allocate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** pinfold.replication.*: the default replication factor of a pin and the cap on every factor. */
@ConfigMapping(prefix = "pinfold.replication")
public interface ReplicationConfig {

    /** Nodes that must hold a pin for it to count as safely placed, when neither tenant nor pin says. */
    @WithDefault("1")
    int min();

    /** Nodes that hold a pin when enough are available, when neither tenant nor pin says. */
    @WithDefault("2")
    int max();

    /** The largest max any tenant default or per-pin override may ask for (at most 16, the contract's bound). */
    @WithDefault("16")
    int cap();
}
