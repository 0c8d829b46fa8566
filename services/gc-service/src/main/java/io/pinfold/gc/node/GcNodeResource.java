package io.pinfold.gc.node;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/gc/nodes")
@Tag(name = "Nodes", description = "The Kubo nodes gc-service plans GC for")
@Produces(MediaType.APPLICATION_JSON)
public class GcNodeResource {

    @Schema(name = "GcNode")
    public record GcNodeView(String id, String peerId, String rpcUrl, String state, java.time.OffsetDateTime announcedAt) {
    }

    @GET
    @WithSession
    @Operation(summary = "Nodes as announced on pinfold.nodes")
    public Uni<List<GcNodeView>> list() {
        return GcNode.<GcNode>listAll().map(nodes -> nodes.stream()
                .map(node -> new GcNodeView(node.id, node.peerId, node.rpcUrl, node.state, node.announcedAt))
                .toList());
    }
}
