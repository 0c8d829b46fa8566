package io.pinfold.pin.allocate;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the placement strategy and the replication rules; a second strategy is chosen here, in one place. */
public class AllocationSetup {

    @Produces
    @Singleton
    PinAllocator allocator() {
        return new ZoneSpreadingAllocator();
    }

    /** Fails the start with the offending keys named when the configured factors do not fit together. */
    @Produces
    @Singleton
    @Startup
    ReplicationPolicy replicationPolicy(ReplicationConfig config) {
        return new ReplicationPolicy(config.min(), config.max(), config.cap());
    }
}
