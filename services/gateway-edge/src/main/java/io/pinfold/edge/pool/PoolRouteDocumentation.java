package io.pinfold.edge.pool;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Puts {@code GET /edge/pool} into the OpenAPI document: it is a Vert.x route on the management interface
 * ({@link PoolRoute}), which the annotation scanner never sees. The document itself is served on that same port.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class PoolRouteDocumentation implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Schema node = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("A Kubo gateway the edge may proxy to, as last announced on pinfold.nodes")
                .addProperty("id", string("node id"))
                .addProperty("peerId", string("libp2p peer id of the node"))
                .addProperty("gatewayUrl", string("the node's gateway, never its RPC API").format("uri"))
                .addProperty("state", string("only active nodes serve").enumeration(List.of("active", "draining", "down")))
                .addProperty("announcedAt", string("time of the event that last described the node").format("date-time"));
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("PoolNode", node);
        Schema list = OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                .items(OASFactory.createSchema().ref("PoolNode"));
        if (openAPI.getPaths() == null) {
            openAPI.setPaths(OASFactory.createPaths());
        }
        openAPI.getPaths().addPathItem(PoolRoute.PATH, OASFactory.createPathItem().GET(OASFactory.createOperation()
                .operationId("pool")
                .addTag("Pool")
                .summary("Every node the edge knows, with its state")
                .description("Rebuilt from pinfold.nodes; only active nodes serve. On the management interface only "
                        + "(it names peer ids and internal URLs); the main port serves the gateway alone.")
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse()
                        .description("the pool, sorted by node id")
                        .content(OASFactory.createContent().addMediaType("application/json",
                                OASFactory.createMediaType().schema(list)))))));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
