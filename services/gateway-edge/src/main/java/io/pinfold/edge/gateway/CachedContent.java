package io.pinfold.edge.gateway;

import io.pinfold.denylist.DenylistEntry;
import io.pinfold.edge.access.AccessLog;
import io.pinfold.edge.cache.CacheFill;
import io.pinfold.edge.cache.CacheKey;
import io.pinfold.edge.cache.CachedAnswer;
import io.pinfold.edge.cache.EdgeCache;
import io.pinfold.edge.denylist.DenylistEntries;
import io.pinfold.ipfs.cid.Cid;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's side of the hot-content cache: which requests and answers it may keep, and hits served in place of
 * the proxy (no upstream slot, no node; access log {@code upstream=cache}).
 *
 * <p>Kept: the 200 answer to a GET of {@code /ipfs/…} (never /ipns: a name may move) that the node marks
 * {@code Cache-Control: … immutable}, whole, within {@code max-object-bytes}, asked without Range, conditional or
 * Cache-Control request headers, and neither a CAR nor a TAR (their bodies carry blocks other than the roots the
 * denylist is asked about; they always go to a node, where the CAR gate checks every block). A HEAD is answered
 * from the GET's entry.
 *
 * <p>Before every hit the denylist is asked again, with the CIDs the node met when the answer was kept (its
 * X-Ipfs-Roots and Etag), exactly as the proxy asks when an answer arrives: an entry published after the answer was
 * kept (on the content, or on a parent directory it was reached through) blocks the hit with the same 410/451 answer,
 * and the entry is dropped. The request's own check ran before (GatewayRoutes).
 */
@ApplicationScoped
public class CachedContent {
    /** The key of a GET that missed, for the fill of its answer. */
    private static final String KEY = "pinfold.cache.key";
    /** Request headers that ask for something else than the stored whole answer: always forwarded. */
    private static final List<String> BYPASS_HEADERS = List.of("Range", "If-Range", "If-None-Match", "If-Match",
            "If-Modified-Since", "If-Unmodified-Since", "Cache-Control");
    /** Response headers not kept: the connection's (RFC 9110 7.6.1), and Date, written fresh on every hit. */
    private static final Set<String> NOT_KEPT = Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
            "upgrade", "proxy-authenticate", "proxy-authorization", "proxy-connection", "date");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final EdgeCache cache;
    private final DenylistEntries denylist;
    private final GatewayAnswers answers;
    private final GatewayMetrics metrics;
    private volatile long dateSecond;
    private volatile String date = "";

    public CachedContent(EdgeCache cache, DenylistEntries denylist, GatewayAnswers answers, GatewayMetrics metrics) {
        this.cache = cache;
        this.denylist = denylist;
        this.answers = answers;
        this.metrics = metrics;
    }

    /**
     * Answers a request (already checked against the denylist itself) from the cache when it holds its answer.
     *
     * @return true when answered (served, or blocked by the roots kept with the entry); false: forward it
     */
    public boolean answer(RoutingContext context, GatewayRequest request) {
        if (!cache.enabled()) {
            return false;
        }
        HttpServerRequest http = context.request();
        CacheKey key = key(http, request);
        if (key == null) {
            cache.count(EdgeCache.Result.BYPASS);
            return false;
        }
        Optional<CachedAnswer> kept = cache.get(key);
        if (kept.isEmpty()) {
            cache.count(EdgeCache.Result.MISS);
            if (http.method() == HttpMethod.GET) {
                context.put(KEY, key);
            }
            return false;
        }
        CachedAnswer answer = kept.get();
        Optional<DenylistEntry> hit = denylist.match(request.content().withAlong(answer.roots()));
        if (hit.isPresent()) {
            cache.count(EdgeCache.Result.BLOCKED);
            cache.invalidate(key);
            metrics.blocked(hit.get().hints().notice().orElse(null), "roots");
            AccessLog.blocked(context, hit.get());
            answers.blocked(context.response(), request.content().toString(), hit.get());
            return true;
        }
        cache.count(EdgeCache.Result.HIT);
        AccessLog.upstream(context, "cache");
        serve(context.response(), http.method() == HttpMethod.HEAD, request, answer);
        return true;
    }

    private void serve(HttpServerResponse response, boolean head, GatewayRequest request, CachedAnswer answer) {
        response.setStatusCode(200);
        MultiMap headers = response.headers();
        for (Map.Entry<String, String> header : answer.headers()) {
            headers.add(header.getKey(), header.getValue());
        }
        if (!headers.contains("X-Ipfs-Path")) {
            headers.set("X-Ipfs-Path", request.requestPath());
        }
        headers.set("Date", date());
        headers.set("Content-Length", Integer.toString(answer.body().length()));
        if (head) {
            response.end();
        } else {
            response.end(answer.body());
        }
    }

    /**
     * A copy into the cache of the answer about to be relayed to a GET that missed, or null when it is not to be kept.
     *
     * @param roots the CIDs the node met resolving it (checked against the denylist already)
     */
    public CacheFill fill(RoutingContext context, HttpClientResponse answer, List<Cid> roots) {
        CacheKey key = context.get(KEY);
        if (key == null || answer.statusCode() != 200 || answer.getHeader("Content-Range") != null) {
            return null;
        }
        String cacheControl = answer.getHeader("Cache-Control");
        String type = answer.getHeader("Content-Type");
        if (cacheControl == null || !cacheControl.toLowerCase(Locale.ROOT).contains("immutable") || type != null && manyBlocks(type)) {
            return null;
        }
        long length = -1;
        String announced = answer.getHeader("Content-Length");
        if (announced != null) {
            try {
                length = Long.parseLong(announced.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        answer.headers().forEach(header -> {
            if (!NOT_KEPT.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(new AbstractMap.SimpleImmutableEntry<>(header.getKey(), header.getValue()));
            }
        });
        Optional<CacheFill> fill = cache.fill(key, headers, roots, length);
        // However the response ends (a failed or cut stream, a client gone), an unfinished copy is dropped and its key freed.
        fill.ifPresent(started -> context.addEndHandler(done -> started.abandon()));
        return fill.orElse(null);
    }

    /** A CAR or TAR: a body of many blocks, of which only the roots would be checked before a hit. */
    private static boolean manyBlocks(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/vnd.ipld.car") || type.startsWith("application/x-tar");
    }

    /** The request's key, or null when it is not to be answered from the cache. */
    static CacheKey key(HttpServerRequest http, GatewayRequest request) {
        if (request.ipns() || request.format() == ResponseFormat.CAR || request.format() == ResponseFormat.TAR
                || http.method() != HttpMethod.GET && http.method() != HttpMethod.HEAD) {
            return null;
        }
        MultiMap headers = http.headers();
        for (String name : BYPASS_HEADERS) {
            if (headers.contains(name)) {
                return null;
            }
        }
        return new CacheKey(request.upstreamUri(), joined(headers, "Accept"), joined(headers, "Accept-Encoding"),
                joined(headers, "Origin"), joined(headers, "Service-Worker"));
    }

    private static String joined(MultiMap headers, String name) {
        List<String> values = headers.getAll(name);
        return values.isEmpty() ? null : values.size() == 1 ? values.get(0) : String.join(",", values);
    }

    /** The HTTP date of now, formatted once a second. */
    private String date() {
        long second = System.currentTimeMillis() / 1000;
        if (second != dateSecond) {
            date = HTTP_DATE.format(Instant.ofEpochSecond(second));
            dateSecond = second;
        }
        return date;
    }
}
