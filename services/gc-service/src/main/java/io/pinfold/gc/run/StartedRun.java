package io.pinfold.gc.run;

import io.pinfold.gc.strategy.GcStrategy;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A run whose lease is taken and whose drain (if any) is in the outbox, ready to be driven. */
record StartedRun(UUID runId, String nodeId, URI rpcUrl, GcStrategy strategy, boolean drained, String drainEventId,
                  OffsetDateTime startedAt, GcRunView view) {
}
