package io.pinfold.edge.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Which Host names are subdomain-gateway requests (pinfold.edge.subdomain.*; defaults documented in README). */
@ConfigMapping(prefix = "pinfold.edge.subdomain")
public interface SubdomainGatewayConfig {

    /**
     * Gateway domains under which {@code <cid>.ipfs.<domain>} and {@code <name>.ipns.<domain>} are served as
     * {@code /ipfs/<cid>/…} and {@code /ipns/<name>/…} (an IPNS key in base36, or a DNSLink domain inlined in one label).
     */
    @WithDefault("localhost")
    List<String> domains();
}
