package io.pinfold.pin.follow;

import io.pinfold.kubo.content.AddOptions;
import io.pinfold.pin.tenant.AdminAccess;
import io.pinfold.runtime.kubo.KuboClients;
import io.pinfold.testsupport.kubo.KuboNode;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

import static io.restassured.RestAssured.given;

/** Real content, IPNS keys and records on a real Kubo node; tenants and SQL for the follow-list tests. */
final class FollowFixtures {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ID = Pattern.compile("\"Id\":\"([^\"]+)\"");

    private FollowFixtures() {
    }

    /** Fresh content added (unpinned) to the node; answers its CID. */
    static String content(KuboClients clients, KuboNode node) {
        byte[] bytes = ("follow-list test content " + UUID.randomUUID()).getBytes();
        return clients.forNode(node.rpcUrl()).content().add(bytes, AddOptions.defaults().withCidVersion(1).withPin(false))
                .await().atMost(Duration.ofSeconds(30)).cid();
    }

    /** An IPNS key: the name Kubo knows it by (for name publish --key) and its IPNS name (k51…). */
    record Key(String name, String id) {
    }

    /** A new Ed25519 key on the node ({@code key gen}). */
    static Key keyGen(KuboNode node) {
        String name = "follow-" + UUID.randomUUID();
        String answer = rpc(node, "key/gen?type=ed25519&arg=" + name);
        Matcher id = ID.matcher(answer);
        if (!id.find()) {
            throw new IllegalStateException("kubo key/gen answered " + answer);
        }
        return new Key(name, id.group(1));
    }

    /** {@code name publish --key=<key> --allow-offline /ipfs/<cid>} through the library's call. */
    static void publish(KuboClients clients, KuboNode node, Key key, String cid) {
        clients.forNode(node.rpcUrl()).name().publish("/ipfs/" + cid, key.name(), true).await().atMost(Duration.ofSeconds(60));
    }

    record Tenant(String id, String token, String name) {
        RequestSpecification call() {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }
    }

    static Tenant tenant(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String id = AdminAccess.createTenant(name);
        return new Tenant(id, AdminAccess.issueToken(id, "follow test"), name);
    }

    static List<String> column(String sql) {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
             Statement s = c.createStatement()) {
            if (!sql.stripLeading().toUpperCase().startsWith("SELECT")) {
                s.execute(sql);
                return List.of();
            }
            try (ResultSet rs = s.executeQuery(sql)) {
                List<String> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
                return values;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static String rpc(KuboNode node, String command) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.rpc().replaceAll("/$", "") + "/api/v0/" + command))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("kubo " + command + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("kubo " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
