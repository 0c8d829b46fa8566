package io.pinfold.pin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pinfold.pin.desired.PinInput;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The Pinning Service API's Pin object: what a client asks to pin. A name not given is left out, not null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Pin", description = "Pin object")
public record PinBody(
        @Schema(required = true, description = "Content Identifier (CID) to be pinned recursively, any CID version or multibase",
                example = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4")
        String cid,
        @Schema(maxLength = 255, description = "Optional name for pinned data; can be used for lookups later", example = "PreciousData.pdf")
        String name,
        @Schema(maxItems = 20, description = "Optional list of multiaddrs known to provide the data, each ending in /p2p/<peer id>",
                example = "[\"/ip4/203.0.113.142/tcp/4001/p2p/12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf\"]")
        List<String> origins,
        @Schema(description = "Optional metadata (string keys and values, at most 64 entries); replicationMin/replicationMax "
                + "override the pin's replication factor", example = "{\"app_id\":\"99986338-1113-4706-8302-4420da6158aa\"}")
        Map<String, String> meta) {

    PinInput input() {
        return new PinInput(cid, name, origins, meta);
    }
}
