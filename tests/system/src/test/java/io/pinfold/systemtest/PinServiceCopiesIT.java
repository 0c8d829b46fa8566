package io.pinfold.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventMetadata;
import io.pinfold.events.EventType;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.systemtest.http.JsonHttp;
import io.pinfold.systemtest.kubo.KuboCallRecorder;
import io.pinfold.systemtest.kubo.KuboRpc;
import io.pinfold.systemtest.process.ServiceProcess;
import io.pinfold.systemtest.tracing.SpanTree;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.postgres.Postgres;
import io.pinfold.testsupport.tracing.JaegerQuery;
import io.pinfold.testsupport.tracing.Trace;
import io.pinfold.testsupport.tracing.TraceSpan;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two pin-service copies as real processes on one database and broker, reconciling two real Kubo nodes. Each node
 * sits behind a {@link KuboCallRecorder}, so the test sees from the node's side every pin/add either copy sent, and
 * when it ran. First one pin's trace is followed from the POST to the Kubo call; then 1,000 pins (half over REST,
 * half as pin.requested events) are put in flight and one copy is killed with SIGKILL half-way and started again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PinServiceCopiesIT {
    private static final int PINS = 1_000;
    private static final int BLOCK_BYTES = 1_536;
    private static final int REST_CLIENTS = 8;
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final String TENANT = "crash";
    /**
     * Short lease and Kafka session so the survivor takes the killed copy's nodes and partitions over in seconds, not
     * the production 15 s and 45 s; a retry soon after a crash, so rows the killed copy was pinning come due at once.
     */
    private static final Map<String, String> COPY_SETTINGS = Map.of(
            "pinfold.reconcile.lease-ttl", "5s",
            "pinfold.reconcile.initial-backoff", "300ms",
            "pinfold.reconcile.max-backoff", "2s",
            "mp.messaging.incoming.pins.session.timeout.ms", "6000",
            "mp.messaging.incoming.pins.heartbeat.interval.ms", "1000");

    private static final JsonHttp http = new JsonHttp();
    private static final SecureRandom random = new SecureRandom();
    private static PinfoldSystem system;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static final List<KuboCallRecorder> recorders = new ArrayList<>();
    /** node id → the Kubo node behind it. */
    private static final Map<String, KuboNode> nodes = new HashMap<>();
    private static String tenantToken;

    @BeforeAll
    static void startTwoCopiesAndRegisterTheNodes() {
        Instant start = Instant.now();
        system = PinfoldSystem.startPinCopies(logDirectory(), 2, COPY_SETTINGS);
        first = system.pinCopies().get(0);
        second = system.pinCopies().get(1);
        JsonHttp operator = http.withBearer(system.adminToken());
        for (int n = 1; n <= 2; n++) {
            KuboNode kubo = system.kubo().node(n);
            KuboCallRecorder recorder = KuboCallRecorder.inFrontOf(kubo.rpcUrl());
            recorders.add(recorder);
            String id = "copies-" + system.runId() + "-" + n;
            nodes.put(id, kubo);
            JsonHttp.Answer registered = operator.post(first.baseUrl() + "/nodes",
                    Map.of("id", id, "rpcUrl", recorder.url(), "gatewayUrl", kubo.gateway()));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        }
        JsonHttp.Answer tenant = operator.post(first.baseUrl() + "/admin/tenants", Map.of("name", TENANT));
        assertThat(tenant.status()).as(tenant.toString()).isEqualTo(201);
        JsonHttp.Answer token = operator.post(first.baseUrl() + "/admin/tenants/" + tenant.json().path("id").asText() + "/tokens",
                Map.of("label", "system test"));
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        tenantToken = token.json().path("token").asText();
        System.err.printf("system test %s: two pin-service copies ready and nodes registered in %d ms%n", system.runId(),
                Duration.between(start, Instant.now()).toMillis());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        recorders.forEach(KuboCallRecorder::close);
    }

    @Test
    @Order(1)
    void oneTraceRunsFromPostPinsThroughTheOutboxToTheReconcilersKuboPinAdd() throws SQLException {
        Instant start = Instant.now();
        String cid = new KuboRpc(system.kubo().first().rpcUrl()).putRawBlocks(List.of(randomBytes())).get(0);
        JsonHttp.Answer posted = http.withBearer(tenantToken).post(first.baseUrl() + "/pins", Map.of("cid", cid, "name", "traced"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(202);
        String pinId = posted.json().path("requestid").asText();
        await("pin " + pinId + " pinned").atMost(SETTLE).until(() -> "pinned".equals(status(pinId)));

        JaegerQuery jaeger = system.jaeger().query();
        String traceId = jaeger.awaitTrace("pin-service", "POST /pins",
                candidate -> candidate.spans().stream().anyMatch(span -> pinId.equals(span.tags().get("pinfold.pin.id"))),
                SETTLE).traceId();
        // The reconciler's spans end after the POST's: wait until both nodes' pin adds and their reconcile spans are in the trace.
        AtomicReference<SpanTree> tree = new AtomicReference<>();
        await("kubo pin/add spans of " + pinId + " in trace " + traceId).atMost(SETTLE).untilAsserted(() -> {
            Trace trace = jaeger.trace(traceId).orElseThrow();
            tree.set(new SpanTree(trace));
            assertThat(named(tree.get().spansOf("pin-service", "client"), "kubo pin/add")).as(tree.get().describe())
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(tree.get().spansOf("pin-service", "producer")).as(tree.get().describe()).isNotEmpty();
            // each pin/add's 'reconcile pin' span ends (and is exported) after it: wait until every chain is whole
            for (TraceSpan pinAdd : named(tree.get().spansOf("pin-service", "client"), "kubo pin/add")) {
                assertThat(tree.get().ancestors(pinAdd)).as("pin/add leads back to a root\n%s", tree.get().describe())
                        .anySatisfy(span -> assertThat(span.operationName()).isEqualTo("reconcile pin"));
            }
        });
        SpanTree spans = tree.get();
        assertThat(spans.roots()).as(spans.describe()).hasSize(1);
        TraceSpan root = spans.roots().get(0);
        assertThat(root.operationName()).as(spans.describe()).isEqualTo("POST /pins");
        assertThat(root.tags()).as(spans.describe()).containsEntry("span.kind", "server");

        List<TraceSpan> published = spans.spansOf("pin-service", "producer").stream()
                .filter(span -> span.operationName().equals("pinfold.pins publish")).toList();
        assertThat(published).as("the outbox relay's publish of pin.requested\n%s", spans.describe()).isNotEmpty();
        published.forEach(span -> assertThat(spans.ancestors(span)).as(spans.describe()).last().isEqualTo(root));
        for (TraceSpan pinAdd : named(spans.spansOf("pin-service", "client"), "kubo pin/add")) {
            List<TraceSpan> ancestors = spans.ancestors(pinAdd);
            assertThat(ancestors).as("pin/add leads back to the POST\n%s", spans.describe()).last().isEqualTo(root);
            assertThat(ancestors).as("pin/add runs inside the row's reconcile span\n%s", spans.describe())
                    .anySatisfy(span -> assertThat(span.operationName()).isEqualTo("reconcile pin"));
            assertThat(pinAdd.tags()).as(spans.describe()).containsEntry("pinfold.cid", cid);
        }
        System.err.printf("system test %s: trace %s of POST /pins → outbox publish → reconcile → kubo pin/add on 2 nodes, %d spans, %d ms%n",
                system.runId(), traceId, spans.describe().lines().count() - 1, Duration.between(start, Instant.now()).toMillis());
    }

    @Test
    @Order(2)
    void aCopyKilledWith1000PinsInFlightLosesNoneDoublesNoneAndNoPinAddRunsTwiceAtOnce() throws Exception {
        Instant start = Instant.now();
        List<String> cids = storeContent();
        Instant stored = Instant.now();
        String source = "/system-test/ingest-" + system.runId();
        ExecutorService clients = Executors.newFixedThreadPool(REST_CLIENTS);
        List<Future<JsonHttp.Answer>> posts = new ArrayList<>();
        JsonHttp tenant = http.withBearer(tenantToken);
        // REST to the copy that survives: a POST whose answer a kill cut off could not be told from a lost one.
        for (int i = 0; i < PINS / 2; i++) {
            String cid = cids.get(i);
            String name = "rest-" + i;
            posts.add(clients.submit(() -> tenant.post(second.baseUrl() + "/pins", Map.of("cid", cid, "name", name))));
        }
        List<String> eventPinIds = publishRequests(cids.subList(PINS / 2, PINS), source);

        int pinnedAtKill = awaitPinned(PINS * 3 / 10);
        assertThat(first.kill()).as("exit code of pin-service-1 after SIGKILL").isEqualTo(128 + 9);
        Instant killed = Instant.now();
        Map<String, Integer> statusesAtKill = statusCounts();
        first.start();

        List<String> restPinIds = new ArrayList<>();
        for (Future<JsonHttp.Answer> post : posts) {
            JsonHttp.Answer answer = post.get();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
            restPinIds.add(answer.json().path("requestid").asText());
        }
        clients.shutdown();
        first.awaitReady(PinfoldSystem.START_TIMEOUT);
        Instant restarted = Instant.now();
        await("all " + PINS + " pins pinned; now " + statusCounts()).atMost(SETTLE).pollInterval(Duration.ofMillis(250))
                .until(() -> statusCounts().getOrDefault("pinned", 0) >= PINS);
        Instant allPinned = Instant.now();

        // Nothing lost: every request is one pin, pinned, and on every node it is allocated to.
        Map<String, Long> rowsByName = rowsPerName();
        assertThat(rowsByName).as("desired_pin rows per request (named rest-i / event-i)").hasSize(PINS)
                .allSatisfy((name, rows) -> assertThat(rows).as("rows of request %s", name).isEqualTo(1L));
        assertThat(restPinIds).doesNotHaveDuplicates().hasSize(PINS / 2);
        Map<String, String> allPins = pinIdsByName();
        assertThat(allPins.values()).containsAll(restPinIds).containsAll(eventPinIds);
        assertThat(statusCounts()).as("desired_pin statuses of the tenant").containsExactly(Map.entry("pinned", PINS));
        Map<String, Set<String>> pinnedByNode = new HashMap<>();
        nodes.forEach((id, kubo) -> pinnedByNode.put(id, new KuboRpc(kubo.rpcUrl()).recursivePins()));
        List<String[]> allocations = allocations();
        assertThat(allocations).as("wanted node_pin rows").hasSizeGreaterThanOrEqualTo(PINS);
        assertThat(allocations.stream().filter(row -> !"pinned".equals(row[3])).map(row -> String.join(" ", row)).toList())
                .as("allocations not pinned").isEmpty();
        assertThat(allocations.stream().filter(row -> !pinnedByNode.get(row[1]).contains(row[2])).map(row -> row[0] + " " + row[2] + " on " + row[1]).toList())
                .as("allocated pins missing from the node's pin ls").isEmpty();

        // Never twice at once: per node, no two pin/add calls of one CID overlapped, whichever copy sent them.
        int calls = 0;
        int repeated = 0;
        for (KuboCallRecorder recorder : recorders) {
            assertThat(recorder.overlapping("pin/add")).as("pin/add calls of one CID running at once on %s", recorder).isEmpty();
            List<KuboCallRecorder.Call> adds = recorder.calls("pin/add");
            calls += adds.size();
            repeated += (int) adds.stream().collect(Collectors.groupingBy(KuboCallRecorder.Call::arg, Collectors.counting()))
                    .values().stream().filter(count -> count > 1).count();
        }
        System.err.printf("system test %s: %d pins (%d REST, %d events); content stored in %d ms; %d pinned at the kill -9 of "
                        + "pin-service-1 (%d ms after the first request; statuses %s); restarted copy ready %d ms after the kill; "
                        + "all pinned %d ms after the kill (%d ms in all); %d pin/add calls on 2 nodes, %d CIDs added more than once "
                        + "(retries after the kill), none at the same time%n",
                system.runId(), PINS, restPinIds.size(), eventPinIds.size(), Duration.between(start, stored).toMillis(), pinnedAtKill,
                Duration.between(stored, killed).toMillis(), statusesAtKill, Duration.between(killed, restarted).toMillis(),
                Duration.between(killed, allPinned).toMillis(), Duration.between(start, allPinned).toMillis(), calls, repeated);
    }

    /** 1,000 blocks of fresh bytes, half stored on each node, so each pin is fetched by one node and local on the other. */
    private static List<String> storeContent() {
        List<byte[]> blocks = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < PINS; i++) {
            byte[] block = randomBytes();
            blocks.add(block);
            expected.add(Cid.v1(Codec.RAW, Multihash.of(0x12, sha256(block))).toString());
        }
        List<String> stored = new ArrayList<>();
        stored.addAll(new KuboRpc(system.kubo().first().rpcUrl()).putRawBlocks(blocks.subList(0, PINS / 2)));
        stored.addAll(new KuboRpc(system.kubo().second().rpcUrl()).putRawBlocks(blocks.subList(PINS / 2, PINS)));
        assertThat(stored).as("CIDs of the stored blocks").isEqualTo(expected);
        return expected;
    }

    /** pin.requested for each CID as an outside publisher sends them, keyed by the request id it chose. */
    private static List<String> publishRequests(List<String> cids, String source) {
        EventCodec codec = new EventCodec();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrap());
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        List<String> pinIds = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < cids.size(); i++) {
                String pinId = "ev-" + system.runId() + "-" + i;
                PinRequested data = new PinRequested(pinId, TENANT, cids.get(i), "event-" + i, null, null, null);
                EventEnvelope<PinRequested> event = new EventEnvelope<>(pinId,
                        new EventMetadata(UUID.randomUUID().toString(), source, EventType.PIN_REQUESTED, Instant.now(), cids.get(i), null), data);
                producer.send(new ProducerRecord<>("pinfold.pins", null, pinId, codec.encode(data), CloudEventHeaders.write(event)));
                pinIds.add(pinId);
            }
            producer.flush();
        }
        return pinIds;
    }

    /** Waits until at least {@code count} of the tenant's pins are pinned; answers how many were. */
    private static int awaitPinned(int count) {
        AtomicReference<Integer> pinned = new AtomicReference<>(0);
        await("at least " + count + " pins pinned").atMost(SETTLE).pollInterval(Duration.ofMillis(100)).until(() -> {
            pinned.set(statusCounts().getOrDefault("pinned", 0));
            return pinned.get() >= count;
        });
        assertThat(pinned.get()).as("pins pinned at the kill: some must still be in flight").isLessThan(PINS);
        return pinned.get();
    }

    private static String status(String pinId) throws SQLException {
        List<String[]> rows = query("SELECT status FROM desired_pin WHERE pin_id = '" + pinId + "'", 1);
        return rows.isEmpty() ? null : rows.get(0)[0];
    }

    /** The crash test's pins by API status (the traced pin is named 'traced' and left out). */
    private static Map<String, Integer> statusCounts() throws SQLException {
        return query("SELECT status, count(*) FROM desired_pin WHERE tenant = '" + TENANT + "' AND name <> 'traced' GROUP BY status ORDER BY status", 2)
                .stream().collect(Collectors.toMap(row -> row[0], row -> Integer.parseInt(row[1]), (a, b) -> a, java.util.TreeMap::new));
    }

    private static Map<String, Long> rowsPerName() throws SQLException {
        return query("SELECT name, count(*) FROM desired_pin WHERE tenant = '" + TENANT + "' AND name <> 'traced' GROUP BY name", 2)
                .stream().collect(Collectors.toMap(row -> row[0], row -> Long.parseLong(row[1])));
    }

    private static Map<String, String> pinIdsByName() throws SQLException {
        return query("SELECT name, pin_id FROM desired_pin WHERE tenant = '" + TENANT + "' AND name <> 'traced'", 2)
                .stream().collect(Collectors.toMap(row -> row[0], row -> row[1], (a, b) -> a + "," + b));
    }

    /** pin id, node id, CID, status of every wanted allocation of the crash test's pins. */
    private static List<String[]> allocations() throws SQLException {
        return query("SELECT np.pin_id, np.node_id, np.cid, np.status FROM node_pin np JOIN desired_pin d ON d.pin_id = np.pin_id "
                + "WHERE np.wanted AND d.tenant = '" + TENANT + "' AND d.name <> 'traced'", 4);
    }

    private static List<String[]> query(String sql, int columns) throws SQLException {
        try (Connection connection = Postgres.connect(system.database(PinfoldService.PIN));
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String[]> result = new ArrayList<>();
            while (rows.next()) {
                String[] row = new String[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = rows.getString(c + 1);
                }
                result.add(row);
            }
            return result;
        }
    }

    private static List<TraceSpan> named(List<TraceSpan> spans, String operation) {
        return spans.stream().filter(span -> span.operationName().equals(operation)).toList();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[BLOCK_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static Path logDirectory() {
        String configured = System.getProperty("pinfold.system.logs");
        return configured == null || configured.isBlank() ? Path.of("target", "system-logs") : Path.of(configured);
    }
}
