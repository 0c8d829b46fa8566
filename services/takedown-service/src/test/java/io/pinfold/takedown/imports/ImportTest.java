package io.pinfold.takedown.imports;

import static io.pinfold.takedown.imports.Lists.list;
import static io.pinfold.takedown.imports.Lists.operator;
import static io.pinfold.takedown.imports.Lists.reviewer;
import static io.pinfold.takedown.imports.Lists.rules;
import static io.pinfold.takedown.imports.Lists.runNow;
import static io.pinfold.takedown.imports.Lists.source;
import static io.pinfold.takedown.TopicRecords.consumer;
import static io.pinfold.takedown.TopicRecords.latestByKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.pinfold.takedown.TestSql;
import io.pinfold.takedown.TopicRecords;
import io.pinfold.denylist.ContentRequest;
import io.pinfold.denylist.Denylist;
import io.pinfold.denylist.DenylistParser;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.ManagementPort;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imports of outside lists on real PostgreSQL and Kafka, from a real HTTP server on loopback: conditional GETs,
 * entries published on pinfold.denylist (read back from the broker) and in the .deny feed like reviewed entries,
 * a second import adding nothing, removals as tombstones and negated rules, bad lines, refused lists, the lease.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "takedown_service_test"))
class ImportTest {
    static final int ENTRIES = 2000;
    private static ListServer server;
    private final EventCodec codec = new EventCodec();

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    AgroalDataSource database;

    @BeforeAll
    static void startServer() throws Exception {
        server = new ListServer();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void aListTakesEffectOnTheTopicAndTheFeedAndASecondImportOfItAddsNothing() throws Exception {
        String name = "gen-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> rules = rules(1, ENTRIES);
        server.serve("/" + name + ".deny", list(rules));
        source(name, Map.of("url", server.url("/" + name + ".deny")));

        JsonPath first = runNow(name);
        assertThat(first.getString("state")).as(first.prettify()).isEqualTo("completed");
        assertThat(first.getLong("added")).isEqualTo(ENTRIES);
        assertThat(first.getLong("removed")).isZero();
        assertThat(first.getLong("rejected")).isZero();
        assertThat(first.getInt("httpStatus")).isEqualTo(200);
        Set<String> keys = new HashSet<>();
        rules.forEach(rule -> keys.add(DenylistParser.rule(rule).key()));

        // On the topic, each entry once, carrying the source as notice and reason.
        Map<String, ConsumerRecord<String, byte[]>> published = latestByKey(awaitRecords(record -> keys.contains(record.key()), ENTRIES));
        assertThat(published.keySet()).isEqualTo(keys);
        DenylistEntryAdded one = codec.decode(DenylistEntryAdded.class, published.values().iterator().next().value());
        assertThat(one.noticeId()).isEqualTo("import:" + name);
        assertThat(one.reason()).isEqualTo("imported from list " + name);
        assertThat(one.status()).isEqualTo(410);

        // In the .deny feed like reviewed entries; the library's matcher blocks the content.
        String feed = given().get("/denylist.deny").then().statusCode(200).extract().asString();
        Cid first0 = Cid.parse(rules.get(0).substring("/ipfs/".length()));
        assertThat(feed).contains(canonical(rules.get(0)) + " notice=import:" + name + " status=410")
                .contains(canonical(rules.get(1)) + " notice=import:" + name);
        Denylist matcher = Denylist.read(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)));
        assertThat(matcher.match(ContentRequest.parse("/ipfs/" + first0 + "/a/b"))).isPresent();
        reviewer().get("/imports/sources/" + name).then().statusCode(200).body("entries", equalTo(ENTRIES))
                .body("etag", org.hamcrest.Matchers.notNullValue());

        // Audit: who, which source, the counts.
        List<String> audit = strings("SELECT details::text FROM audit_record WHERE action = 'denylist.imported' AND subject = 'import:" + name + "' ORDER BY seq");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).contains("\"added\": " + ENTRIES).contains("\"state\": \"completed\"").contains("\"source\": \"" + name + "\"");
        assertThat(strings("SELECT actor FROM audit_record WHERE action = 'denylist.imported' AND subject = 'import:" + name + "'").get(0))
                .startsWith("token:");

        // Second import: one conditional GET answered 304, nothing published.
        awaitOutboxDrained();
        long feedBefore = count("SELECT coalesce(max(seq), 0) FROM denylist_feed");
        long topicBefore = endOffsets();
        JsonPath second = runNow(name);
        assertThat(second.getString("state")).isEqualTo("not-modified");
        assertThat(second.getInt("httpStatus")).isEqualTo(304);
        assertThat(server.notModifiedAnswers("/" + name + ".deny")).isEqualTo(1);
        assertThat(server.fullAnswers("/" + name + ".deny")).isEqualTo(1);

        // Third: the same list from a server without validators is read whole and still adds nothing.
        server.serve("/" + name + ".deny", list(rules), "text/plain", false);
        JsonPath third = runNow(name);
        assertThat(third.getString("state")).isEqualTo("completed");
        assertThat(third.getLong("added")).isZero();
        assertThat(third.getLong("removed")).isZero();
        assertThat(third.getLong("unchanged")).isEqualTo(ENTRIES);
        awaitOutboxDrained();
        assertThat(count("SELECT coalesce(max(seq), 0) FROM denylist_feed")).isEqualTo(feedBefore);
        assertThat(endOffsets()).isEqualTo(topicBefore);
        assertThat(strings("SELECT details->>'state' FROM audit_record WHERE action = 'denylist.imported' AND subject = 'import:" + name + "' ORDER BY seq"))
                .containsExactly("completed", "not-modified", "completed");
        String metrics = ManagementPort.given(management).get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("pinfold_imports_total\\{[^}]*source=\"" + name + "\"[^}]*state=\"not-modified\"[^}]*\\} 1\\.0")
                .containsPattern("pinfold_imports_entries_total\\{[^}]*change=\"added\"[^}]*source=\"" + name + "\"[^}]*\\} " + ENTRIES + "\\.0");
    }

    @Test
    void linesDroppedFromTheListAreTombstonedAndNegatedAndNewLinesAdded() throws Exception {
        String name = "drop-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> rules = rules(2, 200);
        server.serve("/" + name, list(rules));
        source(name, Map.of("url", server.url("/" + name)));
        assertThat(runNow(name).getLong("added")).isEqualTo(200);

        List<String> dropped = new ArrayList<>(rules.subList(0, 10));
        List<String> next = new ArrayList<>(rules.subList(10, 200));
        List<String> fresh = rules(3, 5);
        next.addAll(fresh);
        server.serve("/" + name, list(next));
        JsonPath run = runNow(name);
        assertThat(run.getLong("added")).isEqualTo(5);
        assertThat(run.getLong("removed")).isEqualTo(10);
        assertThat(run.getLong("unchanged")).isEqualTo(190);

        Set<String> droppedKeys = new HashSet<>();
        dropped.forEach(rule -> droppedKeys.add(DenylistParser.rule(rule).key()));
        Map<String, ConsumerRecord<String, byte[]>> latest = latestByKey(awaitRecords(record -> droppedKeys.contains(record.key()), 20));
        assertThat(latest.values()).allSatisfy(record -> assertThat(record.value()).as("tombstone of %s", record.key()).isNull());

        String feed = given().get("/denylist.deny").then().statusCode(200).extract().asString();
        for (String rule : dropped) {
            assertThat(feed).contains("\n!" + canonical(rule) + "\n");
        }
        Denylist matcher = Denylist.read(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)));
        assertThat(matcher.match(ContentRequest.parse(dropped.get(0)))).isEmpty();
        assertThat(matcher.match(ContentRequest.parse(fresh.get(0)))).isPresent();
        assertThat(matcher.match(ContentRequest.parse(next.get(0)))).isPresent();
        reviewer().get("/imports/sources/" + name).then().statusCode(200).body("entries", equalTo(195));
    }

    @Test
    void anEntryANoticeAlsoHoldsStaysBlockedWhenTheListDropsIt() {
        String name = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        Cid content = Lists.randomCid();
        String key = content.multihash().toBase32();
        String notice = given().header("X-Forwarded-For", "10.77." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250))
                .contentType(ContentType.JSON)
                .body(Map.of("legalBasis", "dmca", "complainant", "Studio", "contact", "legal@studio.example", "targets", List.of(content.toString())))
                .post("/notices").then().statusCode(201).extract().path("id");
        reviewer().contentType(ContentType.JSON).body(Map.of("decision", "accept", "reason", "valid")).post("/notices/" + notice + "/decision")
                .then().statusCode(200);
        server.serve("/" + name, list(List.of("/ipfs/" + content, "/ipfs/" + Lists.randomCid())));
        source(name, Map.of("url", server.url("/" + name)));
        assertThat(runNow(name).getLong("added")).isEqualTo(2);
        server.serve("/" + name, list(List.of("/ipfs/" + Lists.randomCid())));
        JsonPath run = runNow(name);
        assertThat(run.getLong("removed")).isEqualTo(2);

        // notice's entry, the list's, then the notice's again: never a tombstone while the notice holds the key.
        List<ConsumerRecord<String, byte[]>> records = awaitRecords(record -> key.equals(record.key()), 3);
        assertThat(records).allSatisfy(record -> assertThat(record.value()).isNotNull());
        assertThat(codec.decode(DenylistEntryAdded.class, records.get(1).value()).noticeId()).isEqualTo("import:" + name);
        assertThat(codec.decode(DenylistEntryAdded.class, records.get(2).value()).noticeId()).isEqualTo(notice);
        String feed = given().get("/denylist.deny").then().statusCode(200).extract().asString();
        assertThat(feed).contains(canonical("/ipfs/" + content) + " notice=import:" + name).doesNotContain("!" + canonical("/ipfs/" + content));
    }

    @Test
    void badLinesAreReportedWithTheirNumbersAndTheRestIsImported() {
        String name = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> good = rules(4, 20);
        String text = "version: 1\n---\n" + good.get(0) + "\n" + "/ipfs/not-a-cid\n" + good.get(1) + "\n# a comment\n"
                + "ipfs/" + good.get(2).substring(6) + "\n" + String.join("\n", good.subList(2, 20)) + "\n//zz\n";
        server.serve("/" + name, text);
        source(name, Map.of("url", server.url("/" + name)));
        JsonPath run = runNow(name);
        assertThat(run.getString("state")).isEqualTo("completed");
        assertThat(run.getLong("added")).isEqualTo(20);
        assertThat(run.getLong("rejected")).isEqualTo(3);
        JsonPath lines = reviewer().get("/imports/runs/" + run.getString("id") + "/bad-lines").then().statusCode(200).extract().jsonPath();
        assertThat(lines.getList("badLines.line", Integer.class)).containsExactly(4, 7, 26);
        assertThat(lines.getString("badLines[0].text")).isEqualTo("/ipfs/not-a-cid");
        assertThat(lines.getString("badLines[1].reason")).contains("a rule starts with /ipfs/, /ipns/ or //");
        assertThat(lines.getString("badLines[2].reason")).contains("double hash");
    }

    @Test
    void aFileThatIsNotADenylistIsRefusedNamingTheRuleAndNothingChanges() {
        String name = "notlist-" + UUID.randomUUID().toString().substring(0, 8);
        server.serve("/" + name, list(rules(5, 10)));
        source(name, Map.of("url", server.url("/" + name)));
        assertThat(runNow(name).getLong("added")).isEqualTo(10);
        long feed = count("SELECT coalesce(max(seq), 0) FROM denylist_feed");

        server.serve("/" + name, "<!doctype html><html><body>Moved</body></html>", "text/html", true);
        assertRefused(name, "html", "text/html");
        server.serve("/" + name, "\n  <html><body>Moved</body></html>", "text/plain", true);
        assertRefused(name, "html", "starts with '<'");
        StringBuilder prose = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            prose.append("Line ").append(i).append(" of a novel, not a rule.\n");
        }
        server.serve("/" + name, prose.toString());
        assertRefused(name, "no-rules", "first 100 rule lines are all bad, e.g. line 1:");
        server.serve("/" + name, "version: 1\n---\n# nothing here\n");
        assertRefused(name, "empty", "no rules");
        server.serve("/" + name, "version: [1\n---\n" + rules(5, 10).get(0) + "\n");
        assertRefused(name, "header", "header is not valid YAML");
        server.serve("/" + name, "/ipfs/\u0000\u0001binary");
        assertRefused(name, "not-text", "NUL");

        assertThat(count("SELECT coalesce(max(seq), 0) FROM denylist_feed")).isEqualTo(feed);
        reviewer().get("/imports/sources/" + name).then().statusCode(200).body("entries", equalTo(10));
    }

    @Test
    void anUploadedListIsImportedLikeAFetchedOne() {
        String name = "upload-" + UUID.randomUUID().toString().substring(0, 8);
        source(name, Map.of());
        List<String> rules = rules(6, 50);
        String id = reviewer().contentType(ContentType.TEXT).body(list(rules)).post("/imports/sources/" + name + "/upload")
                .then().statusCode(202).body("trigger", equalTo("upload")).extract().path("id");
        JsonPath run = Lists.awaitRun(id, Duration.ofSeconds(60));
        assertThat(run.getString("state")).isEqualTo("completed");
        assertThat(run.getLong("added")).isEqualTo(50);
        reviewer().post("/imports/sources/" + name + "/run").then().statusCode(400).body("error.details", containsString("url: source " + name + " has no url"));
        reviewer().get("/imports/runs?source=" + name).then().statusCode(200).body("runs.id", equalTo(List.of(id)));
    }

    @Test
    void onlyOneRunHoldsASourceAndTheScheduleRunsDueSources() {
        String name = "sched-" + UUID.randomUUID().toString().substring(0, 8);
        server.serve("/" + name, list(rules(7, 30)));
        // Another copy holds the lease: no run here, on demand or by schedule.
        source(name, Map.of("url", server.url("/" + name)));
        String other = UUID.randomUUID().toString();
        execute("UPDATE import_source SET lease_owner = '" + other + "', lease_expires_at = now() + interval '1 hour' WHERE name = '" + name + "'");
        operator().contentType(ContentType.JSON).body(Map.of("url", server.url("/" + name), "intervalSeconds", 3600))
                .put("/imports/sources/" + name).then().statusCode(200).body("runningRun", equalTo(other));
        reviewer().post("/imports/sources/" + name + "/run").then().statusCode(409)
                .body("error.details", containsString("run " + other));
        try {
            Thread.sleep(2500);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(count("SELECT count(*) FROM import_run r JOIN import_source s ON s.id = r.source_id WHERE s.name = '" + name + "'")).isZero();
        // The lease expires (that copy died): the schedule runs the source, once.
        execute("UPDATE import_source SET lease_expires_at = now() - interval '1 second' WHERE name = '" + name + "'");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reviewer().get("/imports/runs?source=" + name).then().statusCode(200)
                .body("runs.state", equalTo(List.of("completed"))).body("runs.trigger", equalTo(List.of("schedule")))
                .body("runs.actor", equalTo(List.of("system:import-schedule"))).body("runs.added", equalTo(List.of(30))));
        reviewer().get("/imports/sources/" + name).then().body("runningRun", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aServerThatStallsMidBodyFailsTheRunWhichLetsGoOfTheSourceAndTheNextRunImportsTheList() {
        String name = "stall-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> rules = rules(13, ENTRIES);
        String text = list(rules);
        int half = text.length() / 2;
        server.serveStalling("/" + name, text, half);
        source(name, Map.of("url", server.url("/" + name)));

        long started = System.nanoTime();
        JsonPath stalled = runNow(name, Duration.ofSeconds(120));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(stalled.getString("state")).as(stalled.prettify()).isEqualTo("failed");
        assertThat(stalled.getString("problem")).as(stalled.prettify())
                .startsWith("GET " + server.url("/" + name) + ": the server sent nothing for 10 s (pinfold.imports.read-timeout) after ")
                .endsWith(" bytes of the body; the run stops");
        assertThat(took).as("the %test read timeout is 10 s").isGreaterThanOrEqualTo(Duration.ofSeconds(10)).isLessThan(Duration.ofSeconds(100));
        assertThat(stalled.getLong("added")).isZero();
        assertThat(stalled.getLong("bytesRead")).isLessThanOrEqualTo(half);
        // The source is free again, holds nothing, and keeps no validators from the failed run.
        reviewer().get("/imports/sources/" + name).then().statusCode(200).body("runningRun", org.hamcrest.Matchers.nullValue())
                .body("entries", equalTo(0)).body("etag", org.hamcrest.Matchers.nullValue());
        assertThat(count("SELECT count(*) FROM import_source WHERE name = '" + name + "' AND lease_owner IS NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_record WHERE action = 'denylist.imported' AND subject = 'import:" + name
                + "' AND reason LIKE 'import failed: GET %pinfold.imports.read-timeout%' AND details->>'state' = 'failed'")).isEqualTo(1);

        // The server recovers: the next run reads the list whole and takes it.
        server.serve("/" + name, text);
        JsonPath next = runNow(name);
        assertThat(next.getString("state")).as(next.prettify()).isEqualTo("completed");
        assertThat(next.getLong("added")).isEqualTo(ENTRIES);
        assertThat(next.getInt("httpStatus")).isEqualTo(200);
        reviewer().get("/imports/sources/" + name).then().statusCode(200).body("entries", equalTo(ENTRIES))
                .body("runningRun", org.hamcrest.Matchers.nullValue());
        assertThat(server.fullAnswers("/" + name)).isEqualTo(2);
    }

    @Test
    void importEndpointsNeedTheRightTokenAndNameBadFields() {
        given().get("/imports/sources").then().statusCode(401);
        given().post("/imports/sources/x/run").then().statusCode(401);
        reviewer().contentType(ContentType.JSON).body(Map.of()).put("/imports/sources/x").then().statusCode(403);
        operator().contentType(ContentType.JSON).body(Map.of("url", "ftp://example.org/l", "intervalSeconds", 5, "status", 451, "legalReason", "Bad Reason"))
                .put("/imports/sources/x").then().statusCode(400)
                .body("error.details", containsString("url: an absolute http or https URL is required"))
                .body("error.details", containsString("intervalSeconds: must be between 60"))
                .body("error.details", containsString("legalReason:"));
        operator().contentType(ContentType.JSON).body(Map.of()).put("/imports/sources/Not Valid").then().statusCode(400)
                .body("error.details", containsString("name:"));
        reviewer().post("/imports/sources/no-such-source/run").then().statusCode(404);
        reviewer().get("/imports/runs/" + UUID.randomUUID()).then().statusCode(404);
        reviewer().get("/imports/runs?limit=0").then().statusCode(400).body("error.details", containsString("limit:"));
        String openapi = ManagementPort.given(management).get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String path : List.of("/imports/sources", "/imports/sources/{name}", "/imports/sources/{name}/run",
                "/imports/sources/{name}/upload", "/imports/runs", "/imports/runs/{id}", "/imports/runs/{id}/bad-lines")) {
            assertThat(openapi).contains("\"" + path + "\"");
        }
    }

    /** The rule as Pinfold writes it (sha2-256 content as CIDv0). */
    private static String canonical(String rule) {
        return DenylistParser.rule(rule).rule();
    }

    private void assertRefused(String name, String rule, String why) {
        JsonPath run = runNow(name);
        assertThat(run.getString("state")).as(run.prettify()).isEqualTo("refused");
        assertThat(run.getString("refusalRule")).isEqualTo(rule);
        assertThat(run.getString("problem")).contains(why);
        assertThat(run.getLong("added") + run.getLong("removed")).isZero();
    }

    private void awaitOutboxDrained() {
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM outbox_event") == 0);
    }

    private static long endOffsets() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor("pinfold.denylist").stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(info.topic(), info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> awaitRecords(Predicate<ConsumerRecord<String, byte[]>> matching, int count) {
        return TopicRecords.await("pinfold.denylist", matching, count, Duration.ofSeconds(60));
    }

    private List<String> strings(String sql) {
        return new TestSql(database).strings(sql);
    }

    private long count(String sql) {
        return new TestSql(database).count(sql);
    }

    private void execute(String sql) {
        new TestSql(database).execute(sql);
    }
}
