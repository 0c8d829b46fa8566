package io.pinfold.testsupport.quarkus;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.net.URL;

/**
 * Requests to a Quarkus test's management interface (health, metrics, OpenAPI, admin views). Quarkus injects
 * {@code @TestHTTPResource(value = "/", management = true)} with the {@code /q} root path, so only its host and
 * port are used and callers write whole paths such as {@code /q/health/ready}.
 */
public final class ManagementPort {
    private ManagementPort() {
    }

    public static RequestSpecification given(URL management) {
        return RestAssured.given().baseUri("http://" + management.getHost() + ":" + management.getPort());
    }
}
