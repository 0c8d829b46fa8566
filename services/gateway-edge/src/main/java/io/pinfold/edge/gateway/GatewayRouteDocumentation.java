package io.pinfold.edge.gateway;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Puts the gateway routes ({@link GatewayRoutes}, Vert.x routes the annotation scanner never sees) into the OpenAPI
 * document served on the management port.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class GatewayRouteDocumentation implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            openAPI.setPaths(OASFactory.createPaths());
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getComponents().getSchemas() == null || !openAPI.getComponents().getSchemas().containsKey("Failure")) {
            Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
            openAPI.getComponents().addSchema("Failure", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                    .description("The one Pinfold error shape").addProperty("error", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                            .addProperty("reason", text).addProperty("details", text)));
        }
        openAPI.getPaths().addPathItem("/ipfs/{cid}/{path}", item("cid", "the content's CID, any version, multibase or codec"));
        openAPI.getPaths().addPathItem("/ipns/{name}/{path}", item("name", "an IPNS key (any CID form or peer id) or a DNSLink domain"));
    }

    private static PathItem item(String root, String rootDescription) {
        return OASFactory.createPathItem()
                .GET(operation(root, rootDescription, "get"))
                .HEAD(operation(root, rootDescription, "head"))
                .OPTIONS(operation(root, rootDescription, "options"));
    }

    private static Operation operation(String root, String rootDescription, String method) {
        return OASFactory.createOperation()
                .operationId(method + "-" + root)
                .addTag("Gateway")
                .summary("Path and trustless gateway (specs.ipfs.tech/http-gateways), proxied to active Kubo gateways")
                .description("Streams the content with the specs' headers (Cache-Control, Etag, X-Ipfs-Roots, X-Ipfs-Path), ranges, "
                        + "and the trustless formats by Accept or ?format=. Content on the denylist answers the entry's status before any byte. "
                        + "A subdomain-gateway Host (<cid>.ipfs.<domain>, <name>.ipns.<domain>, for the domains of pinfold.edge.subdomain.domains) "
                        + "is served the same, with the path below the root.")
                .parameters(List.of(
                        path(root, rootDescription),
                        path("path", "optional path below the root; empty for the root itself"),
                        OASFactory.createParameter().name("format").in(Parameter.In.QUERY).required(false)
                                .description("response format; overrides Accept")
                                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(List.of(
                                        "raw", "car", "tar", "dag-json", "dag-cbor", "json", "cbor", "ipns-record")))))
                .responses(responses());
    }

    private static Parameter path(String name, String description) {
        return OASFactory.createParameter().name(name).in(Parameter.In.PATH).required(true).description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    private static APIResponses responses() {
        APIResponses responses = OASFactory.createAPIResponses();
        responses.addAPIResponse("200", OASFactory.createAPIResponse().description("the content (206 for a range)"));
        responses.addAPIResponse("400", failure("malformed CID, path or name, or an unknown format; details names which"));
        responses.addAPIResponse("405", failure("any method but GET, HEAD and OPTIONS"));
        responses.addAPIResponse("410", failure("blocked by a denylist entry; details names the notice"));
        responses.addAPIResponse("451", failure("blocked for a legal reason; details names it and the notice"));
        responses.addAPIResponse("502", failure("every Kubo gateway tried failed before its first byte"));
        responses.addAPIResponse("503", failure("no active Kubo gateway, or the denylist is still being read at start"));
        responses.addAPIResponse("504", failure("the Kubo gateways tried did not answer in time"));
        return responses;
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse failure(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Failure"))));
    }
}
