package io.pinfold.takedown.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.pinfold.takedown.TestSql;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit trail on real PostgreSQL: append-only in the database, hash-chained, verifiable, never forked. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "takedown_service_test"))
class AuditTrailTest {

    @Inject
    AuditTrail trail;

    @Inject
    AgroalDataSource database;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @BeforeEach
    void emptyTrail() throws SQLException {
        // Only the table's owner with the triggers switched off can empty it: exactly what the tamper tests rely on too.
        asOwnerWithoutTriggers("TRUNCATE audit_record");
    }

    @Test
    void appendedRecordsVerifyAndTheHeadIsTheLastHash() {
        // 7 = the test profile's verify page size: the walk reads one full page, then an empty one.
        AuditRecord last = null;
        for (int i = 1; i <= 7; i++) {
            last = append(entry("notice-" + i, "reason " + i));
        }
        assertThat(last.seq).isEqualTo(7);

        operator().get("/audit/verify").then().statusCode(200)
                .body("verified", equalTo(true))
                .body("records", equalTo(7))
                .body("head", equalTo(HexFormat.of().formatHex(last.hash)))
                .body("brokenAt", nullValue());

        operator().get("/audit?limit=2").then().statusCode(200)
                .body("records.seq", equalTo(List.of(1, 2)))
                .body("records[0].prevHash", equalTo("0".repeat(64)))
                .body("records[0].action", equalTo("notice.received"))
                .body("records[0].details.cid", equalTo("bafkreiexample"))
                .body("next", equalTo(2));
        operator().get("/audit?after=5&limit=2").then().statusCode(200)
                .body("records.seq", equalTo(List.of(6, 7)))
                .body("next", equalTo(7));
        operator().get("/audit?after=6&limit=2").then().statusCode(200)
                .body("records.seq", equalTo(List.of(7)))
                .body("records[0].hash", equalTo(HexFormat.of().formatHex(last.hash)))
                .body("next", nullValue());

        String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("pinfold_audit_appended_total{action=\"notice.received\"")
                .contains("pinfold_audit_verification_seconds_count{outcome=\"verified\"");
    }

    @Test
    void anEmptyTrailVerifiesWithTheGenesisHead() {
        operator().get("/audit/verify").then().statusCode(200)
                .body("verified", equalTo(true)).body("records", equalTo(0)).body("head", equalTo("0".repeat(64)));
    }

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncate() throws SQLException {
        append(entry("notice-1", "first"));
        append(entry("notice-2", "second"));

        assertRefused("UPDATE audit_record SET reason = 'rewritten' WHERE seq = 1", "UPDATE");
        assertRefused("DELETE FROM audit_record WHERE seq = 2", "DELETE");
        assertRefused("TRUNCATE audit_record", "TRUNCATE");
        operator().get("/audit/verify").then().body("verified", equalTo(true)).body("records", equalTo(2));
    }

    @Test
    void aReasonChangedInSqlFailsVerificationAtThatRow() throws SQLException {
        appendFive();
        asOwnerWithoutTriggers("UPDATE audit_record SET reason = 'nothing to see here' WHERE seq = 3");

        operator().get("/audit/verify").then().statusCode(200)
                .body("verified", equalTo(false))
                .body("brokenAt", equalTo(3))
                .body("records", equalTo(3))
                .body("problem", equalTo("hash mismatch"))
                .body("head", nullValue());
        String metrics = management().get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("pinfold_audit_verification_seconds_count{outcome=\"broken\"");
    }

    @Test
    void detailsChangedInSqlFailVerificationAtThatRow() throws SQLException {
        appendFive();
        asOwnerWithoutTriggers("UPDATE audit_record SET details = jsonb_set(details, '{cid}', '\"bafkreiother\"') WHERE seq = 4");

        operator().get("/audit/verify").then().body("verified", equalTo(false)).body("brokenAt", equalTo(4))
                .body("problem", equalTo("hash mismatch"));
    }

    @Test
    void aDeletedMiddleRowFailsVerificationAtTheGap() throws SQLException {
        appendFive();
        asOwnerWithoutTriggers("DELETE FROM audit_record WHERE seq = 3");

        operator().get("/audit/verify").then()
                .body("verified", equalTo(false))
                .body("brokenAt", equalTo(4))
                .body("problem", equalTo("gap before seq 4"));
    }

    @Test
    void swappedPrevHashesFailVerificationAtTheFirstSwappedRow() throws SQLException {
        appendFive();
        asOwnerWithoutTriggers("UPDATE audit_record a SET prev_hash = b.prev_hash FROM audit_record b "
                + "WHERE (a.seq, b.seq) IN ((2, 4), (4, 2))");

        operator().get("/audit/verify").then()
                .body("verified", equalTo(false))
                .body("brokenAt", equalTo(2))
                .body("problem", equalTo("prev_hash does not match seq 1"));
    }

    @Test
    void aRolledBackAppendLeavesNoRecordAndNoGap() {
        append(entry("notice-1", "kept"));
        assertThatThrownBy(() -> onVertx(() -> Panache.withTransaction(
                () -> trail.append(entry("notice-2", "rolled back"))
                        .chain(record -> Uni.createFrom().failure(new IllegalStateException("the notice could not be stored"))))))
                .hasMessageContaining("the notice could not be stored");
        AuditRecord next = append(entry("notice-3", "kept too"));

        assertThat(next.seq).isEqualTo(2);
        operator().get("/audit/verify").then().body("verified", equalTo(true)).body("records", equalTo(2));
        operator().get("/audit").then().body("records.subject", equalTo(List.of("notice-1", "notice-3")));
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> onVertx(() -> Panache.withSession(() -> trail.append(entry("notice-1", "x")))))
                .hasMessageContaining("inside the transaction");
    }

    @Test
    void concurrentAppendersNeverForkTheChain() throws Exception {
        int appenders = 8;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(appenders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int a = 0; a < appenders; a++) {
                String actor = "token:appender-" + a + "/operator";
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        AuditEntry entry = new AuditEntry(actor, AuditAction.DENYLIST_ENTRY_EDITED, "entry-" + i, "edit " + i, Map.of("n", i));
                        onVertx(() -> Panache.withTransaction(() -> trail.append(entry)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> appender : done) {
                appender.get(120, TimeUnit.SECONDS); // any failed append (a duplicate seq, say) fails the test here
            }
        } finally {
            pool.shutdownNow();
        }

        operator().get("/audit/verify").then().body("verified", equalTo(true)).body("records", equalTo(appenders * each));
        assertThat(longs("SELECT seq FROM audit_record ORDER BY seq"))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, appenders * each).boxed().toList());
        assertThat(longs("SELECT count(DISTINCT prev_hash) FROM audit_record")).containsExactly((long) appenders * each);
    }

    @Test
    void theStoredHashIsTheDocumentedByteLayoutComputedByHand() throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("zebra", "last by key, first in the map");
        details.put("a", List.of(1, true));
        details.put("nested", Map.of("y", "ü\n", "x", -5));
        AuditRecord first = append(new AuditEntry("public", AuditAction.NOTICE_RECEIVED, "notice-9", "a \"quoted\" reason", details));
        AuditRecord second = append(entry("notice-10", "second"));

        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT seq, to_char(recorded_at AT TIME ZONE 'UTC', "
                        + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), actor, action, subject, reason, prev_hash, hash FROM audit_record ORDER BY seq")) {
            assertThat(row.next()).isTrue();
            byte[] expected = byHand(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                    row.getString(6), "{\"a\":[1,true],\"nested\":{\"x\":-5,\"y\":\"ü\\n\"},\"zebra\":\"last by key, first in the map\"}",
                    row.getBytes(7));
            assertThat(row.getBytes(7)).isEqualTo(new byte[32]);
            assertThat(row.getBytes(8)).isEqualTo(expected).isEqualTo(first.hash);
            assertThat(row.next()).isTrue();
            assertThat(row.getBytes(7)).isEqualTo(first.hash);
            assertThat(row.getBytes(8)).isEqualTo(second.hash);
        }
    }

    @Test
    void aFixedRecordHasTheHashAnOutsideAuditorComputes() {
        // Computed with Python's hashlib from the layout in the README (see there), not with this code. The time has
        // trailing zeros on purpose: the layout always writes six fraction digits (".120000"), Instant.toString() would not.
        byte[] prev = new byte[32];
        for (int i = 0; i < 32; i++) {
            prev[i] = (byte) i;
        }
        byte[] hash = AuditHash.of(7, java.time.Instant.parse("2026-12-02T10:23:13.120Z"), "token:t-42/reviewer",
                "notice.decided", "notice-0001", "Löschung: \"valid\" notice",
                CanonicalJson.of(Map.of("tags", List.of("a", "b"), "count", 3, "cid", "bafy")), prev);
        assertThat(HexFormat.of().formatHex(hash)).isEqualTo("3e59b0eb3e194fd7679a49b45c12ea3d769fe7059e7c4415fa414376e47a90ed");
    }

    @Test
    void badPagingParametersAreRefusedNamingTheField() {
        operator().get("/audit?after=-1").then().statusCode(400)
                .body("error.reason", equalTo("BAD_REQUEST"))
                .body("error.details", containsString("after: must be between 0 and"));
        operator().get("/audit?after=abc").then().statusCode(400)
                .body("error.details", equalTo("after: must be a whole number, got 'abc'"));
        operator().get("/audit?limit=0").then().statusCode(400)
                .body("error.details", equalTo("limit: must be between 1 and 1000, got 0"));
        operator().get("/audit?limit=5000").then().statusCode(400)
                .body("error.details", equalTo("limit: must be between 1 and 1000, got 5000"));
        operator().get("/audit").then().statusCode(200).body("records", hasSize(0));
    }

    @Test
    void theAuditEndpointsAreInTheOpenApiDocument() {
        management().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/audit'.get.responses.'400'.content.'application/json'.schema.$ref", equalTo("#/components/schemas/Failure"))
                .body("paths.'/audit/verify'.get.responses.'200'.content.'application/json'.schema.$ref",
                        equalTo("#/components/schemas/AuditVerification"));
    }

    private static byte[] byHand(long seq, String recordedAt, String actor, String action, String subject, String reason,
            String canonicalDetails, byte[] prevHash) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (String field : new String[] {"pinfold.audit.v1"}) {
            lengthPrefixed(sha256, field);
        }
        sha256.update(ByteBuffer.allocate(8).putLong(seq).array());
        for (String field : new String[] {recordedAt, actor, action, subject, reason, canonicalDetails}) {
            lengthPrefixed(sha256, field);
        }
        sha256.update(prevHash);
        return sha256.digest();
    }

    private static void lengthPrefixed(MessageDigest sha256, String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha256.update(bytes);
    }

    private void appendFive() {
        for (int i = 1; i <= 5; i++) {
            append(entry("notice-" + i, "reason " + i));
        }
    }

    private AuditRecord append(AuditEntry entry) {
        return onVertx(() -> Panache.withTransaction(() -> trail.append(entry)));
    }

    private static <T> T onVertx(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuditEntry entry(String subject, String reason) {
        // Keys of different lengths: JSONB stores them reordered, so verification must re-canonicalise.
        return new AuditEntry("token:t-1/reviewer", AuditAction.NOTICE_RECEIVED, subject, reason,
                Map.of("cid", "bafkreiexample", "reporter", Map.of("name", "A. Person"), "n", 1));
    }

    private void assertRefused(String sql, String operation) {
        assertThatThrownBy(() -> {
            try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42501");
            assertThat(e.getMessage()).contains("audit_record is append-only: " + operation + " refused");
        });
    }

    private void asOwnerWithoutTriggers(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("ALTER TABLE audit_record DISABLE TRIGGER USER");
            statement.execute(sql);
            statement.execute("ALTER TABLE audit_record ENABLE TRIGGER USER");
            connection.commit();
        }
    }

    private List<Long> longs(String sql) {
        return new TestSql(database).strings(sql).stream().map(Long::valueOf).toList();
    }

    private io.restassured.specification.RequestSpecification management() {
        return io.pinfold.testsupport.quarkus.ManagementPort.given(management);
    }

    /** /audit reads private data: the test profile configures a known operator token. */
    private static io.restassured.specification.RequestSpecification operator() {
        return given().auth().oauth2("pf_test-admin-token-for-takedown-service-tests");
    }

    @Test
    void theTrailIsReadOnlyWithAnOperatorToken() {
        given().get("/audit/verify").then().statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .body("error.reason", equalTo("UNAUTHORIZED"));
        given().get("/audit").then().statusCode(401).body("error.reason", equalTo("UNAUTHORIZED"));
        given().auth().oauth2("pf_not-the-operator-token-at-all").get("/audit").then().statusCode(401);
        operator().get("/audit/verify").then().statusCode(200);
        management().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("securitySchemes"), org.hamcrest.Matchers.containsString("No token, or an unknown one"));
    }
}
