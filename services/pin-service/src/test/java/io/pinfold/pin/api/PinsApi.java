package io.pinfold.pin.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.pinfold.pin.tenant.AdminAccess;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Tenants, tokens, CIDs and SQL for the Pinning Service API tests. */
final class PinsApi {
    private PinsApi() {
    }

    /** A tenant with a fresh name and one token; answers {id, token, name}. */
    static Tenant tenant(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String id = AdminAccess.createTenant(name);
        return new Tenant(id, AdminAccess.issueToken(id, "api test"), name);
    }

    record Tenant(String id, String token, String name) {
        RequestSpecification call() {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }

        Response pin(String cid) {
            return call().body("{\"cid\":\"" + cid + "\"}").post("/pins");
        }

        String pinId(String body) {
            return call().body(body).post("/pins").then().statusCode(202).extract().path("requestid");
        }
    }

    /** A CIDv1 (raw, sha2-256) of fresh bytes, unique per call, as the compliance suite makes them. */
    static String freshCid() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(UUID.randomUUID().toString().getBytes());
            byte[] bytes = new byte[4 + digest.length];
            bytes[0] = 0x01; // CIDv1
            bytes[1] = 0x55; // raw
            bytes[2] = 0x12; // sha2-256
            bytes[3] = 0x20; // 32 bytes
            System.arraycopy(digest, 0, bytes, 4, digest.length);
            return io.pinfold.ipfs.cid.Cid.fromBytes(bytes).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until pin-service registered the configured Kubo nodes with their swarm addresses (1 s after start). */
    static void nodesRegistered() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !column("SELECT id FROM kubo_node WHERE swarm_addresses <> ''").isEmpty());
    }

    static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
    }

    static int update(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    static List<String> column(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
