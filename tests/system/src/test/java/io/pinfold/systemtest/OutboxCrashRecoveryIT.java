package io.pinfold.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.Topic;
import io.pinfold.events.pinstatus.PinStatus;
import io.pinfold.events.pinstatus.PinStatusChanged;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.systemtest.http.JsonHttp;
import io.pinfold.systemtest.kafka.TopicLog;
import io.pinfold.systemtest.outbox.OutboxRow;
import io.pinfold.systemtest.outbox.OutboxTable;
import io.pinfold.systemtest.outbox.RelayHold;
import io.pinfold.systemtest.process.ServiceProcess;
import io.pinfold.testsupport.kafka.TopicProbe;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.postgres.Postgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a service loses no event its outbox committed: not when the crash falls between the commit and the
 * publish, not when it falls in the middle of relaying a backlog. The test holds the relay off with a lease of its
 * own ({@link RelayHold}: a relay that does not hold the lease publishes nothing), so it knows, and asserts, what
 * was still in the outbox at the kill. Only pin-service runs, on a broker of its own: the topic is the truth here
 * (what consumers make of the events is {@link PinfoldSystemIT}'s concern).
 */
class OutboxCrashRecoveryIT {

    /** DESIGN.md: convergence within 30 s of a restart. */
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);
    private static final String NODE_REGISTERED = "io.pinfold.node.registered";
    /** Enough for the relay to need many batches (200 rows each by default), so a kill lands while it relays. */
    private static final int BACKLOG_EVENTS = 5000;
    private static final int BACKLOG_KEYS = 50;

    private static final JsonHttp http = new JsonHttp();
    private static PinfoldSystem system;
    private static ServiceProcess pin;
    private static OutboxTable outbox;
    private static TopicLog topics;

    @BeforeAll
    static void startPinService() {
        system = PinfoldSystem.startOnly(logDirectory(), EnumSet.of(PinfoldService.PIN));
        pin = system.process(PinfoldService.PIN);
        outbox = new OutboxTable(system.database(PinfoldService.PIN));
        topics = new TopicLog(system.kafkaBootstrap());
    }

    @AfterAll
    static void stopPinService() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anEventCommittedButNotYetPublishedAtAKillIsPublishedAsWrittenAfterTheRestart() throws SQLException {
        String nodeId = "crash-" + system.runId();
        KuboNode kubo = system.kubo().first();
        RelayHold hold = restartHeldOff();

        JsonHttp.Answer answer = http.withBearer(system.adminToken()).post(pin.baseUrl() + "/nodes",
                Map.of("id", nodeId, "rpcUrl", kubo.rpc(), "gatewayUrl", kubo.gateway()));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(pin.kill()).as("exit code of pin-service after SIGKILL").isEqualTo(128 + 9);

        // At the kill: the node and its event committed together, and the event had not left.
        assertThat(kuboNodeRows(nodeId)).as("kubo_node rows with id %s", nodeId).isEqualTo(1);
        List<OutboxRow> atKill = outbox.withKey(nodeId);
        assertThat(atKill).as("pin-service's outbox rows keyed %s at the kill", nodeId).hasSize(1);
        OutboxRow written = atKill.get(0);
        assertThat(written.topic()).isEqualTo(Topic.NODES.topicName());
        assertThat(written.eventType()).isEqualTo(NODE_REGISTERED);
        assertThat(keyed(topics.readAll(Topic.NODES.topicName()), nodeId)).as("records keyed %s published before the kill", nodeId)
                .isEmpty();

        hold.release();
        pin.start();
        pin.awaitReady(PinfoldSystem.START_TIMEOUT);
        Instant ready = Instant.now();
        await("pin-service's outbox to be drained of " + nodeId).atMost(CONVERGENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> outbox.withKey(nodeId).isEmpty());
        Duration convergence = Duration.between(ready, Instant.now());

        // At least once by design: the same event may arrive twice, never a different one, never none.
        List<ConsumerRecord<String, byte[]>> records = keyed(topics.readAll(Topic.NODES.topicName()), nodeId);
        assertThat(records).as("records keyed %s on %s after the restart", nodeId, Topic.NODES.topicName()).isNotEmpty()
                .allSatisfy(record -> assertPublishedAsWritten(record, written));
        System.err.printf("system test %s: kill -9 between commit and publish: event %s in the outbox at the kill, "
                        + "%d record(s) of it on %s (trace %s), drained %d ms after the restart was ready%n",
                system.runId(), written.eventId(), records.size(), Topic.NODES.topicName(),
                written.traceparent() == null ? "none written" : "continued", convergence.toMillis());
    }

    @Test
    void aBacklogTheRelayWasKilledInTheMiddleOfArrivesWholeAndInKeyOrderAfterTheRestart() {
        String source = "/pinfold/system-test/outbox-crash-" + system.runId();
        List<OutboxRow> backlog = backlog(source);
        Set<UUID> written = backlog.stream().map(OutboxRow::eventId).collect(Collectors.toSet());
        RelayHold hold = holdWhileStopped();
        outbox.append(backlog);
        pin.start();
        pin.awaitReady(PinfoldSystem.START_TIMEOUT);
        assertThat(outbox.countFromSource(source)).as("backlog rows waiting while the relay is held off").isEqualTo(BACKLOG_EVENTS);

        hold.release();
        // The relay deletes rows only after the broker acknowledged them: fewer rows means some are on the topic.
        int waitingBeforeKill = awaitPartlyRelayed(source);
        assertThat(pin.kill()).as("exit code of pin-service after SIGKILL").isEqualTo(128 + 9);

        // At the kill: part of the backlog out, part still waiting, and every event in one place or the other.
        Set<UUID> waitingAtKill = outbox.eventIdsFromSource(source);
        Set<UUID> publishedAtKill = eventIds(fromSource(topics.readAll(Topic.PIN_STATUS.topicName()), source));
        assertThat(waitingAtKill).as("backlog rows still in the outbox at the kill").isNotEmpty().hasSizeLessThanOrEqualTo(waitingBeforeKill);
        assertThat(publishedAtKill).as("backlog events on the topic at the kill").isNotEmpty().isSubsetOf(written);
        Set<UUID> nowhere = new HashSet<>(written);
        nowhere.removeAll(waitingAtKill);
        nowhere.removeAll(publishedAtKill);
        assertThat(nowhere).as("backlog events neither in the outbox nor on the topic at the kill (%d)", nowhere.size()).isEmpty();

        pin.start();
        pin.awaitReady(PinfoldSystem.START_TIMEOUT);
        Instant ready = Instant.now();
        await("pin-service's outbox to be drained of the backlog").atMost(CONVERGENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> outbox.countFromSource(source) == 0);
        Duration convergence = Duration.between(ready, Instant.now());

        List<ConsumerRecord<String, byte[]>> records = fromSource(topics.readAll(Topic.PIN_STATUS.topicName()), source);
        Map<UUID, OutboxRow> byId = backlog.stream().collect(Collectors.toMap(OutboxRow::eventId, Function.identity()));
        assertThat(eventIds(records)).as("backlog events on the topic after the restart").isEqualTo(written);
        assertThat(records).allSatisfy(record -> assertPublishedAsWritten(record, byId.get(eventId(record))));
        assertThat(outOfCommitOrder(idsByKey(backlog), firstArrivalsByKey(records)))
                .as("keys whose events first arrived out of commit order, with the commit positions in arrival order").isEmpty();
        System.err.printf("system test %s: kill -9 mid-backlog: %d events written, %d published and %d waiting at the kill; "
                        + "after the restart all %d on %s in key order, %d duplicate record(s), drained %d ms after ready%n",
                system.runId(), BACKLOG_EVENTS, publishedAtKill.size(), waitingAtKill.size(), written.size(),
                Topic.PIN_STATUS.topicName(), records.size() - written.size(), convergence.toMillis());
    }

    /** Kills pin-service and holds its relay off, then starts it again: the new relay stands by. */
    private static RelayHold restartHeldOff() {
        RelayHold hold = holdWhileStopped();
        pin.start();
        pin.awaitReady(PinfoldSystem.START_TIMEOUT);
        return hold;
    }

    /** kill -9 rather than a stop: quicker, and the hold replaces the lease the killed relay leaves behind. */
    private static RelayHold holdWhileStopped() {
        if (pin.alive()) {
            pin.kill();
        }
        return RelayHold.take(system.database(PinfoldService.PIN));
    }

    /**
     * Waits until the relay is halfway through the backlog, polling the outbox as fast as a query goes; returns how
     * many rows were still waiting. Halfway, not at its first batch: the relay is then in full flow, so the kill
     * lands wherever it happens to be in a batch (reading, sending, awaiting acks or deleting).
     */
    private static int awaitPartlyRelayed(String source) {
        Instant deadline = Instant.now().plus(CONVERGENCE);
        while (Instant.now().isBefore(deadline)) {
            int waiting = outbox.countFromSource(source);
            if (waiting == 0) {
                throw new AssertionError("the relay published all " + BACKLOG_EVENTS + " backlog events between two looks at "
                        + "the outbox; a larger backlog is needed to kill it in the middle");
            }
            if (waiting <= BACKLOG_EVENTS / 2) {
                return waiting;
            }
            assertThat(pin.alive()).as("pin-service alive while relaying\n%s", pin.logTail()).isTrue();
        }
        throw new AssertionError("the relay published none of the backlog within " + CONVERGENCE.toSeconds()
                + " s of the lease's release\n" + pin.logTail());
    }

    /**
     * Pin-status reports for {@value #BACKLOG_KEYS} pins (keys) in turn, each with its attempt counting up, as
     * a reconciler writes them: valid events of the contract, on a topic no service of this system consumes.
     */
    private static List<OutboxRow> backlog(String source) {
        List<Cid> contents = new ArrayList<>();
        for (int k = 0; k < BACKLOG_KEYS; k++) {
            contents.add(Cid.v1(Codec.RAW, Multihash.of(0x12, sha256(source + "/" + k))));
        }
        List<OutboxRow> rows = new ArrayList<>(BACKLOG_EVENTS);
        for (int i = 0; i < BACKLOG_EVENTS; i++) {
            Cid content = contents.get(i % BACKLOG_KEYS);
            PinStatusChanged report = new PinStatusChanged("crash-pin-" + (i % BACKLOG_KEYS), content.toString(), "crash-node",
                    PinStatus.PINNING, null, i / BACKLOG_KEYS + 1, null, null);
            rows.add(OutboxRow.of(EventEnvelope.create(source, report))); // keyed by the pin's request id
        }
        return rows;
    }

    private static void assertPublishedAsWritten(ConsumerRecord<String, byte[]> record, OutboxRow row) {
        assertThat(row).as("outbox row of record %s", record).isNotNull();
        assertThat(record.topic()).isEqualTo(row.topic());
        assertThat(record.key()).isEqualTo(row.recordKey());
        assertThat(header(record, "ce_id")).isEqualTo(row.eventId().toString());
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_type")).isEqualTo(row.eventType());
        assertThat(header(record, "ce_source")).isEqualTo(row.eventSource());
        assertThat(header(record, "ce_subject")).isEqualTo(row.subject());
        assertThat(Instant.parse(header(record, "ce_time"))).isEqualTo(row.eventTime());
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(row.payload());
        if (row.traceparent() != null) {
            // The published record continues the trace of the request that wrote the row, across the crash.
            assertThat(traceId(header(record, "traceparent"))).as("trace of %s", record).isEqualTo(traceId(row.traceparent()));
        }
    }

    /** For each key whose first arrivals differ from its commits: the commit positions (from 0) in the order they arrived. */
    private static Map<String, List<Integer>> outOfCommitOrder(Map<String, List<UUID>> committed, Map<String, List<UUID>> arrived) {
        Map<String, List<Integer>> outOfOrder = new LinkedHashMap<>();
        committed.forEach((key, ids) -> {
            List<UUID> arrivals = arrived.getOrDefault(key, List.of());
            if (!arrivals.equals(ids)) {
                outOfOrder.put(key, arrivals.stream().map(ids::indexOf).toList());
            }
        });
        return outOfOrder;
    }

    private static Map<String, List<UUID>> idsByKey(List<OutboxRow> rows) {
        Map<String, List<UUID>> byKey = new LinkedHashMap<>();
        rows.forEach(row -> byKey.computeIfAbsent(row.recordKey(), key -> new ArrayList<>()).add(row.eventId()));
        return byKey;
    }

    /** Each key's event ids in the order they first reached the topic; later duplicates are ignored. */
    private static Map<String, List<UUID>> firstArrivalsByKey(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Set<UUID>> byKey = new LinkedHashMap<>();
        records.forEach(record -> byKey.computeIfAbsent(record.key(), key -> new LinkedHashSet<>()).add(eventId(record)));
        Map<String, List<UUID>> ordered = new LinkedHashMap<>();
        byKey.forEach((key, ids) -> ordered.put(key, List.copyOf(ids)));
        return ordered;
    }

    private static List<ConsumerRecord<String, byte[]>> keyed(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(record -> key.equals(record.key())).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> fromSource(List<ConsumerRecord<String, byte[]>> records, String source) {
        return records.stream().filter(record -> source.equals(header(record, "ce_source"))).toList();
    }

    private static Set<UUID> eventIds(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(OutboxCrashRecoveryIT::eventId).collect(Collectors.toSet());
    }

    private static UUID eventId(ConsumerRecord<String, byte[]> record) {
        return UUID.fromString(header(record, "ce_id"));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return TopicProbe.header(record, name);
    }

    /** The trace id of a W3C traceparent (version-traceid-spanid-flags). */
    private static String traceId(String traceparent) {
        assertThat(traceparent).as("traceparent").isNotNull().matches("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        return traceparent.split("-")[1];
    }

    private static int kuboNodeRows(String nodeId) throws SQLException {
        try (Connection connection = Postgres.connect(system.database(PinfoldService.PIN));
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM kubo_node WHERE id = ?")) {
            statement.setString(1, nodeId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static Path logDirectory() {
        String configured = System.getProperty("pinfold.system.logs");
        return configured == null || configured.isBlank() ? Path.of("target", "system-logs") : Path.of(configured);
    }
}
