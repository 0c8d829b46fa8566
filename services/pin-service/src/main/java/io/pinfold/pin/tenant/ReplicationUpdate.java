package io.pinfold.pin.tenant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's default replication factor; both left out (or null) go back to the service's default. */
@Schema(name = "ReplicationUpdate")
public record ReplicationUpdate(
        @Schema(example = "2", description = "Nodes that must hold each pin; 1 to pinfold.replication.cap") Integer min,
        @Schema(example = "3", description = "Nodes that hold each pin when enough are available; min to pinfold.replication.cap") Integer max) {
}
