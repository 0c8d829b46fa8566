package io.pinfold.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubdomainHostTest {
    private static final List<String> DOMAINS = List.of("localhost", "dweb.example");

    @Test
    void aRootLabelUnderAConfiguredDomainNamesAPathGatewayRequest() {
        assertThat(SubdomainHost.of("bafyabc.ipfs.localhost", DOMAINS)).contains(new SubdomainHost("ipfs", "bafyabc"));
        assertThat(SubdomainHost.of("K51ABC.IPNS.LocalHost:8080", DOMAINS)).contains(new SubdomainHost("ipns", "k51abc"));
        assertThat(SubdomainHost.of("my--site-example-com.ipns.dweb.example.", DOMAINS))
                .contains(new SubdomainHost("ipns", "my--site-example-com"));
        assertThat(SubdomainHost.of("k51abc.ipns.localhost", DOMAINS).orElseThrow().gatewayPath("/a/b")).isEqualTo("/ipns/k51abc/a/b");
        assertThat(SubdomainHost.of("k51abc.ipns.localhost", DOMAINS).orElseThrow().gatewayPath("")).isEqualTo("/ipns/k51abc/");
    }

    @Test
    void anyOtherHostIsNoSubdomainRequest() {
        for (String host : new String[] {null, "", "localhost", "127.0.0.1:8080", "[::1]:8080", "ipfs.localhost", "x.ipfs.other.host",
                "a.b.ipns.localhost", "x.ipfx.localhost", "x.ipfs.notlocalhost", "x.ipfs.localhost.evil"}) {
            assertThat(SubdomainHost.of(host, DOMAINS)).as(String.valueOf(host)).isEmpty();
        }
    }
}
