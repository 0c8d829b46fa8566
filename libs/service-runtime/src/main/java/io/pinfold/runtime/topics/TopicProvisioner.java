package io.pinfold.runtime.topics;

import io.pinfold.events.Topic;
import io.pinfold.events.TopicSpec;
import io.pinfold.runtime.kafka.KafkaClientConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the Pinfold topics that are missing, with their partitions and configs (compaction for nodes and
 * denylist), and checks the ones that exist against the contract ({@link TopicContractCheck}), so every
 * environment gets the same topics. Its admin client gets the service's own Kafka client configuration, so a
 * SASL/TLS cluster is reached the same way as by the messaging channels. Idempotent, so N copies may race.
 * Retries in the background until Kafka answers and the topics match; readiness stays DOWN until then.
 */
@ApplicationScoped
public class TopicProvisioner {
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);
    private static final long RETRY_SECONDS = 2;
    /** A mismatch needs an operator; look again now and then so fixing the topic needs no restart. */
    private static final long RECHECK_SECONDS = 10;

    private final Map<String, Object> adminConfig;
    private final List<TopicSpec> specs;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pinfold-topic-provisioner");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean provisioned;
    private volatile String lastError = "not tried yet";
    private volatile List<String> mismatches = List.of();

    @Inject
    public TopicProvisioner(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                            @ConfigProperty(name = "pinfold.topics.replication-factor", defaultValue = "1") short replication,
                            @ConfigProperty(name = "pinfold.topics.partitions", defaultValue = "6") int partitions) {
        this(kafkaConfig, deploymentSpecs(replication, partitions));
    }

    /** For the given topics instead of every Pinfold topic. */
    public TopicProvisioner(Map<String, Object> kafkaConfig, List<TopicSpec> specs) {
        Map<String, Object> config = new HashMap<>(KafkaClientConfig.admin(kafkaConfig));
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        this.adminConfig = Map.copyOf(config);
        this.specs = List.copyOf(specs);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts provisioning in the background; {@link #provisioned()} tells when it is done. */
    public void start() {
        retries.execute(this::attempt);
    }

    public void stop() {
        retries.shutdownNow();
    }

    /** True once every topic exists and matches the contract. */
    public boolean provisioned() {
        return provisioned;
    }

    /** Why the topics are not provisioned (Kafka unreachable, or the contract mismatches, one per line), or null. */
    public String lastError() {
        return lastError;
    }

    /** The settings of existing topics that break the contract, one line each; empty when none was found. */
    public List<String> mismatches() {
        return mismatches;
    }

    /** The topics as this deployment creates them: the contract's specs with the configured partitions and replication. */
    public List<TopicSpec> specs() {
        return specs;
    }

    Map<String, Object> adminConfig() {
        return adminConfig;
    }

    static List<TopicSpec> deploymentSpecs(short replication, int partitions) {
        List<TopicSpec> specs = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            TopicSpec spec = topic.spec().withReplicationFactor(replication);
            specs.add(topic.kind() == Topic.Kind.DEAD_LETTER ? spec : spec.withPartitions(partitions));
        }
        return specs;
    }

    private void attempt() {
        List<String> found;
        try {
            found = ensureTopics();
        } catch (Exception e) {
            provisioned = false;
            lastError = rootMessage(e);
            LOG.warnf("Kafka topics not provisioned yet (%s); retrying in %d s", lastError, RETRY_SECONDS);
            retries.schedule(this::attempt, RETRY_SECONDS, TimeUnit.SECONDS);
            return;
        }
        if (!found.equals(mismatches)) {
            found.forEach(line -> LOG.errorf("%s; readiness stays DOWN until the topic is fixed", line));
        }
        mismatches = List.copyOf(found);
        provisioned = found.isEmpty();
        lastError = found.isEmpty() ? null : String.join("; ", found);
        if (!found.isEmpty()) {
            retries.schedule(this::attempt, RECHECK_SECONDS, TimeUnit.SECONDS);
        }
    }

    private List<String> ensureTopics() throws Exception {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            // Topics this copy creates match the contract by construction (and the broker may not describe them
            // for a moment after creation); the check is for the ones somebody else made.
            List<TopicSpec> toCheck = new ArrayList<>(specs.stream().filter(spec -> existing.contains(spec.name())).toList());
            List<NewTopic> missing = specs.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(TopicSpec::toNewTopic)
                    .toList();
            if (!missing.isEmpty()) {
                List<String> created = new ArrayList<>();
                for (Map.Entry<String, KafkaFuture<Void>> creation : admin.createTopics(missing).values().entrySet()) {
                    try {
                        creation.getValue().get(10, TimeUnit.SECONDS);
                        created.add(creation.getKey());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                        // Another copy (or someone else) created it first: check what they created.
                        specs.stream().filter(spec -> spec.name().equals(creation.getKey())).forEach(toCheck::add);
                    }
                }
                if (!created.isEmpty()) {
                    LOG.infof("created Kafka topics %s", created);
                }
            }
            return toCheck.isEmpty() ? List.of() : new TopicContractCheck(admin).mismatches(toCheck);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
