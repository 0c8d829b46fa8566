package io.pinfold.testsupport.quarkus;

import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Points a Quarkus test at the shared real Kubo nodes ({@link KuboNodes#shared()}): sets
 * {@code pinfold.kubo.rpc-urls} and {@code pinfold.kubo.gateway-urls}, comma-separated and paired by position.
 */
public class KuboTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String RPC_URLS_PROPERTY = "pinfold.kubo.rpc-urls";
    public static final String GATEWAY_URLS_PROPERTY = "pinfold.kubo.gateway-urls";

    @Override
    public Map<String, String> start() {
        KuboNodes nodes = KuboNodes.shared();
        return Map.of(
                RPC_URLS_PROPERTY, nodes.all().stream().map(KuboNode::rpc).collect(Collectors.joining(",")),
                GATEWAY_URLS_PROPERTY, nodes.all().stream().map(KuboNode::gateway).collect(Collectors.joining(",")));
    }

    @Override
    public void stop() {
        // shared with the other test classes of this JVM
    }
}
