package io.pinfold.takedown.denylist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinfold.runtime.rest.ApiError;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * The denylist as an IPIP-383 compact denylist that Kubo with NOpfs, Rainbow ({@code --denylists}) and any follower
 * can subscribe to. Public, like the gateway it protects; turn on {@code pinfold.denylist.double-hash} so it does
 * not say what it blocks. Streamed a page of lines at a time, never held whole; the ETag is the last line's seq, so
 * a follower asking with If-None-Match gets 304 until something is appended.
 *
 * <p>Byte ranges: the list only grows and a byte once served never changes, so a follower that has N bytes asks for
 * {@code Range: bytes=N-} and gets 206 with what was appended, or 416 (Content-Range {@code bytes * /total}) when
 * nothing was. Each line's end offset is stored with it (V5), so a range costs an index lookup, not a scan.
 */
@Path("/denylist.deny")
@PermitAll
@Tag(name = "Denylist", description = "Entries accepted notices put on the denylist")
public class DenylistFeedResource {
    static final int PAGE = 1000;
    private static final byte[] HEADER = DenylistFeed.header().getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is answered, decided once the last line is known. */
    private record Answer(int status, Map<String, List<String>> headers, Multi<byte[]> body) {
    }

    @GET
    @Produces("text/plain; charset=utf-8")
    @Operation(summary = "The denylist as an append-only IPIP-383 compact denylist (public)",
            description = "A YAML header, then one rule per line with hints notice=, legal-reason= and status=. Removals are "
                    + "appended as negated rules (!), because followers read the list as append-only. ETag and If-None-Match; "
                    + "one byte range per request (Range: bytes=first-last, first-, -suffix), optionally conditional on "
                    + "If-Range with the ETag; several ranges or a malformed Range header are ignored (200).")
    @APIResponse(responseCode = "200", description = "The whole list", headers = {
            @Header(name = "ETag", description = "\"feed-<seq of the last line>\""), @Header(name = "Accept-Ranges", description = "bytes")},
            content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "206", description = "The requested bytes of the list", headers = {
            @Header(name = "Content-Range", description = "bytes first-last/total"), @Header(name = "ETag")},
            content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Nothing appended since the ETag given in If-None-Match")
    @APIResponse(responseCode = "416", description = "The range starts at or after the end of the list (nothing appended "
            + "after the follower's offset); Content-Range: bytes */total",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "500", description = "The database could not be read", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public RestMulti<byte[]> feed(@HeaderParam("If-None-Match") String ifNoneMatch,
            @Parameter(description = "One byte range, e.g. bytes=1024- to read what was appended after the first 1024 bytes")
            @HeaderParam("Range") String range,
            @Parameter(description = "Serve the Range only if the list's ETag is still this one, else the whole list")
            @HeaderParam("If-Range") String ifRange) {
        Uni<Answer> answer = Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                        "SELECT coalesce(max(seq), 0), coalesce(max(body_end), 0) FROM denylist_feed", Object[].class).getSingleResult()))
                .map(last -> answer(((Number) last[0]).longValue(), HEADER.length + ((Number) last[1]).longValue(),
                        ifNoneMatch, range, ifRange));
        return RestMulti.fromUniResponse(answer, Answer::body, Answer::headers, Answer::status);
    }

    static String etag(long upTo) {
        return "\"feed-" + upTo + "\"";
    }

    private static Answer answer(long upTo, long total, String ifNoneMatch, String range, String ifRange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("ETag", List.of(etag(upTo)));
        headers.put("Cache-Control", List.of("no-cache"));
        headers.put("Accept-Ranges", List.of("bytes"));
        if (unchanged(ifNoneMatch, upTo)) {
            return new Answer(304, headers, Multi.createFrom().empty());
        }
        // If-Range: a strong ETag match only (RFC 9110 §13.1.5); a date never matches, since the list has no Last-Modified.
        boolean rangeApplies = ifRange == null || ifRange.strip().equals(etag(upTo));
        Optional<ByteRange.Requested> requested = rangeApplies ? ByteRange.parse(range, total) : Optional.empty();
        if (requested.isEmpty()) {
            return new Answer(200, headers, bytes(0, total, upTo));
        }
        if (requested.get() instanceof ByteRange.Requested.Part part) {
            headers.put("Content-Range", List.of(part.range().contentRange()));
            return new Answer(206, headers, bytes(part.range().first(), part.range().last() + 1, upTo));
        }
        headers.put("Content-Range", List.of("bytes */" + total));
        headers.put("Content-Type", List.of("application/json"));
        return new Answer(416, headers, Multi.createFrom().item(error(
                "range: " + range.strip() + " starts at or after the end of the list (" + total + " bytes); nothing was appended after it")));
    }

    private static byte[] error(String details) {
        try {
            return JSON.writeValueAsBytes(ApiError.of("RANGE_NOT_SATISFIABLE", details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean unchanged(String ifNoneMatch, long upTo) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String value = tag.strip();
            if (value.equals("*") || value.equals(etag(upTo)) || value.equals("W/" + etag(upTo))) {
                return true;
            }
        }
        return false;
    }

    /** Bytes [from, to) of the list (the header, then lines 1..upTo), a page of lines at a time, each page in its own short session. */
    private static Multi<byte[]> bytes(long from, long to, long upTo) {
        Multi<byte[]> head = from < HEADER.length
                ? Multi.createFrom().item(Arrays.copyOfRange(HEADER, (int) from, (int) Math.min(to, HEADER.length)))
                : Multi.createFrom().empty();
        long bodyFrom = Math.max(0, from - HEADER.length);
        long bodyTo = to - HEADER.length;
        if (bodyTo <= bodyFrom) {
            return head;
        }
        // The line holding byte bodyFrom is the first whose end lies beyond it: one lookup on the body_end index.
        Uni<Long> firstSeq = bodyFrom == 0 ? Uni.createFrom().item(1L)
                : Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT coalesce(min(seq), 0) FROM denylist_feed WHERE body_end > :offset", Long.class)
                        .setParameter("offset", bodyFrom).getSingleResult()));
        Multi<byte[]> body = firstSeq.onItem().transformToMulti(first -> {
            if (first == 0) {
                return Multi.createFrom().<byte[]>empty();
            }
            AtomicLong after = new AtomicLong(first - 1);
            return Multi.createBy().repeating()
                    .uni(() -> Panache.withSession(() -> FeedLine.<FeedLine>find("seq > ?1 and seq <= ?2 order by seq", after.get(), upTo)
                            .page(0, PAGE).list()))
                    .whilst(page -> page.size() == PAGE && page.get(page.size() - 1).bodyEnd < bodyTo)
                    .onItem().transform(page -> {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        for (FeedLine line : page) {
                            after.set(line.seq);
                            byte[] text = (line.line + "\n").getBytes(StandardCharsets.UTF_8);
                            long start = line.bodyEnd - text.length;
                            long cutFrom = Math.max(bodyFrom, start);
                            long cutTo = Math.min(bodyTo, line.bodyEnd);
                            if (cutFrom < cutTo) {
                                out.write(text, (int) (cutFrom - start), (int) (cutTo - cutFrom));
                            }
                        }
                        return out.toByteArray();
                    });
        }).select().where(chunk -> chunk.length > 0);
        return Multi.createBy().concatenating().streams(head, body);
    }
}
