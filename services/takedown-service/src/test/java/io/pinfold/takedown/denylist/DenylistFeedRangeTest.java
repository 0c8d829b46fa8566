package io.pinfold.takedown.denylist;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.pinfold.denylist.ContentRequest;
import io.pinfold.denylist.Denylist;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.takedown.TestSql;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Byte ranges of GET /denylist.deny over real HTTP (java.net.http, no test client in between): a follower resumes
 * and tails the append-only feed. Same app and database as NoticeWorkflowTest, so the feed holds its lines too;
 * every expectation is a slice of the whole list fetched in the same state.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "takedown_service_test"))
class DenylistFeedRangeTest {
    static final String OPERATOR = "pf_test-admin-token-for-takedown-service-tests";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/denylist.deny")
    URL feed;

    @Inject
    AgroalDataSource database;

    @Test
    void aFollowerResumesAndTailsTheFeedWithByteRanges() throws Exception {
        String reviewer = given().header("Authorization", "Bearer " + OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("label", "range test reviewer")).post("/admin/tokens").then().statusCode(201).extract().path("token");
        Cid first = randomCid();
        // A path with non-ASCII letters, written percent-encoded in the list (lines are ASCII: punycode, %XX).
        accept(reviewer, List.of(first.toString(), first + "/films/café-naïve-€.mp4"));

        HttpResponse<byte[]> whole = get(Map.of());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
        byte[] list = whole.body();
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        int total = list.length;

        // Every kind of single range, including ones inside the header, across its end, across lines and inside one.
        int headerEnd = indexOf(list, "---\n".getBytes(StandardCharsets.UTF_8)) + 4;
        assertThat(headerEnd).isGreaterThan(4);
        int[][] ranges = {{0, 0}, {0, 9}, {5, 200}, {headerEnd - 2, headerEnd + 2}, {headerEnd, headerEnd}, {total - 1, total - 1}, {0, total - 1}};
        for (int[] range : ranges) {
            assertPart("bytes=" + range[0] + "-" + range[1], list, range[0], range[1], etag);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 40; round++) {
            int from = random.nextInt(total);
            int to = from + random.nextInt(total - from);
            assertPart("bytes=" + from + "-" + to, list, from, to, etag);
        }
        assertPart("bytes=" + (total - 10) + "-", list, total - 10, total - 1, etag);
        assertPart("bytes=-25", list, total - 25, total - 1, etag);
        assertPart("bytes=-" + (total + 1000), list, 0, total - 1, etag);
        assertPart("bytes=10-" + (total + 1000), list, 10, total - 1, etag);

        // Nothing after the follower's offset: 416 naming the length, in the error shape.
        HttpResponse<byte[]> none = get(Map.of("Range", "bytes=" + total + "-"));
        assertThat(none.statusCode()).isEqualTo(416);
        assertThat(none.headers().firstValue("Content-Range")).contains("bytes */" + total);
        assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(new String(none.body(), StandardCharsets.UTF_8)).contains("RANGE_NOT_SATISFIABLE")
                .contains("range: bytes=" + total + "- starts at or after the end of the list (" + total + " bytes)");
        assertThat(get(Map.of("Range", "bytes=-0")).statusCode()).isEqualTo(416);

        // Several ranges or a malformed header: ignored, the whole list.
        for (String ignored : List.of("bytes=0-1,5-6", "bytes=9-3", "items=0-5", "bytes=a-b", "bytes=+1-5")) {
            HttpResponse<byte[]> answer = get(Map.of("Range", ignored));
            assertThat(answer.statusCode()).as(ignored).isEqualTo(200);
            assertThat(answer.body()).as(ignored).isEqualTo(list);
        }

        // The feed grows: the follower asks for what came after its bytes and gets exactly that.
        Cid second = randomCid();
        accept(reviewer, List.of(second.toString()));
        HttpResponse<byte[]> tail = get(Map.of("Range", "bytes=" + total + "-"));
        assertThat(tail.statusCode()).isEqualTo(206);
        String newEtag = tail.headers().firstValue("ETag").orElseThrow();
        assertThat(newEtag).isNotEqualTo(etag);
        byte[] grown = get(Map.of()).body();
        assertThat(tail.headers().firstValue("Content-Range")).contains("bytes " + total + "-" + (grown.length - 1) + "/" + grown.length);
        byte[] resumed = concat(list, tail.body());
        assertThat(resumed).isEqualTo(grown);
        Denylist followed = Denylist.read(new ByteArrayInputStream(resumed));
        assertThat(followed.match(ContentRequest.ipfs(second.toString(), ""))).isPresent();
        assertThat(followed.match(ContentRequest.ipfs(first.toString(), "/films/café-naïve-€.mp4"))).isPresent();

        // If-Range: the range only while the list is still the one the follower knows, else the whole list.
        HttpResponse<byte[]> stale = get(Map.of("Range", "bytes=0-9", "If-Range", etag));
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(grown);
        HttpResponse<byte[]> current = get(Map.of("Range", "bytes=0-9", "If-Range", newEtag));
        assertThat(current.statusCode()).isEqualTo(206);
        assertThat(current.body()).isEqualTo(Arrays.copyOfRange(grown, 0, 10));
        assertThat(get(Map.of("Range", "bytes=0-9", "If-Range", "W/" + newEtag)).statusCode()).as("a weak tag never matches").isEqualTo(200);
        assertThat(get(Map.of("Range", "bytes=0-9", "If-Range", "Sun, 06 Dec 2026 10:00:00 GMT")).statusCode()).isEqualTo(200);
        // If-None-Match still wins: nothing new, 304.
        assertThat(get(Map.of("Range", "bytes=0-9", "If-None-Match", newEtag)).statusCode()).isEqualTo(304);

        // Every stored end offset is the running sum of the lines' UTF-8 bytes and line breaks.
        assertThat(count("SELECT count(*) FROM (SELECT body_end, sum(octet_length(line) + 1) OVER (ORDER BY seq) AS expected"
                + " FROM denylist_feed) lines WHERE body_end <> expected")).isZero();
    }

    private void assertPart(String range, byte[] list, int from, int to, String etag) throws Exception {
        HttpResponse<byte[]> part = get(Map.of("Range", range));
        assertThat(part.statusCode()).as(range).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).as(range).contains("bytes " + from + "-" + to + "/" + list.length);
        assertThat(part.headers().firstValue("ETag")).as(range).contains(etag);
        assertThat(part.body()).as(range).isEqualTo(Arrays.copyOfRange(list, from, to + 1));
    }

    private HttpResponse<byte[]> get(Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(feed.toString()));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void accept(String reviewer, List<String> targets) {
        Map<String, Object> body = new HashMap<>();
        body.put("legalBasis", "dmca");
        body.put("complainant", "Range Test LLC");
        body.put("contact", "legal@example.com");
        body.put("targets", targets);
        String id = given().header("X-Forwarded-For", "10.9." + ADDRESSES.incrementAndGet() + ".1").contentType(ContentType.JSON)
                .body(body).post("/notices").then().statusCode(201).extract().path("id");
        given().header("Authorization", "Bearer " + reviewer).contentType(ContentType.JSON)
                .body(Map.of("decision", "accept", "reason", "valid")).post("/notices/" + id + "/decision").then().statusCode(200);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Cid randomCid() {
        byte[] digest = new byte[32];
        RANDOM.nextBytes(digest);
        return Cid.v1(Codec.RAW, Multihash.of(0x12, digest));
    }

    private long count(String sql) {
        return new TestSql(database).count(sql);
    }
}
