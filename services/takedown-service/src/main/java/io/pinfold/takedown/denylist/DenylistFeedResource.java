package io.pinfold.takedown.denylist;

import io.pinfold.runtime.rest.ApiError;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * The denylist as an IPIP-383 compact denylist that Kubo with NOpfs, Rainbow ({@code --denylists}) and any follower
 * can subscribe to. Public, like the gateway it protects; turn on {@code pinfold.denylist.double-hash} so it does
 * not say what it blocks. Streamed a page of lines at a time, never held whole; the ETag is the last line's seq, so
 * a follower asking with If-None-Match gets 304 until something is appended.
 */
@Path("/denylist.deny")
@PermitAll
@Tag(name = "Denylist", description = "Entries accepted notices put on the denylist")
public class DenylistFeedResource {
    static final int PAGE = 1000;

    @GET
    @Produces("text/plain; charset=utf-8")
    @Operation(summary = "The denylist as an append-only IPIP-383 compact denylist (public)",
            description = "A YAML header, then one rule per line with hints notice=, legal-reason= and status=. Removals are "
                    + "appended as negated rules (!), because followers read the list as append-only. ETag and If-None-Match.")
    @APIResponse(responseCode = "200", description = "The whole list", content = @Content(mediaType = "text/plain", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Nothing appended since the ETag given in If-None-Match")
    @APIResponse(responseCode = "500", description = "The database could not be read", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public RestMulti<String> feed(@HeaderParam("If-None-Match") String ifNoneMatch) {
        Uni<Long> last = Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT coalesce(max(seq), 0) FROM denylist_feed", Long.class).getSingleResult()));
        return RestMulti.fromUniResponse(last,
                upTo -> unchanged(ifNoneMatch, upTo) ? Multi.createFrom().empty() : lines(upTo),
                upTo -> Map.of("ETag", List.of(etag(upTo)), "Cache-Control", List.of("no-cache")),
                upTo -> unchanged(ifNoneMatch, upTo) ? 304 : 200);
    }

    static String etag(long upTo) {
        return "\"feed-" + upTo + "\"";
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

    /** The header, then lines 1..upTo, a page at a time, each page in its own short session. */
    private static Multi<String> lines(long upTo) {
        AtomicLong after = new AtomicLong(0);
        Multi<String> body = Multi.createBy().repeating()
                .uni(() -> Panache.withSession(() -> FeedLine.<FeedLine>find("seq > ?1 and seq <= ?2 order by seq", after.get(), upTo)
                        .page(0, PAGE).list()))
                .whilst(page -> page.size() == PAGE)
                .onItem().transform(page -> {
                    StringBuilder text = new StringBuilder();
                    for (FeedLine line : page) {
                        text.append(line.line).append('\n');
                        after.set(line.seq);
                    }
                    return text.toString();
                })
                .select().where(text -> !text.isEmpty());
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(DenylistFeed.header()), body);
    }
}
