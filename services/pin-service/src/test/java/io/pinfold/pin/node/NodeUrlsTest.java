package io.pinfold.pin.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.events.validation.FieldChecks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every URL a node registration carries is checked; the problem is named, the accepted form normalised. */
class NodeUrlsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "ftp://host:21|must be an http or https URL, got 'ftp://host:21'",
            "127.0.0.1:5001|not an http or https URL such as http://127.0.0.1:15002 (Illegal character in scheme name at index 0)",
            "/api/v0|must be an http or https URL, got '/api/v0'",
            "http:///path|must name a host, got 'http:///path'",
            "http://bad_host:5001|must name a host, got 'http://bad_host:5001'",
            "http://admin:secret@127.0.0.1:5001|must not carry a user name or password",
            "http://127.0.0.1:0|port must be between 1 and 65535, was 0",
            "http://127.0.0.1:70000|port must be between 1 and 65535, was 70000",
            "http://127.0.0.1:|must give a port number after ':'",
            "http://127.0.0.1:5001/?x=1|must not carry a query or fragment",
            "http://127.0.0.1:5001#top|must not carry a query or fragment",
            "http://exa mple.org|not an http or https URL such as http://127.0.0.1:15002 (Illegal character in authority at index 7)",
            "'   '|must not be blank",
    })
    void refusesWithTheReason(String url, String problem) {
        FieldChecks checks = FieldChecks.start();
        assertThat(NodeUrls.check(checks, "rpcUrl", url)).isNull();
        assertThat(checks.violations()).singleElement().hasToString("rpcUrl: " + problem);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "http://127.0.0.1:15002, http://127.0.0.1:15002",
            "HTTPS://node-1.example.org/, https://node-1.example.org",
            "http://[::1]:5001/kubo//, http://[::1]:5001/kubo",
            " http://127.0.0.1:15002 , http://127.0.0.1:15002",
    })
    void acceptsAndNormalises(String url, String normal) {
        FieldChecks checks = FieldChecks.start();
        assertThat(NodeUrls.check(checks, "rpcUrl", url)).hasToString(normal);
        assertThat(checks.violations()).isEmpty();
    }
}
