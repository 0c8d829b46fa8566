package io.pinfold.kubo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KuboClientOptionsTest {

    @Test
    void defaultsAreSensible() {
        KuboClientOptions options = KuboClientOptions.of("http://127.0.0.1:15002/");
        assertThat(options.baseUrl()).isEqualTo("http://127.0.0.1:15002");
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.authorization()).isEmpty();
    }

    @Test
    void rejectsAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> KuboClientOptions.of("/ip4/127.0.0.1/tcp/5001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kubo rpcUrl: expected http://host:port or https://host:port, got '/ip4/127.0.0.1/tcp/5001'");
        assertThatThrownBy(() -> KuboClientOptions.of("http://exa mple"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kubo rpcUrl: not a URL");
    }

    @Test
    void rejectsANonPositiveTimeout() {
        KuboClientOptions options = KuboClientOptions.of("http://127.0.0.1:15002");
        assertThatThrownBy(() -> options.withTimeout(Duration.ZERO))
                .hasMessage("kubo timeout: must be positive, got PT0S");
        assertThatThrownBy(() -> options.withStreamIdleTimeout(Duration.ofSeconds(-1)))
                .hasMessage("kubo streamIdleTimeout: must be positive, got PT-1S");
        assertThatThrownBy(() -> options.withMaxConnections(0))
                .hasMessage("kubo maxConnections: must be at least 1, got 0");
    }

    @Test
    void buildsTheAuthorizationHeadersKuboExpects() {
        KuboClientOptions options = KuboClientOptions.of("http://127.0.0.1:15002");
        // API.Authorizations "basic:alice:s3cret" expects exactly this header
        assertThat(options.withBasicAuth("alice", "s3cret").authorization()).contains("Basic YWxpY2U6czNjcmV0");
        assertThat(options.withBearerToken("t0k3n").authorization()).contains("Bearer t0k3n");
    }

    @Test
    void neverPrintsCredentials() {
        assertThat(KuboClientOptions.of("http://127.0.0.1:15002").withBearerToken("t0k3n").toString())
                .doesNotContain("t0k3n")
                .contains("authorization=***");
    }
}
