package io.pinfold.pin.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfiguredNodesPairingTest {
    private static final List<URI> RPC = List.of(URI.create("http://127.0.0.1:15002"), URI.create("http://127.0.0.1:15003"));
    private static final List<URI> GATEWAY = List.of(URI.create("http://127.0.0.1:18081"), URI.create("http://127.0.0.1:18082"));

    @Test
    void zonesArePairedByPositionAndDashMeansNone() {
        List<NodeRegistration> nodes = ConfiguredNodes.pair(RPC, GATEWAY, Optional.of(List.of("-", " az-b ")));

        assertThat(nodes).extracting(NodeRegistration::id).containsExactly("kubo-1", "kubo-2");
        assertThat(nodes).extracting(NodeRegistration::zone).containsExactly(null, "az-b");
        assertThat(ConfiguredNodes.pair(RPC, GATEWAY, Optional.empty())).extracting(NodeRegistration::zone).containsOnlyNulls();
    }

    @Test
    void aZoneListOfAnotherLengthIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> ConfiguredNodes.pair(RPC, GATEWAY, Optional.of(List.of("az-a"))))
                .hasMessage("pinfold.kubo.zones: has 1 entries but pinfold.kubo.rpc-urls has 2; they are paired by position ('-' for no zone)");
    }
}
