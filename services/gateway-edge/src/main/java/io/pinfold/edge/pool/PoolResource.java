package io.pinfold.edge.pool;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/edge/pool")
@Tag(name = "Pool", description = "The Kubo gateways this edge proxies to")
@Produces(MediaType.APPLICATION_JSON)
public class PoolResource {
    private final NodePool pool;

    public PoolResource(NodePool pool) {
        this.pool = pool;
    }

    @GET
    @Operation(summary = "Every node the edge knows, with its state", description = "Rebuilt from pinfold.nodes; only active nodes serve.")
    public List<PoolNode> pool() {
        return pool.all();
    }
}
