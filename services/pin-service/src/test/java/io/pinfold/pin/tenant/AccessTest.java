package io.pinfold.pin.tenant;

import static io.pinfold.pin.tenant.AdminAccess.bearer;
import static io.pinfold.pin.tenant.AdminAccess.createTenant;
import static io.pinfold.pin.tenant.AdminAccess.issueToken;
import static io.pinfold.pin.tenant.AdminAccess.operator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.pinfold.runtime.access.BearerToken;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import io.restassured.response.ValidatableResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bearer tokens against the real database: who gets in, who is kept out, and what is stored. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_test"))
class AccessTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void theOpenApiDocumentDeclaresTheBearerSchemeAndTheAdminEndpoints() {
        managementCall().get("/q/openapi").then().statusCode(200)
                .body(containsString("securitySchemes"))
                .body(containsString("scheme: bearer"))
                .body(containsString("/admin/tenants/{id}/tokens"))
                .body(containsString("/tenant:"));
    }

    @Test
    void adminChangesAreCountedAndNeedNoTokenToBeRead() {
        createTenant(unique("counted"));
        managementCall().get("/q/metrics").then().statusCode(200)
                .body(containsString("pinfold_admin_changes_total{change=\"tenant.created\""));
    }

    @Test
    void noTokenIs401InTheErrorShapeWithABearerChallenge() {
        for (String path : List.of("/admin/tenants", "/nodes", "/tenant")) {
            unauthorized(given().get(path)).body("error.details", containsString("Bearer token is required"));
        }
        unauthorized(given().header("Authorization", "Basic dXNlcjpwYXNz").get("/admin/tenants"));
    }

    @Test
    void anUnknownTokenIs401() {
        unauthorized(bearer(BearerToken.generate().reveal()).get("/admin/tenants")).body("error.details", containsString("not known"));
        unauthorized(bearer(AdminAccess.TOKEN + "x").get("/nodes"));
    }

    @Test
    void aTenantTokenIsForbiddenOnAdminAndNodes() {
        String token = issueToken(createTenant(unique("forbidden")), "probe");
        for (String path : List.of("/admin/tenants", "/nodes")) {
            bearer(token).get(path).then().statusCode(403).body("error.reason", equalTo("FORBIDDEN"));
        }
        bearer(token).body("{\"name\":\"sneaky\"}").post("/admin/tenants").then().statusCode(403);
    }

    @Test
    void theOperatorTokenCannotActAsATenant() {
        operator().get("/tenant").then().statusCode(403).body("error.reason", equalTo("FORBIDDEN"));
    }

    @Test
    void eachTenantsTokenResolvesToItsOwnTenant() {
        String first = createTenant(unique("first"));
        String second = createTenant(unique("second"));
        String firstToken = issueToken(first, "a");
        String secondToken = issueToken(second, "b");
        bearer(firstToken).get("/tenant").then().statusCode(200).body("id", equalTo(first));
        bearer(secondToken).get("/tenant").then().statusCode(200).body("id", equalTo(second));
    }

    @Test
    void tokensAreStoredOnlyAsTheirSha256() throws Exception {
        String tenant = createTenant(unique("hashed"));
        String token = issueToken(tenant, "stored");
        String hash = HexFormat.of().formatHex(BearerToken.of(token).hash());
        assertThat(Database.column("select encode(token_hash, 'hex') from api_token where tenant_id = '" + tenant + "'")).containsExactly(hash);
        assertThat(Database.everyRow()).as("no table holds the token (or its random part)")
                .noneMatch(row -> row.contains(token) || row.contains(token.substring(3)))
                .noneMatch(row -> row.contains(AdminAccess.TOKEN));
        operator().get("/admin/tenants/" + tenant + "/tokens").then().statusCode(200)
                .body("[0].label", equalTo("stored"))
                .body("[0]", not(org.hamcrest.Matchers.hasKey("token")))
                .body(not(containsString(token))).body(not(containsString(hash)));
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        String tenant = createTenant(unique("revoked"));
        String token = issueToken(tenant, "soon revoked");
        bearer(token).get("/tenant").then().statusCode(200);
        String id = operator().get("/admin/tenants/" + tenant + "/tokens").then().extract().path("[0].id");
        operator().delete("/admin/tokens/" + id).then().statusCode(200).body("revokedAt", not(nullValue()));
        unauthorized(bearer(token).get("/tenant")).body("error.details", containsString("revoked"));
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        String tenant = createTenant(unique("expired"));
        String token = issueToken(tenant, "short-lived");
        bearer(token).get("/tenant").then().statusCode(200);
        Database.update("update api_token set expires_at = now() - interval '1 second' where tenant_id = '" + tenant + "'");
        unauthorized(bearer(token).get("/tenant")).body("error.details", containsString("expired"));
    }

    @Test
    void aTokenMayExpireAndShowsItsExpiryOnce() {
        String tenant = createTenant(unique("expiring"));
        operator().body("{\"label\":\"l\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}").post("/admin/tenants/" + tenant + "/tokens")
                .then().statusCode(201).body("token", org.hamcrest.Matchers.startsWith("pf_")).body("expiresAt", equalTo("2099-01-01T00:00:00Z"));
        operator().body("{\"label\":\"l\",\"expiresAt\":\"2000-01-01T00:00:00Z\"}").post("/admin/tenants/" + tenant + "/tokens")
                .then().statusCode(400).body("error.details", equalTo("expiresAt: must be in the future"));
    }

    @Test
    void tenantsAreCreatedListedAndGivenQuotas() {
        String name = unique("quota");
        String id = operator().body("{\"name\":\"" + name + "\",\"quotaPins\":10}").post("/admin/tenants").then().statusCode(201)
                .body("name", equalTo(name)).body("quota.pins", equalTo(10)).body("quota.bytes", nullValue())
                .body("usage.pins", equalTo(0)).extract().path("id");
        operator().get("/admin/tenants").then().statusCode(200).body("name", hasItem(name));
        operator().body("{\"pins\":null,\"bytes\":1000}").put("/admin/tenants/" + id + "/quota").then().statusCode(200)
                .body("quota.pins", nullValue()).body("quota.bytes", equalTo(1000));
        operator().get("/admin/tenants/" + id).then().statusCode(200).body("quota.bytes", equalTo(1000));
    }

    @Test
    void badInputNamesTheFieldUnknownIdsAre404AndDuplicateNames409() {
        operator().body("{\"name\":\"Not Valid\"}").post("/admin/tenants").then().statusCode(400)
                .body("error.reason", equalTo("BAD_REQUEST")).body("error.details", containsString("name: must be 1 to 63"));
        operator().body("{}").post("/admin/tenants").then().statusCode(400).body("error.details", equalTo("name: is required"));
        operator().body("{\"name\":\"q\",\"quotaPins\":-1}").post("/admin/tenants").then().statusCode(400)
                .body("error.details", equalTo("quotaPins: must be 0 or more"));
        String name = unique("dup");
        createTenant(name);
        operator().body("{\"name\":\"" + name + "\"}").post("/admin/tenants").then().statusCode(409)
                .body("error.reason", equalTo("CONFLICT")).body("error.details", containsString("name: a tenant named"));
        String ghost = UUID.randomUUID().toString();
        operator().get("/admin/tenants/" + ghost).then().statusCode(404).body("error.details", equalTo("no tenant with id '" + ghost + "'"));
        operator().get("/admin/tenants/not-a-uuid").then().statusCode(404).body("error.reason", equalTo("NOT_FOUND"));
        operator().body("{\"label\":\"x\"}").post("/admin/tenants/" + ghost + "/tokens").then().statusCode(404);
        operator().delete("/admin/tokens/" + ghost).then().statusCode(404);
        operator().body("{\"label\":\" \"}").post("/admin/tenants/" + createTenant(unique("label")) + "/tokens").then().statusCode(400)
                .body("error.details", equalTo("label: is required"));
    }

    private io.restassured.specification.RequestSpecification managementCall() {
        return given().baseUri("http://" + management.getHost() + ":" + management.getPort());
    }

    private static ValidatableResponse unauthorized(io.restassured.response.Response response) {
        return response.then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error.reason", equalTo("UNAUTHORIZED"));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
