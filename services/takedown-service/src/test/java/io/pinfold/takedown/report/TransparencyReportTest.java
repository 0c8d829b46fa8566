package io.pinfold.takedown.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.takedown.TestSql;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.ManagementPort;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The transparency report adds up against the notices behind it, exactly. Its own fresh database, so every notice in
 * it was posted here through the API and decided through the API; some are then moved back by whole months (and
 * their intake back by a few minutes more, so decision times differ) in SQL, to fill several months. Expected
 * figures are computed here from what the test did and the rows' times, never read from the report's own SQL.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "takedown_report_test"))
class TransparencyReportTest {
    static final String OPERATOR = "pf_test-admin-token-for-takedown-service-tests";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private static final List<String> BASES = List.of("dmca", "abuse", "malware", "csam", "court-order", "other");
    private static final String COMPLAINANT = "Report Test Complainant " + UUID.randomUUID();

    @Inject
    AgroalDataSource database;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    /** What the test did to one notice. */
    record Filed(String id, String basis, String outcome, int targets, int blocked, int monthsBack) {
    }

    @Test
    void theReportAddsUpAgainstTheNoticesPostedAndDecided() {
        String reviewer = operator().contentType(ContentType.JSON).body(Map.of("label", "report test reviewer")).post("/admin/tokens")
                .then().statusCode(201).extract().path("token");
        List<Filed> filed = new ArrayList<>();
        // outcome, targets, months back; the basis cycles through all six.
        Object[][] plan = {
                {"pending", 1, 0}, {"pending", 2, 3},
                {"accepted", 2, 0}, {"accepted", 1, 1}, {"accepted", 3, 3},
                {"partly", 3, 0}, {"partly", 2, 1},
                {"rejected", 1, 0}, {"rejected", 2, 3},
                {"counter-noticed", 1, 1},
                {"restored", 2, 0}, {"restored", 1, 3},
                {"upheld", 2, 1},
        };
        for (int n = 0; n < plan.length; n++) {
            String outcome = (String) plan[n][0];
            int targets = (Integer) plan[n][1];
            String basis = BASES.get(n % BASES.size());
            String id = file(basis, targets);
            int blocked = switch (outcome) {
                case "pending", "rejected" -> 0;
                case "partly" -> 1;
                default -> targets;
            };
            act(reviewer, id, outcome);
            filed.add(new Filed(id, basis, outcome, targets, blocked, (Integer) plan[n][2]));
        }
        // Spread the notices over months: intake and decision move together, by whole months, and intake a few minutes
        // more so that decision times differ (notice n: n × 7 minutes more).
        for (int n = 0; n < filed.size(); n++) {
            Filed notice = filed.get(n);
            execute("UPDATE notice SET received_at = received_at - interval '" + notice.monthsBack() + " months' - interval '" + (n * 7)
                    + " minutes', decided_at = decided_at - interval '" + notice.monthsBack() + " months' WHERE id = '" + notice.id() + "'");
        }

        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        YearMonth from = now.minusMonths(4);
        JsonPath report = given().queryParam("from", from.toString()).queryParam("to", now.toString())
                .get("/reports/transparency").then().statusCode(200).contentType(ContentType.JSON)
                .header("Cache-Control", "public, max-age=60").extract().jsonPath();

        // Expected, per month of intake, from what was done and the rows' times.
        Map<String, List<Filed>> byMonth = new TreeMap<>();
        Map<String, List<Double>> secondsByMonth = new HashMap<>();
        List<Double> allSeconds = new ArrayList<>();
        for (Filed notice : filed) {
            OffsetDateTime received = time("SELECT received_at FROM notice WHERE id = '" + notice.id() + "'");
            String month = YearMonth.from(received.withOffsetSameInstant(ZoneOffset.UTC)).toString();
            byMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(notice);
            if (!notice.outcome().equals("pending")) {
                OffsetDateTime decided = time("SELECT decided_at FROM notice WHERE id = '" + notice.id() + "'");
                double seconds = ChronoUnit.MICROS.between(received, decided) / 1e6;
                secondsByMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(seconds);
                allSeconds.add(seconds);
            }
        }

        List<Map<String, Object>> months = report.getList("months");
        assertThat(months).extracting(m -> m.get("month")).containsExactly(
                from.toString(), from.plusMonths(1).toString(), from.plusMonths(2).toString(), from.plusMonths(3).toString(), now.toString());
        long sumOfMonths = 0;
        for (int i = 0; i < months.size(); i++) {
            String month = (String) months.get(i).get("month");
            List<Filed> expected = byMonth.getOrDefault(month, List.of());
            String path = "months[" + i + "]";
            assertFigures(report, path, expected, secondsByMonth.getOrDefault(month, List.of()));
            sumOfMonths += report.getLong(path + ".notices");
        }
        assertThat(byMonth.keySet()).as("every notice falls in the period").allMatch(month -> !YearMonth.parse(month).isBefore(from));
        assertThat(sumOfMonths).as("sum over the months = total = notices posted").isEqualTo(report.getLong("total.notices")).isEqualTo(filed.size());
        assertFigures(report, "total", filed, allSeconds);
        assertThat(report.getString("total.month")).isEqualTo("total");

        // Entries: every blocked target was a distinct CID, so one entry each; restores removed theirs. Counted in the
        // month it happened: this one.
        long added = filed.stream().mapToLong(Filed::blocked).sum();
        long removed = filed.stream().filter(notice -> notice.outcome().equals("restored")).mapToLong(Filed::blocked).sum();
        assertThat(report.getLong("total.entriesAdded")).isEqualTo(added);
        assertThat(report.getLong("total.entriesRemoved")).isEqualTo(removed);
        assertThat(report.getLong("months[4].entriesAdded")).isEqualTo(added);
        assertThat(report.getLong("months[0].entriesAdded")).isZero();

        // No personal data: not the complainant, the contact, the notice ids or the content.
        String text = given().queryParam("from", from.toString()).get("/reports/transparency").then().statusCode(200).extract().asString();
        assertThat(text).doesNotContain(COMPLAINANT).doesNotContain("legal@example.com");
        filed.forEach(notice -> assertThat(text).doesNotContain(notice.id()));

        // CSV, by Accept and by format=: the same figures, a row per month and a total row.
        String csv = given().header("Accept", "text/csv").queryParam("from", from.toString()).queryParam("to", now.toString())
                .get("/reports/transparency").then().statusCode(200).header("Content-Type", startsWith("text/csv")).extract().asString();
        assertThat(given().queryParam("format", "csv").queryParam("from", from.toString()).queryParam("to", now.toString())
                .get("/reports/transparency").then().statusCode(200).extract().asString()).isEqualTo(csv);
        List<String> lines = csv.lines().toList();
        assertThat(csv).contains("\r\n");
        assertThat(lines).hasSize(1 + 5 + 1);
        List<String> header = List.of(lines.get(0).split(",", -1));
        assertThat(header).startsWith("month", "notices", "basis_dmca").contains("outcome_partly", "outcome_counter_noticed",
                "targets_blocked", "median_decision_seconds", "p90_decision_seconds", "entries_added", "entries_removed");
        for (int row = 1; row < lines.size(); row++) {
            Map<String, String> cells = new LinkedHashMap<>();
            String[] values = lines.get(row).split(",", -1);
            assertThat(values).hasSize(header.size());
            for (int c = 0; c < values.length; c++) {
                cells.put(header.get(c), values[c]);
            }
            String path = row == lines.size() - 1 ? "total" : "months[" + (row - 1) + "]";
            assertThat(cells.get("month")).isEqualTo(report.getString(path + ".month"));
            assertThat(Long.parseLong(cells.get("notices"))).isEqualTo(report.getLong(path + ".notices"));
            assertThat(Long.parseLong(cells.get("basis_court_order"))).isEqualTo(report.getLong(path + ".byLegalBasis.court-order"));
            assertThat(Long.parseLong(cells.get("outcome_partly"))).isEqualTo(report.getLong(path + ".byOutcome.partly"));
            assertThat(Long.parseLong(cells.get("targets_blocked"))).isEqualTo(report.getLong(path + ".targetsBlocked"));
            Object median = report.get(path + ".timeToDecision.medianSeconds");
            if (median == null) {
                assertThat(cells.get("median_decision_seconds")).isEmpty();
            } else {
                // JsonPath reads JSON numbers as floats: equal to the CSV's three decimals within a float's precision.
                assertThat(Double.parseDouble(cells.get("median_decision_seconds"))).isCloseTo(((Number) median).doubleValue(), within(0.001));
            }
        }
    }

    @Test
    void badPeriodsAndFormatsAreNamed() {
        given().queryParam("from", "2026-13").get("/reports/transparency").then().statusCode(400)
                .body("error.details", equalTo("from: must be a month as YYYY-MM, got '2026-13'"));
        given().queryParam("to", "yesterday").get("/reports/transparency").then().statusCode(400)
                .body("error.details", equalTo("to: must be a month as YYYY-MM, got 'yesterday'"));
        given().queryParam("from", "2026-05").queryParam("to", "2026-04").get("/reports/transparency").then().statusCode(400)
                .body("error.details", equalTo("from: must not be after to (2026-04), got 2026-05"));
        given().queryParam("from", "2000-01").queryParam("to", "2026-04").get("/reports/transparency").then().statusCode(400)
                .body("error.details", equalTo("from: a report covers at most 120 months; 2000-01 to 2026-04 is 316"));
        given().queryParam("format", "xml").get("/reports/transparency").then().statusCode(400)
                .body("error.details", equalTo("format: must be json or csv, got 'xml'"));
        // Without from and to: the last twelve months, this one included, all zeros in an empty period.
        JsonPath year = given().queryParam("to", "1999-12").get("/reports/transparency").then().statusCode(200).extract().jsonPath();
        assertThat(year.getString("from")).isEqualTo("1999-01");
        assertThat(year.getList("months")).hasSize(12);
        assertThat(year.getLong("total.notices")).isZero();
        assertThat(year.getMap("total.byOutcome")).containsOnlyKeys("pending", "accepted", "partly", "rejected", "counter-noticed",
                "restored", "upheld");
        assertThat(year.getMap("total.timeToDecision")).containsEntry("decided", 0).containsEntry("medianSeconds", null);

        // Public: no token needed, and described in OpenAPI with both representations.
        String openapi = ManagementPort.given(management).get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("\"/reports/transparency\"").contains("text/csv").contains("TransparencyReport");
    }

    private void assertFigures(JsonPath report, String path, List<Filed> expected, List<Double> seconds) {
        assertThat(report.getLong(path + ".notices")).as(path).isEqualTo(expected.size());
        Map<String, Long> bases = new TreeMap<>();
        BASES.forEach(basis -> bases.put(basis, expected.stream().filter(n -> n.basis().equals(basis)).count()));
        Map<String, Long> outcomes = new TreeMap<>();
        for (String outcome : List.of("pending", "accepted", "partly", "rejected", "counter-noticed", "restored", "upheld")) {
            outcomes.put(outcome, expected.stream().filter(n -> n.outcome().equals(outcome)).count());
        }
        assertThat(longs(report.getMap(path + ".byLegalBasis"))).as(path + " by basis").isEqualTo(bases);
        assertThat(longs(report.getMap(path + ".byOutcome"))).as(path + " by outcome").isEqualTo(outcomes);
        assertThat(bases.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(expected.size());
        assertThat(report.getLong(path + ".targetsRequested")).as(path).isEqualTo(expected.stream().mapToLong(Filed::targets).sum());
        assertThat(report.getLong(path + ".targetsBlocked")).as(path).isEqualTo(expected.stream().mapToLong(Filed::blocked).sum());
        assertThat(report.getLong(path + ".timeToDecision.decided")).as(path).isEqualTo(seconds.size());
        if (seconds.isEmpty()) {
            assertThat((Object) report.get(path + ".timeToDecision.medianSeconds")).isNull();
            assertThat((Object) report.get(path + ".timeToDecision.p90Seconds")).isNull();
        } else {
            assertThat(report.getDouble(path + ".timeToDecision.medianSeconds")).as(path + " median").isCloseTo(percentile(seconds, 0.5), within(0.0011));
            assertThat(report.getDouble(path + ".timeToDecision.p90Seconds")).as(path + " p90").isCloseTo(percentile(seconds, 0.9), within(0.0011));
        }
    }

    /** Continuous percentile, as PostgreSQL's percentile_cont: linear between the two nearest ranks. */
    private static double percentile(List<Double> values, double fraction) {
        List<Double> sorted = values.stream().sorted().toList();
        double rank = fraction * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
    }

    private static Map<String, Long> longs(Map<String, Object> map) {
        Map<String, Long> result = new TreeMap<>();
        map.forEach((key, value) -> result.put(key, ((Number) value).longValue()));
        return result;
    }

    private String file(String basis, int targets) {
        List<String> cids = new ArrayList<>();
        for (int t = 0; t < targets; t++) {
            cids.add(randomCid().toString());
        }
        Map<String, Object> body = new HashMap<>();
        body.put("legalBasis", basis);
        body.put("complainant", COMPLAINANT);
        body.put("contact", "legal@example.com");
        body.put("targets", cids);
        return given().header("X-Forwarded-For", "10.7." + ADDRESSES.incrementAndGet() + ".1").contentType(ContentType.JSON).body(body)
                .post("/notices").then().statusCode(201).extract().path("id");
    }

    private static void act(String reviewer, String id, String outcome) {
        switch (outcome) {
            case "pending" -> { }
            case "accepted" -> post(reviewer, id, "decision", Map.of("decision", "accept", "reason", "valid"));
            case "partly" -> post(reviewer, id, "decision", Map.of("decision", "accept", "targets", List.of(0), "reason", "only the first"));
            case "rejected" -> post(reviewer, id, "decision", Map.of("decision", "reject", "reason", "not infringing"));
            case "counter-noticed" -> {
                post(reviewer, id, "decision", Map.of("decision", "accept", "reason", "valid"));
                post(reviewer, id, "counter-notice", Map.of("statement", "mine", "contact", "owner@example.net"));
            }
            case "restored" -> {
                post(reviewer, id, "decision", Map.of("decision", "accept", "reason", "valid"));
                post(reviewer, id, "restore", Map.of("reason", "mistake"));
            }
            case "upheld" -> {
                post(reviewer, id, "decision", Map.of("decision", "accept", "reason", "valid"));
                post(reviewer, id, "counter-notice", Map.of("statement", "mine", "contact", "owner@example.net"));
                post(reviewer, id, "uphold", Map.of("reason", "counter-notice unfounded"));
            }
            default -> throw new IllegalArgumentException(outcome);
        }
    }

    private static void post(String reviewer, String id, String action, Map<String, Object> body) {
        given().header("Authorization", "Bearer " + reviewer).contentType(ContentType.JSON).body(body)
                .post("/notices/" + id + "/" + action).then().statusCode(200);
    }

    private static RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + OPERATOR);
    }

    private static Cid randomCid() {
        byte[] digest = new byte[32];
        RANDOM.nextBytes(digest);
        return Cid.v1(Codec.RAW, Multihash.of(0x12, digest));
    }

    private void execute(String sql) {
        new TestSql(database).execute(sql);
    }

    private OffsetDateTime time(String sql) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getObject(1, OffsetDateTime.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
