package io.pinfold.takedown.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.pinfold.takedown.TopicRecords.latestByKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.MultibaseEncoding;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.testsupport.kafka.TopicProbe;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.ManagementPort;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.pinfold.takedown.TestSql;
import io.pinfold.takedown.TopicRecords;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * From a notice to a block and back, on real PostgreSQL and Kafka: intake in every target form, review, entries on
 * the compacted pinfold.denylist (read back from the broker), tombstones on restore, the audit trail, the tokens.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "takedown_service_test"))
class NoticeWorkflowTest {
    static final String OPERATOR = "pf_test-admin-token-for-takedown-service-tests";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private static String reviewerToken;

    private final EventCodec codec = new EventCodec();
    private final TargetParser parser = new TargetParser();

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @TestHTTPResource("/notices")
    URL notices;

    @Inject
    AgroalDataSource database;

    @Test
    void mixedTargetFormsBecomeEntriesOnTheDenylistTopicAndTombstonesOnRestore() {
        Cid content = randomCid();
        Cid other = randomCid();
        String domain = "site-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
        List<String> targets = List.of(
                "https://ipfs.io/ipfs/" + content,                                                   // path gateway URL
                content.toV1().toString(MultibaseEncoding.BASE36),                                    // the same content in base36: one entry
                "https://" + other + ".ipfs.dweb.link/films/a%20b.mp4",                               // subdomain URL with a path
                "ipfs://" + other + "/trailers/*",                                                    // a prefix
                "https://" + domain.replace("-", "--").replace('.', '-') + ".ipns.dweb.link/page",    // inlined DNSLink name
                "ipns://" + domain);
        String id = fileNotice("dmca", targets).statusCode(201)
                .body("state", equalTo("received"))
                .body("targets.kind", equalTo(List.of("cid", "cid", "cid-path", "cid-path", "dnslink", "dnslink")))
                .extract().path("id");
        Set<String> keys = new java.util.TreeSet<>();
        targets.forEach(target -> keys.add(parser.parse(target).entryKey()));
        assertThat(keys).hasSize(5);

        reviewer().contentType(ContentType.JSON).body(Map.of("decision", "accept", "reason", "valid DMCA notice"))
                .post("/notices/" + id + "/decision").then().statusCode(200)
                .body("state", equalTo("accepted"))
                .body("targets.accepted", equalTo(List.of(true, true, true, true, true, true)));

        Map<String, ConsumerRecord<String, byte[]>> added = latestByKey(awaitRecords("pinfold.denylist", r -> keys.contains(r.key()), keys.size()));
        assertThat(added.keySet()).isEqualTo(keys);
        for (ConsumerRecord<String, byte[]> record : added.values()) {
            assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("io.pinfold.denylist.entry-added");
            DenylistEntryAdded entry = codec.decode(DenylistEntryAdded.class, record.value());
            assertThat(entry.recordKey()).isEqualTo(record.key()).isEqualTo(entry.entry().key());
            assertThat(entry.noticeId()).isEqualTo(id);
            assertThat(entry.status()).isEqualTo(451);
            assertThat(entry.legalReason()).isEqualTo("dmca");
            assertThat(entry.entry().status()).isEqualTo(451);
        }
        DenylistEntryAdded whole = codec.decode(DenylistEntryAdded.class, added.get(content.multihash().toBase32()).value());
        assertThat(whole.multihash()).isEqualTo(content.multihash().toBase32());
        assertThat(whole.kind().json()).isEqualTo("cid");
        DenylistEntryAdded prefix = codec.decode(DenylistEntryAdded.class, added.get(other.multihash().toBase32() + "/trailers*").value());
        assertThat(prefix.path()).isEqualTo("trailers*");
        assertThat(codec.decode(DenylistEntryAdded.class, added.get(other.multihash().toBase32() + "/films/a%20b.mp4").value()).path())
                .isEqualTo("films/a b.mp4");

        List<ConsumerRecord<String, byte[]>> takedowns = awaitRecords("pinfold.takedowns", r -> id.equals(r.key()), 2);
        assertThat(takedowns).extracting(r -> TopicProbe.header(r, "ce_type"))
                .containsExactly("io.pinfold.notice.received", "io.pinfold.notice.decided");
        reviewer().get("/denylist/entries?noticeId=" + id).then().statusCode(200)
                .body("entries", hasSize(5)).body("entries.status", equalTo(List.of(451, 451, 451, 451, 451)));

        reviewer().contentType(ContentType.JSON).body(Map.of("statement", "I own this film", "contact", "uploader@example.net"))
                .post("/notices/" + id + "/counter-notice").then().statusCode(200).body("state", equalTo("counter-notice-received"));
        reviewer().contentType(ContentType.JSON).body(Map.of("reason", "counter-notice not disputed in 14 days"))
                .post("/notices/" + id + "/restore").then().statusCode(200).body("state", equalTo("restored"));

        // A consumer that reads the topic from the start ends with none of the notice's entries: each add has a later tombstone.
        List<ConsumerRecord<String, byte[]>> all = awaitRecords("pinfold.denylist", r -> keys.contains(r.key()), keys.size() * 2);
        Map<String, ConsumerRecord<String, byte[]>> latest = latestByKey(all);
        assertThat(latest.keySet()).isEqualTo(keys);
        assertThat(latest.values()).allSatisfy(record -> assertThat(record.value()).as("tombstone for %s", record.key()).isNull());
        reviewer().get("/denylist/entries?noticeId=" + id).then().statusCode(200).body("entries", hasSize(0));
        assertThat(awaitRecords("pinfold.takedowns", r -> id.equals(r.key()), 3)).extracting(r -> TopicProbe.header(r, "ce_type"))
                .containsExactly("io.pinfold.notice.received", "io.pinfold.notice.decided", "io.pinfold.notice.restored");

        // Every action is in the audit trail, who and why, and the chain verifies.
        List<String> actions = strings("SELECT action FROM audit_record WHERE subject = '" + id + "' OR details->>'noticeId' = '" + id + "' ORDER BY seq");
        assertThat(actions).containsExactly("notice.received",
                "denylist.entry-added", "denylist.entry-added", "denylist.entry-added", "denylist.entry-added", "denylist.entry-added",
                "notice.decided", "counter-notice.received",
                "denylist.entry-removed", "denylist.entry-removed", "denylist.entry-removed", "denylist.entry-removed", "denylist.entry-removed",
                "notice.restored");
        assertThat(strings("SELECT actor FROM audit_record WHERE subject = '" + id + "' ORDER BY seq"))
                .first().isEqualTo("public");
        assertThat(strings("SELECT reason FROM audit_record WHERE subject = '" + id + "' AND action = 'notice.decided'"))
                .containsExactly("valid DMCA notice");
        operator().get("/audit/verify").then().statusCode(200).body("verified", equalTo(true));
    }

    @Test
    void partialAcceptanceBlocksOnlyTheChosenTargets() {
        Cid first = randomCid();
        Cid second = randomCid();
        Cid third = randomCid();
        String id = fileNotice("malware", List.of(first.toString(), second.toString(), "/ipfs/" + third + "/x.exe")).statusCode(201)
                .extract().path("id");

        reviewer().contentType(ContentType.JSON).body(Map.of("decision", "accept", "targets", List.of(0, 2), "reason", "two are malware"))
                .post("/notices/" + id + "/decision").then().statusCode(200)
                .body("state", equalTo("accepted"))
                .body("targets.accepted", equalTo(List.of(true, false, true)));

        Set<String> all = Set.of(first.multihash().toBase32(), second.multihash().toBase32(), third.multihash().toBase32() + "/x.exe");
        List<ConsumerRecord<String, byte[]>> records = awaitRecords("pinfold.denylist", r -> all.contains(r.key()), 2);
        assertThat(records).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(first.multihash().toBase32(), third.multihash().toBase32() + "/x.exe");
        assertThat(records).allSatisfy(record -> {
            DenylistEntryAdded entry = codec.decode(DenylistEntryAdded.class, record.value());
            assertThat(entry.status()).isEqualTo(410);
            assertThat(entry.legalReason()).isNull();
        });
        reviewer().get("/notices/" + id).then().statusCode(200).body("decidedBy", containsString("/reviewer"));
    }

    @Test
    void anEntryHeldByTwoNoticesStaysUntilTheLastIsRestored() {
        Cid content = randomCid();
        String key = content.multihash().toBase32();
        String first = fileNotice("dmca", List.of(content.toString())).statusCode(201).extract().path("id");
        String second = fileNotice("court-order", List.of("/ipfs/" + content.toV1().toString(MultibaseEncoding.BASE58_BTC))).statusCode(201).extract().path("id");
        accept(first);
        accept(second);
        restore(first);

        List<ConsumerRecord<String, byte[]>> records = awaitRecords("pinfold.denylist", r -> key.equals(r.key()), 3);
        ConsumerRecord<String, byte[]> last = records.get(records.size() - 1);
        assertThat(last.value()).as("still blocked by the second notice, not tombstoned").isNotNull();
        assertThat(codec.decode(DenylistEntryAdded.class, last.value()).noticeId()).isEqualTo(second);

        restore(second);
        records = awaitRecords("pinfold.denylist", r -> key.equals(r.key()), 4);
        assertThat(records.get(records.size() - 1).value()).as("tombstone once no notice holds the entry").isNull();
    }

    @Test
    void illegalTransitionsAnswer409NamingTheState() {
        String accepted = fileNotice("abuse", List.of(randomCid().toString())).statusCode(201).extract().path("id");
        accept(accepted);
        reviewer().contentType(ContentType.JSON).body(Map.of("decision", "reject", "reason", "again"))
                .post("/notices/" + accepted + "/decision").then().statusCode(409)
                .body("error.reason", equalTo("CONFLICT"))
                .body("error.details", containsString("is accepted; it cannot become rejected"));
        reviewer().contentType(ContentType.JSON).body(Map.of("reason", "no counter-notice"))
                .post("/notices/" + accepted + "/uphold").then().statusCode(409)
                .body("error.details", containsString("is accepted; it cannot become upheld (only from counter-notice-received)"));

        String rejected = fileNotice("other", List.of(randomCid().toString())).statusCode(201).extract().path("id");
        reviewer().contentType(ContentType.JSON).body(Map.of("decision", "reject", "reason", "not specific"))
                .post("/notices/" + rejected + "/decision").then().statusCode(200).body("state", equalTo("rejected"))
                .body("targets.accepted", equalTo(List.of(false)));
        reviewer().contentType(ContentType.JSON).body(Map.of("reason", "oops"))
                .post("/notices/" + rejected + "/restore").then().statusCode(409)
                .body("error.details", containsString("is rejected; it cannot become restored"));
        reviewer().contentType(ContentType.JSON).body(Map.of("statement", "mine", "contact", "x@example.net"))
                .post("/notices/" + rejected + "/counter-notice").then().statusCode(409)
                .body("error.details", containsString("is rejected"));

        reviewer().get("/notices/" + UUID.randomUUID()).then().statusCode(404).body("error.reason", equalTo("NOT_FOUND"));
        reviewer().contentType(ContentType.JSON).body(Map.of("decision", "accept", "reason", "x"))
                .post("/notices/not-a-notice/decision").then().statusCode(404);
    }

    @Test
    void everyBadFieldIsNamedAndNothingIsStored() {
        long before = count("SELECT count(*) FROM notice");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("legalBasis", "copyright");
        body.put("contact", " ");
        body.put("targets", List.of(randomCid().toString(), "hello", "https://example.org/some/page", "ipfs://bafy\u0000x"));
        body.put("evidence", List.of("https://evidence.example/1", "mailto:x@example.org"));
        body.put("jurisdiction", "usa");
        publicClient().contentType(ContentType.JSON).body(body).post("/notices").then().statusCode(400)
                .body("error.reason", equalTo("BAD_REQUEST"))
                .body("error.details", containsString("legalBasis: must be one of dmca, abuse, malware, csam, court-order, other, got 'copyright'"))
                .body("error.details", containsString("complainant: is required"))
                .body("error.details", containsString("contact: is required"))
                .body("error.details", containsString("jurisdiction: must be an ISO 3166-1 alpha-2 code"))
                .body("error.details", containsString("targets[1]: 'hello' 'hello' is not a CID, an IPNS name, a domain or a URL"))
                .body("error.details", containsString("targets[2]: 'https://example.org/some/page' is not a gateway URL"))
                .body("error.details", containsString("targets[3]: "))
                .body("error.details", not(containsString("targets[0]")))
                .body("error.details", containsString("evidence[1]: must be an http or https URL"));
        assertThat(count("SELECT count(*) FROM notice")).isEqualTo(before);

        publicClient().contentType(ContentType.JSON).body("{\"legalBasis\":").post("/notices").then().statusCode(400)
                .body("error.details", containsString("body: not valid JSON"));
        publicClient().contentType(ContentType.JSON).body("{\"legalBasis\":\"dmca\",\"targets\":\"bafy\"}").post("/notices").then().statusCode(400)
                .body("error.details", containsString("targets: "));
        publicClient().contentType(ContentType.JSON).body(Map.of("legalBasis", "dmca", "complainant", "x", "contact", "y", "targets", List.of()))
                .post("/notices").then().statusCode(400).body("error.details", equalTo("targets: at least one target is required"));
        publicClient().contentType(ContentType.JSON).body("{\"description\":\"" + "x".repeat(5000) + "\"}").post("/notices").then()
                .statusCode(413).body("error.reason", equalTo("PAYLOAD_TOO_LARGE"))
                .body("error.details", equalTo("body: at most 4096 bytes, got 5018"));
        assertThat(count("SELECT count(*) FROM notice")).isEqualTo(before);

        String id = fileNotice("dmca", List.of(randomCid().toString(), randomCid().toString())).statusCode(201).extract().path("id");
        reviewer().contentType(ContentType.JSON).body(Map.of("decision", "maybe")).post("/notices/" + id + "/decision").then().statusCode(400)
                .body("error.details", equalTo("decision: must be accept or reject, got 'maybe'; reason: is required"));
        reviewer().contentType(ContentType.JSON).body(Map.of("decision", "accept", "targets", List.of(1, 5, 1), "reason", "x"))
                .post("/notices/" + id + "/decision").then().statusCode(400)
                .body("error.details", equalTo("targets[1]: the notice has no target at position 5 (it has 0..1); targets[2]: position 1 is named twice"));
        reviewer().contentType(ContentType.JSON).body(Map.of("decision", "accept", "targets", List.of(), "reason", "x"))
                .post("/notices/" + id + "/decision").then().statusCode(400)
                .body("error.details", equalTo("targets: accept at least one target, or reject the notice"));
        reviewer().get("/notices/" + id).then().body("state", equalTo("received"));
        reviewer().get("/notices?state=maybe").then().statusCode(400).body("error.details", containsString("state: "));
        reviewer().get("/denylist/entries?limit=0").then().statusCode(400).body("error.details", equalTo("limit: must be between 1 and 1000, got 0"));
    }

    @Test
    void aBodyAboveTheLimitIsRefusedWithTheFieldNamingErrorWhateverItsSizeOrFraming() throws Exception {
        long before = count("SELECT count(*) FROM notice");
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        java.net.URI url = java.net.URI.create(notices.toString());
        // Above quarkus.http.limits.max-body-size (10M) too: refused on its Content-Length with the service's error
        // body (not Quarkus's bare 413). Only the headers are sent (a raw socket: the JDK 17 client waits forever on
        // Expect: 100-continue answered with a final status), so the answer shows the body was never waited for.
        long huge = 11L << 20;
        String answer;
        try (java.net.Socket socket = new java.net.Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("POST /notices HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\n"
                    + "Content-Type: application/json\r\nX-Forwarded-For: 10.2.0.1\r\nContent-Length: " + huge + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            answer = httpAnswer(socket.getInputStream());
        }
        assertThat(answer).startsWith("HTTP/1.1 413 ");
        assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/json");
        JsonPath error = new JsonPath(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(error.getString("error.reason")).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(error.getString("error.details")).isEqualTo("body: at most 4096 bytes, got " + huge);
        // Chunked (no Content-Length): counted as it is read, the same answer.
        byte[] chunked = new byte[5000];
        java.util.Arrays.fill(chunked, (byte) ' ');
        var counted = client.send(java.net.http.HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .header("X-Forwarded-For", "10.2.0.2")
                .timeout(Duration.ofSeconds(60))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunked))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(counted.statusCode()).isEqualTo(413);
        assertThat(new JsonPath(counted.body()).getString("error.details")).isEqualTo("body: at most 4096 bytes, got 5000");
        // At the limit exactly: read and checked as a notice (400 naming the fields, not 413).
        String padded = "{\"description\":\"" + "x".repeat(4096 - 18) + "\"}";
        assertThat(padded.length()).isEqualTo(4096);
        publicClient().contentType(ContentType.JSON).body(padded).post("/notices").then().statusCode(400)
                .body("error.details", containsString("legalBasis: "));
        assertThat(count("SELECT count(*) FROM notice")).isEqualTo(before);
    }

    @Test
    void intakeIsRateLimitedPerClientAddress() {
        String address = "10.99." + ADDRESSES.incrementAndGet() + ".1";
        for (int i = 0; i < 3; i++) {
            fileNotice("abuse", List.of(randomCid().toString()), address).statusCode(201);
        }
        fileNotice("abuse", List.of(randomCid().toString()), address).statusCode(429)
                .header("Retry-After", notNullValue())
                // A whole number of seconds until the bucket (3 per hour, one back every 1200 s) has a notice again.
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                .header("Retry-After", (String value) -> Integer.parseInt(value), org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.greaterThan(1100), org.hamcrest.Matchers.lessThanOrEqualTo(1200)))
                .body("error.reason", equalTo("TOO_MANY_REQUESTS"))
                .body("error.details", containsString("notices: at most 3 per PT1H from one address"));
        fileNotice("abuse", List.of(randomCid().toString())).statusCode(201);
    }

    @Test
    void decisionsNeedAReviewerOrOperatorTokenAndOnlyTheOperatorIssuesThem() {
        String id = fileNotice("dmca", List.of(randomCid().toString())).statusCode(201).extract().path("id");
        given().get("/notices/" + id).then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .body("error.reason", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer pf_wrong").contentType(ContentType.JSON)
                .body(Map.of("decision", "accept", "reason", "x")).post("/notices/" + id + "/decision").then().statusCode(401);
        given().get("/denylist/entries").then().statusCode(401);
        reviewer().get("/admin/tokens").then().statusCode(403).body("error.reason", equalTo("FORBIDDEN"));
        reviewer().contentType(ContentType.JSON).body(Map.of("label", "mallory")).post("/admin/tokens").then().statusCode(403);
        operator().contentType(ContentType.JSON).body(Map.of("label", "x", "role", "tenant")).post("/admin/tokens").then().statusCode(400)
                .body("error.details", containsString("role: must be reviewer or operator"));

        String token = operator().contentType(ContentType.JSON).body(Map.of("label", "short-lived reviewer")).post("/admin/tokens")
                .then().statusCode(201).body("role", equalTo("reviewer")).extract().path("token");
        String tokenId = operator().get("/admin/tokens").then().statusCode(200).extract()
                .path("find { it.label == 'short-lived reviewer' }.id");
        assertThat(strings("SELECT encode(token_hash, 'hex') FROM access_token WHERE id = '" + tokenId + "'"))
                .containsExactly(sha256Hex(token));
        given().header("Authorization", "Bearer " + token).get("/notices/" + id).then().statusCode(200);
        operator().delete("/admin/tokens/" + tokenId).then().statusCode(200).body("revokedAt", notNullValue());
        given().header("Authorization", "Bearer " + token).get("/notices/" + id).then().statusCode(401);
        assertThat(strings("SELECT action FROM audit_record WHERE subject = 'token:" + tokenId + "' ORDER BY seq"))
                .containsExactly("token.issued", "token.revoked");

        operator().contentType(ContentType.JSON).body(Map.of("decision", "accept", "reason", "the operator decides too"))
                .post("/notices/" + id + "/decision").then().statusCode(200).body("decidedBy", containsString("/operator"));
    }

    @Test
    void everyEndpointIsInOpenApiAndTheMetricsAreServed() {
        String document = ManagementPort.given(management).get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String path : List.of("\"/notices\"", "\"/notices/{id}\"", "\"/notices/{id}/decision\"", "\"/notices/{id}/counter-notice\"",
                "\"/notices/{id}/restore\"", "\"/notices/{id}/uphold\"", "\"/denylist/entries\"", "\"/admin/tokens\"", "\"/admin/tokens/{id}\"", "\"/denylist.deny\"")) {
            assertThat(document).contains(path);
        }
        assertThat(document).contains("NoticeSubmission", "\"429\"", "\"413\"", "\"409\"");

        String id = fileNotice("csam", List.of(randomCid().toString())).statusCode(201).extract().path("id");
        accept(id);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = ManagementPort.given(management).get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("pinfold_notices{state=\"accepted\"", "pinfold_notices_time_to_decision_seconds_count{decision=\"accepted\"",
                    "pinfold_denylist_changes_total{change=\"added\"", "pinfold_notices_intake_total{outcome=\"received\"");
            assertThat(metrics).containsPattern("pinfold_denylist_entries(\\{[^}]*\\})? [1-9]");
        });
    }

    @Test
    void theDenyFeedIsAppendOnlyWithNegatedRemovalsAndAnETag() throws Exception {
        io.restassured.response.Response before = given().get("/denylist.deny");
        assertThat(before.statusCode()).isEqualTo(200);
        String etag = before.header("ETag");
        String text = before.asString();
        assertThat(text).startsWith("version: 1\n").contains("\n---\n");
        given().header("If-None-Match", etag).get("/denylist.deny").then().statusCode(304);

        Cid content = randomCid();
        String rule = parser.parse(content.toString()).rule();
        String id = fileNotice("dmca", List.of(content.toString())).statusCode(201).extract().path("id");
        accept(id);
        io.restassured.response.Response blocked = given().header("If-None-Match", etag).get("/denylist.deny");
        assertThat(blocked.statusCode()).isEqualTo(200);
        assertThat(blocked.header("ETag")).isNotEqualTo(etag);
        String blockedText = blocked.asString();
        assertThat(blockedText).startsWith(text).contains("\n" + rule + " notice=" + id + " legal-reason=dmca status=451\n");
        io.pinfold.denylist.ContentRequest request = io.pinfold.denylist.ContentRequest.ipfs(content.toV1().toString(MultibaseEncoding.BASE36), "/any/path");
        assertThat(io.pinfold.denylist.Denylist.read(new java.io.ByteArrayInputStream(blockedText.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .match(request)).hasValueSatisfying(entry -> assertThat(entry.status()).isEqualTo(451));

        restore(id);
        String restoredText = given().get("/denylist.deny").then().statusCode(200).extract().asString();
        assertThat(restoredText).as("append-only: what a follower already has is never rewritten").startsWith(blockedText)
                .endsWith("!" + rule + "\n");
        assertThat(io.pinfold.denylist.Denylist.read(new java.io.ByteArrayInputStream(restoredText.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .match(request)).isEmpty();
        assertThatDatabaseRefuses("UPDATE denylist_feed SET line = '/ipfs/x' WHERE seq = 1");
        assertThatDatabaseRefuses("DELETE FROM denylist_feed");
    }

    /** One HTTP/1.1 answer: its head and the Content-Length bytes after it, as text (without waiting for the connection to close). */
    private static String httpAnswer(java.io.InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        while (!head.toString(java.nio.charset.StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String text = head.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return text + new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void assertThatDatabaseRefuses(String sql) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
            throw new AssertionError("the database accepted: " + sql);
        } catch (SQLException e) {
            assertThat(e.getMessage()).contains("denylist_feed is append-only");
        }
    }

    // --- helpers

    private ValidatableResponse fileNotice(String basis, List<String> targets) {
        return fileNotice(basis, targets, "10.0." + (ADDRESSES.incrementAndGet() % 250) + "." + (1 + ADDRESSES.get() / 250 % 250));
    }

    private ValidatableResponse fileNotice(String basis, List<String> targets, String address) {
        Map<String, Object> body = new HashMap<>();
        body.put("legalBasis", basis);
        body.put("complainant", "Example Rights LLC");
        body.put("contact", "legal@example.com");
        body.put("targets", targets);
        body.put("evidence", List.of("https://evidence.example/case/1"));
        body.put("description", "unlicensed copies");
        body.put("jurisdiction", "US");
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON).body(body).post("/notices").then();
    }

    private RequestSpecification publicClient() {
        return given().header("X-Forwarded-For", "10.1." + (ADDRESSES.incrementAndGet() % 250) + ".1");
    }

    private void accept(String id) {
        reviewer().contentType(ContentType.JSON).body(Map.of("decision", "accept", "reason", "valid"))
                .post("/notices/" + id + "/decision").then().statusCode(200);
    }

    private void restore(String id) {
        reviewer().contentType(ContentType.JSON).body(Map.of("reason", "restored"))
                .post("/notices/" + id + "/restore").then().statusCode(200);
    }

    private static RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + OPERATOR);
    }

    private static synchronized RequestSpecification reviewer() {
        if (reviewerToken == null) {
            reviewerToken = operator().contentType(ContentType.JSON).body(Map.of("label", "test reviewer")).post("/admin/tokens")
                    .then().statusCode(201).extract().path("token");
        }
        return given().header("Authorization", "Bearer " + reviewerToken);
    }

    private static Cid randomCid() {
        byte[] digest = new byte[32];
        RANDOM.nextBytes(digest);
        return Cid.v1(Codec.RAW, Multihash.of(0x12, digest));
    }

    private static String sha256Hex(String token) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, Predicate<ConsumerRecord<String, byte[]>> matching, int count) {
        return TopicRecords.await(topic, matching, count, Duration.ofSeconds(30));
    }

    private List<String> strings(String sql) {
        return new TestSql(database).strings(sql);
    }

    private long count(String sql) {
        return new TestSql(database).count(sql);
    }
}
