import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load side of bench/pins/run, a single-file program (JDK only: java.net.http) so the bench needs no build of
 * its own. Three commands, each printing one {@code RESULT key=value ...} line per measurement on stdout:
 *
 * <pre>
 *   pin api  API_URL TOKENS_FILE CIDS_FILE C        POST /pins for every CID, C at a time (client w with token w mod n of
 *                                                   the file's tokens, one a line), each one done when the API
 *                                                   reports it pinned (a watcher asks GET /pins?cid=…&status=pinned,failed
 *                                                   for the pins in flight every 10 ms: one request covers up to 10 pins)
 *                                                   before its client posts the next: closed loop, rate = C / latency
 *   pin api-pipelined API_URL TOKENS_FILE CIDS_FILE C   POST /pins for every CID, C POSTs in flight, each client posting
 *                                                   its next as soon as its last is answered (202), never waiting for
 *                                                   pinned; the clock runs from the first POST until the watcher has
 *                                                   seen the last pin pinned (every pin must end pinned: the others
 *                                                   are errors); latency per pin: POST start -> seen pinned
 *   pin raw  KUBO_RPC CIDS_FILE CONCURRENCY         POST /api/v0/pin/add?arg=CID, C at a time (done when Kubo answers)
 *   gen      TENANTS_FILE PER_TENANT BASE_MS OUT_DIR  CSV for COPY: desired_pin.csv and node_pin.csv (see rows below)
 *   list     API_URL TOKENS_FILE PER_TENANT BASE_MS REQUESTS WARMUP   GET /pins with each filter, one at a time
 * </pre>
 *
 * The generated data is a pure function of (tenant name, index, BASE_MS), so {@code list} can name CIDs, names,
 * created times and meta values that exist without reading them back.
 */
public class PinsBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(4)).build();
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Spacing of one tenant's generated pins (created times): 10,000 pins cover ~8 hours. */
    private static final long STEP_MS = 3000;
    private static final String[] WORDS = {"report", "photo", "backup", "dataset", "video"};

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "pin" -> pin(args);
            case "gen" -> gen(args);
            case "list" -> list(args);
            default -> usage();
        }
        System.exit(0);
    }

    private static void usage() {
        System.err.println("usage: PinsBench pin api|api-pipelined API_URL TOKENS_FILE CIDS_FILE C | pin raw KUBO_RPC CIDS_FILE C | "
                + "gen TENANTS_FILE PER_TENANT BASE_MS OUT_DIR | list API_URL TOKENS_FILE PER_TENANT BASE_MS REQUESTS WARMUP");
        System.exit(2);
    }

    // ---------------------------------------------------------------------------------------------- pin throughput

    private static void pin(String[] args) throws Exception {
        if (args[1].equals("api-pipelined")) {
            pipelined(args);
            return;
        }
        boolean api = args[1].equals("api");
        String base = args[2];
        List<String> tokens = api ? Files.readAllLines(Path.of(args[3])).stream().filter(s -> !s.isBlank()).toList() : List.of();
        List<String> cids = Files.readAllLines(Path.of(args[api ? 4 : 3])).stream().filter(s -> !s.isBlank()).toList();
        int concurrency = Integer.parseInt(args[api ? 5 : 4]);
        long[] latencies = new long[cids.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Watcher watcher = api ? new Watcher(base) : null;
        if (watcher != null) {
            watcher.start();
        }
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        CountDownLatch done = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            String token = api ? tokens.get(w % tokens.size()) : null;
            workers.submit(() -> {
                try {
                    int i;
                    while ((i = next.getAndIncrement()) < cids.size()) {
                        String cid = cids.get(i);
                        long t0 = System.nanoTime();
                        try {
                            if (api) {
                                var waiting = watcher.expect(cid, token);
                                HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(base + "/pins"))
                                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"cid\":\"" + cid + "\",\"name\":\"bench-" + i + "\"}")).build());
                                if (posted.statusCode() != 202) {
                                    throw new IOException("POST /pins answered " + posted.statusCode() + ": " + posted.body());
                                }
                                String status = waiting.get(600, TimeUnit.SECONDS);
                                if (!status.equals("pinned")) {
                                    throw new IOException("pin of " + cid + " ended " + status);
                                }
                            } else {
                                HttpResponse<String> added = send(HttpRequest.newBuilder(URI.create(base + "/api/v0/pin/add?arg=" + cid))
                                        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(600)).build());
                                if (added.statusCode() != 200) {
                                    throw new IOException("pin/add answered " + added.statusCode() + ": " + added.body());
                                }
                            }
                            latencies[i] = System.nanoTime() - t0;
                        } catch (Exception e) {
                            latencies[i] = -1;
                            if (watcher != null) {
                                watcher.forget(cid, e); // no longer polled
                            }
                            if (errors.incrementAndGet() <= 5) {
                                System.err.println("error: " + e.getMessage());
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        workers.shutdownNow();
        if (watcher != null) {
            watcher.stop();
        }
        long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        System.out.printf(Locale.ROOT, "RESULT mode=%s pins=%d errors=%d seconds=%.3f rate=%.2f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f polls=%d%n",
                args[1], cids.size(), errors.get(), seconds, ok.length / seconds, percentile(ok, 0.50), percentile(ok, 0.99),
                ok.length == 0 ? 0.0 : ok[ok.length - 1] / 1e6, watcher == null ? 0 : watcher.polls.get());
    }

    /**
     * Pipelined API throughput: C clients post back to back (C POSTs in flight), none waits for pinned; pin-service
     * works through the queue with its node-concurrency. Rate: pins seen pinned / (first POST start -> last seen pinned).
     */
    private static void pipelined(String[] args) throws Exception {
        String base = args[2];
        List<String> tokens = Files.readAllLines(Path.of(args[3])).stream().filter(s -> !s.isBlank()).toList();
        List<String> cids = Files.readAllLines(Path.of(args[4])).stream().filter(s -> !s.isBlank()).toList();
        int concurrency = Integer.parseInt(args[5]);
        long[] latencies = new long[cids.size()];
        Arrays.fill(latencies, -1);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong lastSeen = new java.util.concurrent.atomic.AtomicLong();
        @SuppressWarnings("unchecked")
        java.util.concurrent.CompletableFuture<Void>[] outcomes = new java.util.concurrent.CompletableFuture[cids.size()];
        Watcher watcher = new Watcher(base);
        watcher.start();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        CountDownLatch posted = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            String token = tokens.get(w % tokens.size());
            workers.submit(() -> {
                try {
                    int i;
                    while ((i = next.getAndIncrement()) < cids.size()) {
                        String cid = cids.get(i);
                        int index = i;
                        long t0 = System.nanoTime();
                        var waiting = watcher.expect(cid, token);
                        outcomes[i] = waiting.handle((status, failure) -> {
                            long seen = System.nanoTime();
                            if (failure == null && status.equals("pinned")) {
                                latencies[index] = seen - t0;
                                lastSeen.accumulateAndGet(seen, Math::max);
                            } else if (errors.incrementAndGet() <= 5) {
                                System.err.println("error: " + (failure != null ? failure.getMessage() : "pin of " + cid + " ended " + status));
                            }
                            return null;
                        });
                        try {
                            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/pins"))
                                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"cid\":\"" + cid + "\",\"name\":\"bench-" + i + "\"}")).build());
                            if (answer.statusCode() != 202) {
                                throw new IOException("POST /pins answered " + answer.statusCode() + ": " + answer.body());
                            }
                        } catch (Exception e) {
                            watcher.forget(cid, e);
                        }
                    }
                } finally {
                    posted.countDown();
                }
            });
        }
        posted.await();
        double postSeconds = (System.nanoTime() - start) / 1e9;
        workers.shutdownNow();
        try {
            java.util.concurrent.CompletableFuture.allOf(outcomes).get(600, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            for (String cid : cids) {
                watcher.forget(cid, new IOException("pin of " + cid + " not seen pinned or failed within 600 s"));
            }
            java.util.concurrent.CompletableFuture.allOf(outcomes).join();
        }
        watcher.stop();
        long end = lastSeen.get() == 0 ? System.nanoTime() : lastSeen.get();
        double seconds = (end - start) / 1e9;
        long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        System.out.printf(Locale.ROOT, "RESULT mode=%s pins=%d errors=%d seconds=%.3f rate=%.2f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f polls=%d "
                        + "post_seconds=%.3f max_in_flight=%d%n",
                args[1], cids.size(), errors.get(), seconds, ok.length / seconds, percentile(ok, 0.50), percentile(ok, 0.99),
                ok.length == 0 ? 0.0 : ok[ok.length - 1] / 1e6, watcher.polls.get(), postSeconds, watcher.maxInFlight.get());
    }

    /**
     * Learns when pins in flight are pinned: every 10 ms, for each tenant, one GET /pins?cid=…&status=pinned,failed per
     * 10 of its pins in flight, at most {@link #MAX_REQUESTS} requests a cycle, the oldest pins first (the pipelined mode
     * has hundreds in flight; the rest wait for a later cycle). The API is asked ~100 times a second per 10 pins in
     * flight, so polling does not grow with the concurrency beyond that cap.
     */
    private static final class Watcher {
        private static final int PAGE = 10;
        private static final int MAX_REQUESTS = 20;
        private static final Pattern ENTRY = Pattern.compile("\"status\":\"([a-z]+)\"[^{}]*?\"pin\":\\{\"cid\":\"([a-z0-9]+)\"");

        /** A pin in flight: the token of the tenant that asked, when it was expected (its age), what waits for its end. */
        private record Pending(String token, long order, java.util.concurrent.CompletableFuture<String> outcome) {
        }

        private final String base;
        private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong order = new java.util.concurrent.atomic.AtomicLong();
        private final AtomicInteger polls = new AtomicInteger();
        private final AtomicInteger maxInFlight = new AtomicInteger();
        private volatile boolean running = true;

        Watcher(String base) {
            this.base = base;
        }

        java.util.concurrent.CompletableFuture<String> expect(String cid, String token) {
            var future = new java.util.concurrent.CompletableFuture<String>();
            inFlight.put(cid, new Pending(token, order.getAndIncrement(), future));
            maxInFlight.accumulateAndGet(inFlight.size(), Math::max);
            return future;
        }

        /** Stops watching a pin (its POST failed, or it ran out of time): it ends with {@code failure}. */
        void forget(String cid, Exception failure) {
            Pending pending = inFlight.remove(cid);
            if (pending != null) {
                pending.outcome().completeExceptionally(failure);
            }
        }

        void start() {
            Thread thread = new Thread(() -> {
                while (running) {
                    pages().forEach(page -> poll(page.getKey(), page.getValue()));
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "watcher");
            thread.setDaemon(true);
            thread.start();
        }

        /** This cycle's requests: pages of up to 10 CIDs of one tenant, filled oldest pin first, at most MAX_REQUESTS. */
        private List<Map.Entry<String, List<String>>> pages() {
            List<Map.Entry<String, Pending>> oldestFirst = new ArrayList<>(inFlight.entrySet());
            oldestFirst.sort(java.util.Comparator.comparingLong(e -> e.getValue().order()));
            List<Map.Entry<String, List<String>>> pages = new ArrayList<>();
            Map<String, List<String>> open = new LinkedHashMap<>();
            for (var pin : oldestFirst) {
                String token = pin.getValue().token();
                List<String> page = open.get(token);
                if (page == null) {
                    if (pages.size() == MAX_REQUESTS) {
                        continue; // this tenant has no open page and no request is left: a later cycle
                    }
                    page = new ArrayList<>(PAGE);
                    pages.add(Map.entry(token, page));
                    open.put(token, page);
                }
                page.add(pin.getKey());
                if (page.size() == PAGE) {
                    open.remove(token);
                }
            }
            return pages;
        }

        /** Asks for up to 10 of one tenant's pins; completes those the API reports pinned or failed. */
        private void poll(String token, List<String> cids) {
            try {
                polls.incrementAndGet();
                HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/pins?status=pinned,failed&limit=" + PAGE + "&cid="
                        + String.join(",", cids))).header("Authorization", "Bearer " + token).GET().build());
                Matcher m = ENTRY.matcher(answer.body());
                while (m.find()) {
                    Pending pending = inFlight.remove(m.group(2));
                    if (pending != null) {
                        pending.outcome().complete(m.group(1));
                    }
                }
            } catch (Exception e) {
                System.err.println("watcher: " + e.getMessage());
            }
        }

        void stop() {
            running = false;
        }
    }

    // ------------------------------------------------------------------------------------------------ data for GET /pins

    /** The content of pin {@code i} of {@code tenant}: CIDv1 raw of sha2-256("tenant/i"), and its base32 multihash. */
    static String[] content(String tenant, int i) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest((tenant + "/" + i).getBytes(StandardCharsets.UTF_8));
        byte[] multihash = new byte[34];
        multihash[0] = 0x12;
        multihash[1] = 0x20;
        System.arraycopy(digest, 0, multihash, 2, 32);
        byte[] cid = new byte[36];
        cid[0] = 0x01;
        cid[1] = 0x55;
        System.arraycopy(multihash, 0, cid, 2, 34);
        return new String[]{"b" + base32(cid), base32(multihash)};
    }

    static String base32(byte[] bytes) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0, bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** Pin i's status: 94% pinned, 2% each queued, pinning, failed. */
    static String status(int i) {
        int r = Math.floorMod(i * 7919, 100);
        return r < 2 ? "queued" : r < 4 ? "pinning" : r < 6 ? "failed" : "pinned";
    }

    /** Pin i's name: a word (each of five on 20% of pins, mixed case) and the index; every 1000th also "Invoice". */
    static String name(int i) {
        String word = WORDS[i % WORDS.length];
        if (i % 2 == 0) {
            word = word.toUpperCase(Locale.ROOT);
        }
        return (i % 1000 == 7 ? "Invoice-" : "") + word + "-" + i + ".bin";
    }

    /** Pin i's meta: app_id one of 20 (5% each), batch one of 1000 (0.1% each). */
    static String meta(int i) {
        return "{\"app_id\": \"app-" + (i % 20) + "\", \"batch\": \"b-" + (i % 1000) + "\"}";
    }

    static String pinId(int tenantIndex, int i) {
        return new java.util.UUID(((long) tenantIndex << 32) | i, 0x9e3779b97f4a7c15L ^ i).toString();
    }

    static long created(long baseMs, int tenantIndex, int i) {
        return baseMs + (long) i * STEP_MS + tenantIndex;
    }

    private static void gen(String[] args) throws Exception {
        List<String> tenants = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).toList();
        int perTenant = Integer.parseInt(args[2]);
        long baseMs = Long.parseLong(args[3]);
        Path out = Path.of(args[4]);
        try (BufferedWriter pins = Files.newBufferedWriter(out.resolve("desired_pin.csv"));
             BufferedWriter nodes = Files.newBufferedWriter(out.resolve("node_pin.csv"))) {
            for (int t = 0; t < tenants.size(); t++) {
                String tenant = tenants.get(t);
                for (int i = 0; i < perTenant; i++) {
                    String[] content = content(tenant, i);
                    String pinId = pinId(t, i);
                    String created = MILLIS.format(Instant.ofEpochMilli(created(baseMs, t, i)));
                    String status = status(i);
                    // pin_id, tenant, cid, multihash, name, replication_min, replication_max, requested_at, status, origins, meta, info, status_changed_at
                    pins.write(pinId + "," + tenant + "," + content[0] + "," + content[1] + "," + name(i) + ",1,1," + created + ","
                            + status + ",[],\"" + meta(i).replace("\"", "\"\"") + "\",{}," + created + "\n");
                    if (!status.equals("queued")) {
                        // pin_id, node_id, multihash, cid, wanted, status, attempts, next_attempt_at, allocated_at, updated_at:
                        // settled rows wait at infinity, as the reconciler leaves them.
                        nodes.write(pinId + ",kubo-1," + content[1] + "," + content[0] + ",t," + status + ",0,infinity,"
                                + created + "," + created + "\n");
                    }
                }
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------- GET /pins

    private record Filter(String name, java.util.function.BiFunction<Integer, Random, String> query) {
    }

    private static void list(String[] args) throws Exception {
        String base = args[1];
        List<String[]> tokens = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank()).map(s -> s.split("\t")).toList();
        int perTenant = Integer.parseInt(args[3]);
        long baseMs = Long.parseLong(args[4]);
        int requests = Integer.parseInt(args[5]);
        int warmup = Integer.parseInt(args[6]);
        List<Filter> filters = List.of(
                new Filter("default (status=pinned)", (t, r) -> ""),
                new Filter("status=queued,failed", (t, r) -> "status=queued,failed"),
                new Filter("all statuses, limit=1000", (t, r) -> "status=queued,pinning,pinned,failed&limit=1000"),
                new Filter("name ipartial, 20% match", (t, r) -> "name=" + WORDS[r.nextInt(WORDS.length)].substring(1, 5) + "&match=ipartial"),
                new Filter("name ipartial, 0.1% match", (t, r) -> "name=nvoic&match=ipartial"),
                new Filter("name exact", (t, r) -> "name=" + enc(name(r.nextInt(perTenant)))),
                new Filter("cid (10)", (t, r) -> "status=queued,pinning,pinned,failed&cid=" + String.join(",", cids(tokens.get(t)[0], perTenant, r))),
                new Filter("before (deep page)", (t, r) -> "before=" + at(baseMs, t, 1000 + r.nextInt(perTenant - 1000))),
                new Filter("after+before (1 h)", (t, r) -> {
                    int i = 1200 + r.nextInt(perTenant - 1200);
                    return "after=" + at(baseMs, t, i - 1200) + "&before=" + at(baseMs, t, i);
                }),
                new Filter("meta app_id (5%)", (t, r) -> "meta=" + enc("{\"app_id\":\"app-" + r.nextInt(20) + "\"}")),
                new Filter("meta batch (0.1%)", (t, r) -> "meta=" + enc("{\"batch\":\"b-" + r.nextInt(1000) + "\"}")));
        // Filters take turns, one request each, so a change of the machine's load meets them all alike.
        Random random = new Random(42);
        int kinds = filters.size() + 1; // the last: GET /pins/{requestid}, one row by key, the floor of any request
        long[][] times = new long[kinds][requests];
        long[] matches = new long[kinds];
        int[] errors = new int[kinds];
        for (int n = -warmup; n < requests; n++) {
            for (int f = 0; f < kinds; f++) {
                int t = random.nextInt(tokens.size());
                String path;
                if (f < filters.size()) {
                    String query = filters.get(f).query().apply(t, random);
                    path = "/pins" + (query.isEmpty() ? "" : "?" + query);
                } else {
                    path = "/pins/" + pinId(t, random.nextInt(perTenant));
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + tokens.get(t)[1]).GET().build();
                long t0 = System.nanoTime();
                HttpResponse<String> answer = send(request);
                long elapsed = System.nanoTime() - t0;
                if (n < 0) {
                    continue;
                }
                times[f][n] = elapsed;
                if (answer.statusCode() != 200) {
                    if (++errors[f] <= 3) {
                        System.err.println(path + ": " + answer.statusCode() + " " + answer.body());
                    }
                } else {
                    Matcher m = Pattern.compile("\"count\":(\\d+)").matcher(answer.body());
                    matches[f] += m.find() ? Long.parseLong(m.group(1)) : 1;
                }
            }
        }
        for (int f = 0; f < kinds; f++) {
            Arrays.sort(times[f]);
            System.out.printf(Locale.ROOT, "RESULT filter=\"%s\" requests=%d errors=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f mean_count=%.0f%n",
                    f < filters.size() ? filters.get(f).name() : "floor: GET /pins/{requestid}", requests, errors[f],
                    percentile(times[f], 0.5), percentile(times[f], 0.99), times[f][requests - 1] / 1e6, (double) matches[f] / requests);
        }
    }

    private static List<String> cids(String tenant, int perTenant, Random r) {
        List<String> cids = new ArrayList<>();
        try {
            for (int k = 0; k < 10; k++) {
                cids.add(content(tenant, r.nextInt(perTenant))[0]);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return cids;
    }

    private static String at(long baseMs, int tenantIndex, int i) {
        return MILLIS.format(Instant.ofEpochMilli(created(baseMs, tenantIndex, i)));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // --------------------------------------------------------------------------------------------------------- common

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }
}
