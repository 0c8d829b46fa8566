package io.pinfold.takedown.imports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Generated lists in the badbits shape, tokens and run polling for the import tests. */
final class Lists {
    static final String OPERATOR = "pf_test-admin-token-for-takedown-service-tests";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static String reviewerToken;

    private Lists() {
    }

    /** {@code count} rules: plain /ipfs/CID lines and legacy //hex double hashes, alternately, from a seeded generator. */
    static List<String> rules(long seed, int count) {
        Random random = new Random(seed);
        List<String> rules = new ArrayList<>(count);
        byte[] digest = new byte[32];
        for (int i = 0; i < count; i++) {
            random.nextBytes(digest);
            rules.add(i % 2 == 0 ? "/ipfs/" + Cid.v1(Codec.RAW, Multihash.of(0x12, digest.clone())) : "//" + HexFormat.of().formatHex(digest));
        }
        return rules;
    }

    /** The list text: badbits' header, then the rules, one a line. */
    static String list(List<String> rules) {
        StringBuilder text = new StringBuilder("version: 1\nname: generated\ndescription: test list in the badbits shape\n---\n");
        for (String rule : rules) {
            text.append(rule).append('\n');
        }
        return text.toString();
    }

    static Cid randomCid() {
        byte[] digest = new byte[32];
        RANDOM.nextBytes(digest);
        return Cid.v1(Codec.RAW, Multihash.of(0x12, digest));
    }

    static RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + OPERATOR);
    }

    static synchronized RequestSpecification reviewer() {
        if (reviewerToken == null) {
            reviewerToken = operator().contentType(ContentType.JSON).body(Map.of("label", "import test reviewer")).post("/admin/tokens")
                    .then().statusCode(201).extract().path("token");
        }
        return given().header("Authorization", "Bearer " + reviewerToken);
    }

    static void source(String name, Map<String, ?> body) {
        operator().contentType(ContentType.JSON).body(body).put("/imports/sources/" + name).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    /** Starts a run of the source (202) and waits until it ends; answers the run. */
    static JsonPath runNow(String name) {
        return runNow(name, Duration.ofSeconds(120));
    }

    static JsonPath runNow(String name, Duration atMost) {
        String id = reviewer().post("/imports/sources/" + name + "/run").then().statusCode(202).extract().path("id");
        return awaitRun(id, atMost);
    }

    static JsonPath awaitRun(String id, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            JsonPath run = reviewer().get("/imports/runs/" + id).then().statusCode(200).extract().jsonPath();
            if (!"running".equals(run.getString("state"))) {
                return run;
            }
            assertThat(System.nanoTime()).as("run %s still running: %s", id, run.prettify()).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
