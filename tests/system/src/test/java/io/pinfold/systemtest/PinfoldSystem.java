package io.pinfold.systemtest;

import io.pinfold.systemtest.health.HealthReport;
import io.pinfold.systemtest.process.ServiceProcess;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.kafka.KafkaBroker;
import io.pinfold.testsupport.postgres.Postgres;
import io.pinfold.testsupport.postgres.PostgresDatabase;
import io.pinfold.testsupport.stack.FreePorts;
import io.pinfold.testsupport.tracing.Jaeger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The four packaged services as separate JVMs, wired to real parts: a Kafka broker of their own (see
 * {@link KafkaBroker#isolated()}), one fresh database per service on the shared PostgreSQL, the shared Kubo nodes
 * and the shared Jaeger. pin-service starts with no configured nodes, so every node event of this system
 * starts at an operator's POST /nodes.
 */
public final class PinfoldSystem implements AutoCloseable {

    /**
     * Generous: four Quarkus JVMs start at once on a 2-core machine that may be busy with a build. A machine far
     * busier than CI may raise it with -Dpinfold.system.start-timeout-seconds.
     */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("pinfold.system.start-timeout-seconds", 150));

    // Small heaps; C1 only and the serial collector start a JVM faster on 2 cores, which is what matters here.
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final String GATEWAYS_CHECK = "Kubo gateways";

    private final String runId;
    /** pin-service's admin token for this run (PINFOLD_PIN_ADMIN_TOKEN): /nodes and /admin need it. */
    private final String adminToken = randomToken();
    private final KafkaBroker kafka;
    private final Postgres postgres;
    private final KuboNodes kubo;
    private final Jaeger jaeger;
    private final Map<PinfoldService, PostgresDatabase> databases = new EnumMap<>(PinfoldService.class);
    private final Map<PinfoldService, ServiceProcess> processes = new EnumMap<>(PinfoldService.class);
    /** Copies of pin-service beside each other on one database ({@link #startPinCopies}). */
    private final List<ServiceProcess> pinCopies = new java.util.ArrayList<>();

    private PinfoldSystem(String runId, KafkaBroker kafka, Postgres postgres, KuboNodes kubo, Jaeger jaeger) {
        this.runId = runId;
        this.kafka = kafka;
        this.postgres = postgres;
        this.kubo = kubo;
        this.jaeger = jaeger;
    }

    /**
     * Starts everything and waits until pin-service, gc-service and takedown-service are ready, and the edge
     * has every check UP but possibly its Kubo gateways one (it has no gateway until a node is registered).
     */
    public static PinfoldSystem start(Path logDirectory) {
        PinfoldSystem system = create();
        try {
            system.launch(logDirectory, EnumSet.allOf(PinfoldService.class));
            system.awaitStarted();
            return system;
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    /**
     * Only these services, launched as {@link #start} launches them and each awaited ready: for a test about
     * one service that needs none of the others (and a shorter start on a busy machine). Not the edge, which
     * is never ready before a node is registered.
     */
    public static PinfoldSystem startOnly(Path logDirectory, Set<PinfoldService> services) {
        if (services.isEmpty() || services.contains(PinfoldService.EDGE)) {
            throw new IllegalArgumentException("services: one or more of pin-service, gc-service, takedown-service; was " + services);
        }
        PinfoldSystem system = create();
        try {
            system.launch(logDirectory, services);
            services.forEach(service -> system.processes.get(service).awaitReady(START_TIMEOUT));
            return system;
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    /**
     * {@code copies} pin-service JVMs on one database and broker, as an operator runs several copies: each its own
     * ports, log (pin-service-1.log, …) and reconciler, all with the same admin token and the extra {@code -D}
     * settings given. Each awaited ready. Nothing else of the system runs.
     */
    public static PinfoldSystem startPinCopies(Path logDirectory, int copies, Map<String, String> systemProperties) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies: at least 1, was " + copies);
        }
        PinfoldSystem system = create();
        try {
            system.launchPinCopies(logDirectory, copies, systemProperties);
            system.pinCopies.forEach(copy -> copy.awaitReady(START_TIMEOUT));
            return system;
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    /** The copies {@link #startPinCopies} started, in order. */
    public List<ServiceProcess> pinCopies() {
        return List.copyOf(pinCopies);
    }

    private static PinfoldSystem create() {
        String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        return new PinfoldSystem(runId, KafkaBroker.isolated(), Postgres.shared(), KuboNodes.shared(), Jaeger.shared());
    }

    public String runId() {
        return runId;
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return "pf_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String adminToken() {
        return adminToken;
    }

    public ServiceProcess process(PinfoldService service) {
        return processes.get(service);
    }

    /** A service's database; for pin-service copies, the one they share. */
    public PostgresDatabase database(PinfoldService service) {
        PostgresDatabase database = databases.get(service);
        if (database == null) {
            throw new IllegalArgumentException(service.serviceName() + " has no database");
        }
        return database;
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public KuboNodes kubo() {
        return kubo;
    }

    public Jaeger jaeger() {
        return jaeger;
    }

    /** Stops the services (SIGTERM) and drops their databases. */
    @Override
    public void close() {
        processes.values().forEach(ServiceProcess::stop);
        pinCopies.forEach(ServiceProcess::stop);
        try (Connection connection = Postgres.connect(new PostgresDatabase(postgres.host(), postgres.port(), "postgres",
                postgres.user(), postgres.password())); Statement statement = connection.createStatement()) {
            for (PostgresDatabase database : databases.values()) {
                statement.execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("system test: could not drop databases " + databases.values() + ": " + e.getMessage());
        }
    }

    private void launchPinCopies(Path logDirectory, int copies, Map<String, String> systemProperties) {
        announce();
        List<Integer> ports = FreePorts.take(2 * copies);
        PostgresDatabase database = postgres.createDatabase(PinfoldService.PIN.databaseName(runId));
        databases.put(PinfoldService.PIN, database);
        for (int copy = 0; copy < copies; copy++) {
            ServiceProcess.Builder builder = builder(PinfoldService.PIN, PinfoldService.PIN.serviceName() + "-" + (copy + 1),
                    ports.get(2 * copy), ports.get(2 * copy + 1), logDirectory)
                    .env(PinfoldService.PIN.databaseVariable().orElseThrow(), database.name());
            configure(PinfoldService.PIN, builder);
            systemProperties.forEach(builder::systemProperty);
            pinCopies.add(builder.build());
        }
        pinCopies.forEach(ServiceProcess::start);
    }

    private void announce() {
        System.err.printf("system test %s: %s, %s, Kubo %s, %s%n", runId, kafka, postgres,
                kubo.all().stream().map(KuboNode::rpc).toList(), jaeger);
    }

    private Map<String, String> sharedEnvironment() {
        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("PINFOLD_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        shared.put("PINFOLD_PG_HOST", postgres.host());
        shared.put("PINFOLD_PG_PORT", Integer.toString(postgres.port()));
        shared.put("PINFOLD_PG_USER", postgres.user());
        shared.put("PINFOLD_PG_PASSWORD", postgres.password());
        shared.put("PINFOLD_OTLP_ENDPOINT", jaeger.otlpEndpoint());
        return shared;
    }

    private ServiceProcess.Builder builder(PinfoldService service, String name, int port, int managementPort, Path logDirectory) {
        return ServiceProcess.builder(name)
                .jar(service.jar())
                .port(service.portVariable(), port)
                .managementPort(service.managementPortVariable(), managementPort)
                .env(sharedEnvironment())
                .jvmOptions(JVM_OPTIONS)
                // Spans leave every 0.5 s instead of 5 s, so the trace is in Jaeger soon after the work.
                .systemProperty("quarkus.otel.bsp.schedule.delay", "0.5s")
                .logDirectory(logDirectory);
    }

    private void configure(PinfoldService service, ServiceProcess.Builder builder) {
        switch (service) {
            // Empty, not unset: unset would fall back to the defaults of application.properties.
            case PIN -> builder.systemProperty("pinfold.kubo.rpc-urls", "").systemProperty("pinfold.kubo.gateway-urls", "")
                    .env("PINFOLD_PIN_ADMIN_TOKEN", adminToken);
            case GC -> builder.env("PINFOLD_KUBO_RPC_URLS", kubo.all().stream().map(KuboNode::rpc).collect(Collectors.joining(",")));
            default -> {
            }
        }
    }

    private void launch(Path logDirectory, Set<PinfoldService> services) {
        announce();
        List<Integer> ports = FreePorts.take(2 * PinfoldService.values().length);
        for (PinfoldService service : services) {
            ServiceProcess.Builder builder = builder(service, service.serviceName(), ports.get(2 * service.ordinal()),
                    ports.get(2 * service.ordinal() + 1), logDirectory);
            service.databaseVariable().ifPresent(variable -> {
                PostgresDatabase database = postgres.createDatabase(service.databaseName(runId));
                databases.put(service, database);
                builder.env(variable, database.name());
            });
            configure(service, builder);
            processes.put(service, builder.build());
        }
        // All at once: the JVMs start in parallel and the waits below overlap.
        processes.values().forEach(ServiceProcess::start);
    }

    private void awaitStarted() {
        for (PinfoldService service : List.of(PinfoldService.PIN, PinfoldService.GC, PinfoldService.TAKEDOWN)) {
            processes.get(service).awaitReady(START_TIMEOUT);
        }
        processes.get(PinfoldService.EDGE).awaitHealth("/q/health/ready", "every readiness check UP but '" + GATEWAYS_CHECK + "'",
                PinfoldSystem::upButGateways, START_TIMEOUT);
    }

    private static boolean upButGateways(HealthReport report) {
        return !report.checks().isEmpty()
                && report.checks().values().stream().allMatch(check -> check.up() || check.name().equals(GATEWAYS_CHECK));
    }
}
