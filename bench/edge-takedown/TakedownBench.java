import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The takedown path of gateway-edge, end to end: clients hammer one CID through every running edge copy; a denylist
 * entry for it is published on pinfold.denylist (as takedown-service publishes it: the project's own event classes
 * and codec); the time from just before the publish to each copy's first 410 is one sample. The entry's tombstone is
 * then published and the time to each copy's first 200 again is a removal sample. Every round uses new content (an
 * identity CID, which Kubo answers from the CID itself, so no round waits on a fetch).
 *
 * <p>Baseline, same run: a plain Kafka consumer of pinfold.denylist in this process (assigned every partition, polling
 * back to back) timestamps each record's arrival: publish → record delivered is the floor any consumer of the topic
 * pays, and edge/baseline says how much the edge adds on top (applying the entry, and the next request seeing it).
 *
 * <p>Run on gateway-edge's own classpath (its quarkus-app/lib/main: event contracts, CID library, Kafka client):
 * java -cp 'services/gateway-edge/target/quarkus-app/lib/main/*' TakedownBench.java BOOTSTRAP ROUNDS CLIENTS EDGE_URL...
 */
public class TakedownBench {
    private static final Duration GIVE_UP = Duration.ofSeconds(10);
    /** Round trip of every hammering request (ms): a sample's resolution, and part of every sample. */
    private static final ConcurrentLinkedQueue<Double> ROUND_TRIPS = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: TakedownBench BOOTSTRAP ROUNDS CLIENTS_PER_EDGE EDGE_URL...");
            System.exit(2);
        }
        String bootstrap = args[0];
        int rounds = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        List<String> edges = Arrays.asList(args).subList(3, args.length);
        String run = UUID.randomUUID().toString().substring(0, 8);
        EventCodec codec = new EventCodec();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

        Map<String, Long> delivered = new ConcurrentHashMap<>();
        AtomicBoolean consuming = new AtomicBoolean(true);
        Thread baseline = baselineConsumer(bootstrap, delivered, consuming);
        List<Double> floorAdded = new ArrayList<>();
        List<Double> floorRemoved = new ArrayList<>();
        List<Double> added = new ArrayList<>();
        List<Double> removed = new ArrayList<>();
        double[][] perEdge = new double[edges.size()][rounds];
        long[] otherStatuses = new long[1];
        int missed = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int round = 0; round < rounds + 1; round++) { // round 0 warms up and is not counted
                byte[] data = ("takedown bench " + run + " round " + round).getBytes(StandardCharsets.UTF_8);
                String cid = Cid.v1(Codec.RAW, Multihash.of(0x00, data)).toString();
                for (String edge : edges) {
                    await(http, edge + "/ipfs/" + cid, 200);
                }
                DenylistEntryAdded entry = DenylistEntryAdded.of("/ipfs/" + cid, 410, null, "takedown bench", "bench-" + run + "-" + round);
                EventEnvelope<DenylistEntryAdded> event = EventEnvelope.create(PinfoldSource.TAKEDOWN_SERVICE, entry);
                byte[] value = codec.encode(entry);
                long[] starts = new long[2];
                double[] toBlock = measure(starts, 0, http, edges, cid, 410, clients, otherStatuses, () -> producer.send(
                        new ProducerRecord<>("pinfold.denylist", null, entry.recordKey(), value, CloudEventHeaders.write(event))));
                double[] toServe = measure(starts, 1, http, edges, cid, 200, clients, otherStatuses, () -> producer.send(
                        new ProducerRecord<>("pinfold.denylist", null, entry.recordKey(), null, List.of())));
                if (round == 0) {
                    continue;
                }
                floorAdded.add(floor(delivered, entry.recordKey() + "+", starts[0]));
                floorRemoved.add(floor(delivered, entry.recordKey() + "-", starts[1]));
                for (int e = 0; e < edges.size(); e++) {
                    if (Double.isNaN(toBlock[e]) || Double.isNaN(toServe[e])) {
                        missed++;
                    }
                    added.add(toBlock[e]);
                    removed.add(toServe[e]);
                    perEdge[e][round - 1] = toBlock[e];
                }
                System.err.printf(Locale.ROOT, "  round %d: blocked after %s ms (Kafka delivery %.1f ms), served again after %s ms (%.1f ms)%n",
                        round, fmt(toBlock), floorAdded.get(floorAdded.size() - 1), fmt(toServe), floorRemoved.get(floorRemoved.size() - 1));
            }
        }
        consuming.set(false);
        baseline.join(5_000);
        System.out.printf(Locale.ROOT, "RESULT rounds=%d edges=%d clients_per_edge=%d%n", rounds, edges.size(), clients);
        System.out.printf(Locale.ROOT, "RESULT entry-added->410  p50=%.1f p99=%.1f max=%.1f ms (%d samples)%n", pct(added, 50), pct(added, 99),
                pct(added, 100), added.size());
        System.out.printf(Locale.ROOT, "RESULT baseline: publish->record delivered to a plain consumer p50=%.1f p99=%.1f max=%.1f ms (%d samples)%n",
                pct(floorAdded, 50), pct(floorAdded, 99), pct(floorAdded, 100), floorAdded.size());
        System.out.printf(Locale.ROOT, "RESULT ratio edge/baseline: p50 %.2f, p99 %.2f (entry-added->410 over publish->delivered)%n",
                pct(added, 50) / pct(floorAdded, 50), pct(added, 99) / pct(floorAdded, 99));
        List<Double> trips = new ArrayList<>(ROUND_TRIPS);
        System.out.printf(Locale.ROOT, "RESULT request round trip while hammering p50=%.1f p99=%.1f ms (%d requests): part of every sample above%n",
                pct(trips, 50), pct(trips, 99), trips.size());
        System.out.printf(Locale.ROOT, "RESULT tombstone->200    p50=%.1f p99=%.1f max=%.1f ms (%d samples)%n", pct(removed, 50), pct(removed, 99),
                pct(removed, 100), removed.size());
        for (int e = 0; e < edges.size(); e++) {
            List<Double> one = new ArrayList<>();
            for (double v : perEdge[e]) {
                one.add(v);
            }
            System.out.printf(Locale.ROOT, "RESULT edge %d (%s): entry-added->410 p50=%.1f max=%.1f ms%n", e + 1, edges.get(e), pct(one, 50), pct(one, 100));
        }
        System.out.printf(Locale.ROOT, "RESULT answers other than 200/410 while hammering: %d; samples that missed the %d s limit: %d%n",
                otherStatuses[0], GIVE_UP.toSeconds(), missed);
    }

    /**
     * Hammers the CID through every edge ({@code clients} threads each, back to back), runs {@code publish} and returns,
     * per edge, the milliseconds from just before the publish to the first response with {@code status} (NaN: none
     * within the limit). A response counts only if its request was sent after the publish started.
     */
    private static double[] measure(long[] starts, int slot, HttpClient http, List<String> edges, String cid, int status, int clients, long[] other,
                                     Runnable publish) throws Exception {
        AtomicLong[] firstSeen = new AtomicLong[edges.size()];
        AtomicLong published = new AtomicLong(Long.MAX_VALUE);
        AtomicLong others = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int e = 0; e < edges.size(); e++) {
            AtomicLong seen = firstSeen[e] = new AtomicLong();
            HttpRequest request = HttpRequest.newBuilder(URI.create(edges.get(e) + "/ipfs/" + cid)).timeout(Duration.ofSeconds(5)).GET().build();
            for (int c = 0; c < clients; c++) {
                Thread thread = new Thread(() -> {
                    while (running.get() && seen.get() == 0) {
                        long sent = System.nanoTime();
                        try {
                            int answer = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                            ROUND_TRIPS.add((System.nanoTime() - sent) / 1e6);
                            if (answer == status && sent >= published.get()) {
                                seen.compareAndSet(0, System.nanoTime());
                            } else if (answer != 200 && answer != 410) {
                                others.incrementAndGet();
                            }
                        } catch (Exception failed) {
                            others.incrementAndGet();
                        }
                    }
                });
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }
        Thread.sleep(100); // every client in its loop
        long start = System.nanoTime();
        starts[slot] = start;
        published.set(start);
        publish.run();
        long deadline = start + GIVE_UP.toNanos();
        while (System.nanoTime() < deadline && Arrays.stream(firstSeen).anyMatch(seen -> seen.get() == 0)) {
            Thread.sleep(1);
        }
        running.set(false);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        other[0] += others.get();
        double[] millis = new double[edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            long seen = firstSeen[e].get();
            millis[e] = seen == 0 ? Double.NaN : (seen - start) / 1e6;
        }
        return millis;
    }

    /** A consumer of every partition of pinfold.denylist from its end: arrival time per "key+" (entry) / "key-" (tombstone). */
    private static Thread baselineConsumer(String bootstrap, Map<String, Long> delivered, AtomicBoolean consuming) throws Exception {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor("pinfold.denylist", Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before anything is published
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (consuming.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        delivered.putIfAbsent(record.key() + (record.value() == null ? "-" : "+"), System.nanoTime());
                    }
                }
            }
        }, "baseline-consumer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static double floor(Map<String, Long> delivered, String key, long start) {
        Long at = delivered.get(key);
        return at == null ? Double.NaN : (at - start) / 1e6;
    }

    private static void await(HttpClient http, String url, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int last = 0;
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == status) {
                    return;
                }
            } catch (Exception e) {
                last = -1;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(url + " did not answer " + status + " within 30 s (last: " + last + ")");
    }

    /** Nearest-rank percentile; a missed sample (NaN) counts as the worst. */
    private static double pct(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(v -> Double.isNaN(v) ? Double.POSITIVE_INFINITY : v).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String fmt(double[] values) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(out.length() == 0 ? "" : " / ").append(Double.isNaN(v) ? "missed" : String.format(Locale.ROOT, "%.0f", v));
        }
        return out.toString();
    }
}
