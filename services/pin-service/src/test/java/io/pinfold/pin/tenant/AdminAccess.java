package io.pinfold.pin.tenant;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The operator's admin token of the test profile (%test.pinfold.admin.token) and requests that carry it. */
public final class AdminAccess {
    public static final String TOKEN = "pf_test-admin-token-for-pin-service-tests";

    private AdminAccess() {
    }

    public static RequestSpecification operator() {
        return bearer(TOKEN);
    }

    public static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Creates a tenant through the admin API; answers its id. */
    public static String createTenant(String name) {
        return operator().body("{\"name\":\"" + name + "\"}").post("/admin/tenants").then().statusCode(201).extract().path("id");
    }

    /** Issues a token for the tenant through the admin API; answers the token itself. */
    public static String issueToken(String tenantId, String label) {
        return operator().body("{\"label\":\"" + label + "\"}").post("/admin/tenants/" + tenantId + "/tokens")
                .then().statusCode(201).extract().path("token");
    }
}
